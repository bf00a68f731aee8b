/**
 * Text a person types into a referrer-facing letter is checked like its merge fields (§3.2):
 * it may not name the referred person, a distinctive word of their need, or a status, unless
 * what the referred person allowed covers it. Pure: the words in, the first finding out.
 */
import { type Disclosure, isFieldAllowed, withoutMergeFields } from './letter.rules.ts';

/** Lower case, accents dropped ("Zoë" and "zoe" are one word), so a spelling cannot slip past. */
export const foldText = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

/** The words of a text, folded; merge fields are not typed text and are left out. */
export function wordsOf(text: string): string[] {
  return foldText(withoutMergeFields(text)).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words too common to say anything about a person's need even when the need uses them:
 * function words and the everyday words of the trades Vouch serves. A word of the need is
 * "distinctive" when it has 4 or more letters, is not one of these, and is not a word the
 * practice uses to describe itself (its name, value proposition, ideal client).
 */
const commonWords = new Set(
  `
about above after again against also around because been before being below between both
case could does doing down during each even every from further have having help here into
just like make more most much need needs only other over same should some such than that
their them then there these they this those through under until very want wants were what
when where which while with would your yours
advice business client clients company family find first good great home life looking
month months new next people person plan problem problems question questions service
services someone something support thing things time today week weeks work year years
`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words and phrases that tell a referrer where the person stands. The first group is what
 * a treating provider may hear under HIPAA (seen/scheduled); the rest needs consent.
 */
export const seenWords = ['seen', 'scheduled', 'appointment', 'appointments', 'booked'];
export const statusPhrases = [
  'became a client',
  'become a client',
  'becoming a client',
  'now a client',
  'is a client',
  'are a client',
  'hired',
  'signed',
  'retained',
  'engaged',
  'enrolled',
  'intake',
  'onboarded',
];

export type TypedFinding = {
  kind: 'name' | 'need' | 'status';
  /** The word as typed (a status phrase: as listed). */
  found: string;
};

export type TypedTextSubject = {
  referredName: string;
  /** Words the referred person shares with the referrer (a family name) are the referrer's too. */
  referrerName: string;
  need: string | null;
  /** The practice's own words (name, value proposition, ideal client): never distinctive. */
  practiceWords: string;
};

/** The distinctive words of a need (see commonWords), folded. */
export function distinctiveWordsOf(need: string | null, practiceWords: string): string[] {
  const ordinary = new Set(wordsOf(practiceWords));
  return [
    ...new Set(
      wordsOf(need ?? '').filter(
        (w) => w.length >= 4 && !/^\d+$/.test(w) && !commonWords.has(w) && !ordinary.has(w),
      ),
    ),
  ];
}

/** Singular and plural of a word are the same word here ("attack" finds "attacks"). */
const sameWord = (a: string, b: string) =>
  a === b || a === `${b}s` || b === `${a}s` || a === `${b}es` || b === `${a}es`;

const hasPhrase = (words: readonly string[], phrase: string) => {
  const parts = phrase.split(' ');
  return words.some((_, i) => parts.every((p, j) => words[i + j] === p));
};

/**
 * The first thing typed text discloses that `d` does not allow, or null: a part of the
 * referred person's name (2+ letters, whole word), a distinctive word of their need (never
 * allowed: §3.2 "never notes or the need"), or a status word.
 */
export function typedDisclosure(
  text: string,
  subject: TypedTextSubject,
  d: Disclosure,
): TypedFinding | null {
  const found = findTyped(wordsOf(text), subject, d);
  if (!found || found.kind === 'status') return found;
  // Report a word as it was typed ("Zoë", not "zoe"), so the person sees what to remove.
  const typed = withoutMergeFields(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const original = typed.find((t) => foldText(t) === found.found);
  return original ? { ...found, found: original } : found;
}

function findTyped(
  words: readonly string[],
  subject: TypedTextSubject,
  d: Disclosure,
): TypedFinding | null {
  if (!isFieldAllowed('referred.name', d)) {
    const own = new Set(wordsOf(subject.referrerName));
    const names = wordsOf(subject.referredName).filter((w) => w.length >= 2 && !own.has(w));
    const hit = names.find((n) => words.includes(n));
    if (hit) return { kind: 'name', found: hit };
  }
  for (const needWord of distinctiveWordsOf(subject.need, subject.practiceWords)) {
    const hit = words.find((w) => sameWord(w, needWord));
    if (hit) return { kind: 'need', found: hit };
  }
  const mayTellMilestone = isFieldAllowed('referral.milestone', d);
  const mayTellSeen = mayTellMilestone || isFieldAllowed('referral.seen', d);
  if (!mayTellMilestone) {
    const hit = statusPhrases.find((p) => hasPhrase(words, p));
    if (hit) return { kind: 'status', found: hit };
  }
  if (!mayTellSeen) {
    const hit = seenWords.find((p) => words.includes(p));
    if (hit) return { kind: 'status', found: hit };
  }
  return null;
}

const permission =
  ' If they gave permission, tick "They gave permission" (referredPersonConsented: true) to record their consent.';

/** Why typed text to a referrer was refused, naming the word found (§3.2; introductions too). */
export const typedRefusal = {
  name: (w: string) =>
    `names the referred person ("${w}"), which the referrer may not be told without their consent.${permission}`,
  need: (w: string) =>
    `mentions "${w}", a word of the referred person's need, which a referrer is never told.`,
  status: (w: string) =>
    `says "${w}", which tells the referrer where the person stands; that needs their consent.${permission}`,
} as const;
