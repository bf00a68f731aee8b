import { z } from '@hono/zod-openapi';
import { ZId, ZText } from '../platform/fields.ts';
import { causes, templateKeys } from './letter.templates.ts';

export const letterLimits = { subject: 200, body: 10_000 } as const;

export const ZTemplateKey = z.enum(templateKeys).openapi('LetterTemplateKey');
export const ZTemplateKeyParam = z.object({
  key: z
    .string()
    .max(64)
    .openapi({ param: { name: 'key', in: 'path' }, example: 'thanks_referral' }),
});

export const ZMergeField = z.object({
  name: z.string(),
  description: z.string(),
  consent: z.enum(['always', 'with_consent', 'treating_provider']),
});

export const ZLetterTemplate = z
  .object({
    key: ZTemplateKey,
    name: z.string(),
    audience: z.enum(['referrer', 'contact', 'partner', 'team']),
    /** Which id a draft of it needs: referralId, commitmentId, givenId, contactId, or none. */
    about: z.enum(['referral', 'commitment', 'given', 'contact', 'none']),
    subject: z.string(),
    body: z.string(),
    isEdited: z.boolean(),
    mergeFields: z.array(ZMergeField),
  })
  .openapi('LetterTemplate');
export type LetterTemplate = z.infer<typeof ZLetterTemplate>;

export const ZLetterTemplateList = z
  .object({ items: z.array(ZLetterTemplate) })
  .openapi('LetterTemplateList');

export const ZEditTemplate = z
  .strictObject({
    subject: ZText(letterLimits.subject).pipe(z.string().min(1)),
    body: ZText(letterLimits.body).pipe(z.string().min(1)),
  })
  .openapi('EditLetterTemplate');
export type EditTemplate = z.infer<typeof ZEditTemplate>;

/** The text being edited, for a preview: may be empty while typing. */
export const ZPreviewTemplate = z
  .strictObject({
    subject: ZText(letterLimits.subject),
    body: ZText(letterLimits.body),
  })
  .openapi('PreviewLetterTemplate');
export type PreviewTemplate = z.infer<typeof ZPreviewTemplate>;

export const ZLetterPreview = z
  .object({
    subject: z.string(),
    body: z.string(),
    /**
     * Merge fields in the text that a real letter fills only with the referred person's consent
     * (or, under HIPAA, for a treating provider): the preview shows sample values for them.
     */
    consentFields: z.array(z.string()),
  })
  .openapi('LetterPreview');
export type LetterPreview = z.infer<typeof ZLetterPreview>;

/** What a letter is about: the id its template needs. */
export const letterSubjectFields = {
  referralId: ZId.optional(),
  commitmentId: ZId.optional(),
  givenId: ZId.optional(),
  contactId: ZId.optional(),
};
export type LetterSubject = {
  referralId?: string | undefined;
  commitmentId?: string | undefined;
  givenId?: string | undefined;
  contactId?: string | undefined;
};

export const ZDraftLetter = z
  .strictObject({ templateKey: ZTemplateKey, ...letterSubjectFields })
  .openapi('DraftLetterRequest');
export type DraftLetter = z.infer<typeof ZDraftLetter>;

export const ZRecipient = z.object({
  contactId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  emailConsent: z.boolean(),
});

export const ZLetterDraft = z
  .object({
    templateKey: ZTemplateKey,
    to: ZRecipient,
    subject: z.string(),
    body: z.string(),
    isReferrerFacing: z.boolean(),
    /** Merge fields of this template that the referred person's consent does not allow. */
    blockedFields: z.array(z.string()),
  })
  .openapi('LetterDraft');
export type LetterDraft = z.infer<typeof ZLetterDraft>;

export const ZCause = z.enum(causes);
