import type { FieldError } from '../platform/errors.ts';

type SetUpFields = {
  name: string;
  valueProposition: string;
  keyPhrases: string[];
  timeZone: string;
  postalAddress: string;
};

/** What a practice still lacks before its setup can be marked complete (PRODUCT.md §2). */
export function missingForSetUp(p: SetUpFields): FieldError[] {
  const missing: FieldError[] = [];
  if (p.name.trim() === '') missing.push({ field: 'name', message: 'Enter the practice name.' });
  if (p.valueProposition.trim() === '')
    missing.push({
      field: 'valueProposition',
      message: 'Write the one sentence referrers should say about you.',
    });
  if (p.keyPhrases.length < 3 || p.keyPhrases.length > 8)
    missing.push({ field: 'keyPhrases', message: 'List 3 to 8 key phrases.' });
  if (p.timeZone.trim() === '') missing.push({ field: 'timeZone', message: 'Choose a time zone.' });
  if (p.postalAddress.trim() === '')
    missing.push({
      field: 'postalAddress',
      message: 'Enter a postal address; outgoing mail must carry it.',
    });
  return missing;
}
