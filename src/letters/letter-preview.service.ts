import { findUserById } from '../accounts/account.repository.ts';
import type { Deps } from '../platform/deps.ts';
import { fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import { mergeFieldsIn, renderText } from './letter.rules.ts';
import type { LetterPreview, PreviewTemplate } from './letter.schemas.ts';
import { requireShipped } from './letter.service.ts';
import { consentFieldsIn, sampleValues } from './letter-preview.rules.ts';

/**
 * The template editor's live preview: the text as typed, through the one renderer
 * (renderText), on sample data and the practice's own details. Nothing is saved or sent. An
 * unknown merge field is 400 naming subject or body, as saving it would be.
 */
export async function previewTemplate(
  deps: Deps,
  actor: Actor,
  key: string,
  input: PreviewTemplate,
): Promise<LetterPreview> {
  const template = requireShipped(key);
  const [{ row: practice, settings }, user] = await Promise.all([
    loadPracticeContext(deps.db, actor.practiceId),
    findUserById(deps.db, actor.userId),
  ]);
  const values = sampleValues(
    {
      name: practice.name,
      valueProposition: practice.value_proposition,
      idealClient: practice.ideal_client,
      postalAddress: practice.postal_address,
      timeZone: practice.time_zone,
      salutationStyle: settings.salutationStyle,
    },
    user?.name ?? 'You',
  );
  const out = { subject: '', body: '' };
  for (const where of ['subject', 'body'] as const) {
    // No disclosure: the preview shows every field, and says which ones need consent.
    const result = renderText(input[where], template, null, values);
    if (!result.ok)
      throw fieldError(
        where,
        `{{${result.field}}} is not a merge field of the "${template.key}" letter. Use one of: ${template.fields.map((f) => `{{${f}}}`).join(', ')}.`,
      );
    out[where] = result.text;
  }
  return {
    ...out,
    consentFields: consentFieldsIn(mergeFieldsIn(`${input.subject}\n${input.body}`)),
  };
}
