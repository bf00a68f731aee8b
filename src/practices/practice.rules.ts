import type { FieldError } from '../platform/errors.ts';

type SetUpFields = { name: string; timeZone: string };

/**
 * What a practice still lacks before its setup can be marked complete: only its name and time
 * zone (the profession always has a value). Everything else — the value proposition, key
 * phrases, postal address — waits in the onboarding checklist on Today (issue 11).
 */
export function missingForSetUp(p: SetUpFields): FieldError[] {
  const missing: FieldError[] = [];
  if (p.name.trim() === '') missing.push({ field: 'name', message: 'Enter the practice name.' });
  if (p.timeZone.trim() === '') missing.push({ field: 'timeZone', message: 'Choose a time zone.' });
  return missing;
}

/** Key phrases are optional until written; once written there are 3 to 8 of them. */
export const keyPhraseCount = { min: 3, max: 8 } as const;

export function hasValidPhraseCount(list: readonly string[]): boolean {
  return (
    list.length === 0 || (list.length >= keyPhraseCount.min && list.length <= keyPhraseCount.max)
  );
}

/** The longest booking link we keep: far beyond any scheduler's, short enough for an email. */
export const bookingUrlMaxLength = 500;

/**
 * A booking link people can open from an email (§3.9): an absolute http(s) address with a host
 * and without credentials; '' means none. Spaces, control characters, quotes and angle brackets
 * are refused, so
 * it stays one clickable token in plain text and in a `mailto:` body.
 */
export function isBookingUrl(text: string): boolean {
  if (text === '') return true;
  if (/[\s\p{Cc}"<>\\^`{|}]/u.test(text) || !/^https?:\/\/[^/?#]/i.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}
