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
