import { z } from '@hono/zod-openapi';
import { letterLimits } from '../letters/letter.schemas.ts';
import { ZMessage } from '../outbox/outbox.schemas.ts';
import { optionalText, ZEmail, ZId, ZName, ZText } from '../platform/fields.ts';
import { ZReferralDetail } from './referral.schemas.ts';

export const introductionLimits = { note: 2_000 } as const;

const fields = {
  referrerId: ZId.openapi({
    description:
      'The contact who makes the introduction: copied on the email. Must be a contact of the practice, not the person.',
  }),
  person: z.strictObject({ name: ZName, email: ZEmail }).openapi('IntroducedPerson', {
    description:
      'The person introduced, as you type them for this email (the draft uses these and nothing else stored about them). Without referralId, the contact with this email (any case) is the referred person, or a new contact is made.',
  }),
  referralId: ZId.optional().openapi({
    description:
      'A referral already recorded (open, from this referrer): it is marked a warm handoff. Without it, a new referral is recorded (channel email, warm handoff).',
  }),
  note: optionalText(introductionLimits.note)
    .optional()
    .openapi({ description: 'A few words of yours, put in the email as you type them.' }),
  subject: ZText(letterLimits.subject)
    .pipe(z.string().min(1))
    .optional()
    .openapi({ description: "Your edit of the draft's subject; the draft answered uses it." }),
  body: ZText(letterLimits.body)
    .pipe(z.string().min(1))
    .optional()
    .openapi({ description: "Your edit of the draft's text; the draft answered uses it." }),
};

export const ZPreviewIntroduction = z.strictObject(fields).openapi('PreviewIntroduction');
export type PreviewIntroduction = z.infer<typeof ZPreviewIntroduction>;

export const ZCreateIntroduction = z
  .strictObject({
    ...fields,
    send: z.boolean().optional().openapi({
      description:
        'true: also queue the email in the outbox, to the person with the referrer in Cc (both need an email address; someone who opted out of email is refused). It then waits there like other mail until SMTP is set up.',
    }),
  })
  .openapi('CreateIntroduction');
export type CreateIntroduction = z.infer<typeof ZCreateIntroduction>;

export const ZIntroductionDraft = z
  .object({
    to: z.object({ name: z.string(), email: z.string() }),
    cc: z.object({
      name: z.string(),
      email: z.string().nullable().openapi({
        description: 'Null when the referrer has no email address: add it to copy them.',
      }),
    }),
    subject: z.string(),
    body: z.string(),
    mailto: z.string().openapi({
      description:
        'The same email for your own mail client: mailto:<to>?cc=<cc>&subject=…&body=…, percent-encoded (RFC 6068), line breaks as %0D%0A.',
      example:
        'mailto:bo@example.com?cc=ann@example.com&subject=Ann%20suggested%20we%20talk&body=…',
    }),
  })
  .openapi('IntroductionDraft');
export type IntroductionDraftView = z.infer<typeof ZIntroductionDraft>;

export const ZIntroductionPreview = z
  .object({ draft: ZIntroductionDraft })
  .openapi('IntroductionPreview');

export const ZIntroduction = z
  .object({
    draft: ZIntroductionDraft,
    referral: ZReferralDetail,
    /** The email queued in the outbox with send: true; null otherwise. */
    message: ZMessage.nullable(),
  })
  .openapi('Introduction', {
    description:
      'The draft, the referral (recorded or marked as a warm handoff) and, with send: true, the email queued in the outbox (else null).',
  });
export type Introduction = z.infer<typeof ZIntroduction>;
