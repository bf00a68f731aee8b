import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * zxcvbn's score 2 means at least a million guesses. Sign-in is throttled to a few attempts
 * per account per quarter hour and hashes are argon2id, so that is years of online guessing;
 * the common-password lists attackers start with all score 0 or 1.
 */
export const minimumPasswordScore = 2;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Loaded and built on first use: the word lists take ~50 ms and some 14 MB of memory, which a
 * server that nobody signs up to (and the CLI) need not pay.
 */
function strengthEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/**
 * Why this password is refused (a sentence for the `password` field), or null when it is
 * fine. Checked offline against zxcvbn's common-password and word lists and the user's own
 * email and name.
 */
export async function passwordWeakness(
  password: string,
  about: { email: string; name?: string },
): Promise<string | null> {
  const email = about.email.toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  const lower = password.toLowerCase();
  if (lower.includes(email) || (localPart.length >= 3 && lower.includes(localPart)))
    return 'must not contain your email address or its name part: that is the first guess an attacker makes.';
  // zxcvbn's matching grows quickly with length; past 100 characters nothing is guessable anyway.
  const inputs = [email, localPart, ...(about.name ? about.name.toLowerCase().split(/\s+/) : [])];
  const { score } = (await strengthEstimator()).check(password.slice(0, 100), inputs);
  if (score < minimumPasswordScore)
    return 'is too common or too easy to guess, so attackers would try it early. Use three or four unrelated words, or a longer phrase.';
  return null;
}
