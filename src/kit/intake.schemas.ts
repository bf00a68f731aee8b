import { z } from '@hono/zod-openapi';
import { limits, optionalText, ZEmail, ZName } from '../platform/fields.ts';
import { referralLimits } from '../referrals/referral.schemas.ts';

export const intakeLimits = {
  /** Bytes of a form or JSON body: the fields below with room to spare. */
  bodyBytes: 16 * 1024,
  heardFrom: 200,
  /** The honeypot's length: anything a bot may paste. */
  honeypot: 2_000,
} as const;

const hasEnoughDigits = (phone: string) => (phone.match(/\d/g) ?? []).length >= 5;

/**
 * The intake form (§3.9), the same for the HTML form and the JSON API. `website` is the
 * honeypot: people never see it, bots fill it; a filled one looks accepted and makes nothing.
 */
export const ZIntakeSubmission = z
  .strictObject({
    name: ZName,
    email: ZEmail.optional(),
    phone: optionalText(limits.phone)
      .refine((p) => p === null || hasEnoughDigits(p), {
        message: 'must be a phone number with its digits, like +1 555 010 2030',
      })
      .optional(),
    message: optionalText(referralLimits.need).optional().openapi({
      description: '"How can we help?" — kept as the referral\'s need.',
    }),
    consentToUpdate: z.boolean().optional().openapi({
      description:
        'May the practice tell the referrer that this person reached out? Off unless ticked.',
    }),
    heardFrom: optionalText(intakeLimits.heardFrom).optional().openapi({
      description: 'The practice-wide link asks "How did you hear about us?".',
    }),
    website: z.string().max(intakeLimits.honeypot).optional().openapi({
      description: 'Leave empty (a field people do not see).',
    }),
  })
  .superRefine((v, ctx) => {
    if (v.email === undefined && (v.phone ?? null) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Give an email address or a phone number, so that the practice can reach you.',
      });
  })
  .openapi('IntakeSubmission');
export type IntakeSubmission = z.infer<typeof ZIntakeSubmission>;

export const ZIntakeReceipt = z
  .object({
    received: z.literal(true),
    nextStep: z.string().openapi({
      example: 'Harbour Counselling will get back to you within 24 hours.',
    }),
  })
  .openapi('IntakeReceipt');
export type IntakeReceipt = z.infer<typeof ZIntakeReceipt>;

/** Any code up to a sane length: one that cannot be a code is the same 404 as an unknown one. */
export const ZCodeParam = z.object({
  code: z
    .string()
    .max(1000)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'k7m2p9qx4t' }),
});
