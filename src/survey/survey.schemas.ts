import { z } from '@hono/zod-openapi';
import { ZId, ZText, ZTimestamp } from '../platform/fields.ts';

export const surveyLimits = { people: 20, answer: 5_000 } as const;

export const ZCreateSurvey = z
  .strictObject({
    contactIds: z
      .array(ZId)
      .min(1)
      .max(surveyLimits.people)
      .refine((ids) => new Set(ids).size === ids.length, {
        message: 'must not name the same contact twice',
      }),
  })
  .openapi('CreateSurvey');
export type CreateSurvey = z.infer<typeof ZCreateSurvey>;

export const ZAnswer = z
  .strictObject({ answer: ZText(surveyLimits.answer).pipe(z.string().min(1)) })
  .openapi('SurveyAnswer');
export type Answer = z.infer<typeof ZAnswer>;

export const ZRecipientParams = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
  recipientId: ZId.openapi({ param: { name: 'recipientId', in: 'path' } }),
});

/** Any text: a malformed token is answered exactly like an unknown one (404), never 400. */
export const ZTokenParam = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const ZSurveyRecipient = z
  .object({
    id: z.string(),
    contact: z.object({ id: z.string(), name: z.string() }),
    invitedAt: ZTimestamp.nullable(),
    answeredAt: ZTimestamp.nullable(),
    answer: z.string().nullable(),
    scorePercent: z.number().nullable(),
    matched: z.array(z.string()),
    missed: z.array(z.string()),
    isBelowThreshold: z.boolean(),
    link: z.string().optional(),
  })
  .openapi('SurveyRecipient');
export type SurveyRecipient = z.infer<typeof ZSurveyRecipient>;

export const ZSurvey = z
  .object({ id: z.string(), createdAt: ZTimestamp, recipients: z.array(ZSurveyRecipient) })
  .openapi('Survey');
export type Survey = z.infer<typeof ZSurvey>;

export const ZSurveyList = z.object({ items: z.array(ZSurvey) }).openapi('SurveyList');

export const ZPublicSurvey = z
  .object({ practiceName: z.string(), question: z.string(), answered: z.boolean() })
  .openapi('PublicSurvey');
export type PublicSurvey = z.infer<typeof ZPublicSurvey>;
