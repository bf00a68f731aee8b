import { z } from '@hono/zod-openapi';
import { limits, optionalText, ZId, ZInstant, ZTimestamp } from '../platform/fields.ts';
import { askOutcomes, momentKinds } from './ask.rules.ts';

export const ZMomentKind = z.enum(momentKinds).openapi('MomentKind');
export const ZAskOutcome = z.enum(askOutcomes).openapi('AskOutcome');
const ZNote = optionalText(limits.notes);

export const ZCreateMoment = z
  .strictObject({
    kind: ZMomentKind,
    score: z.number().int().min(0).max(10).optional(),
    occurredAt: ZInstant.optional(),
    note: ZNote.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'feedback' && v.score === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: 'is required for feedback: give the score from 0 to 10',
      });
    if (v.kind !== 'feedback' && v.score !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: 'is only for feedback; remove it for other kinds of moment',
      });
  })
  .openapi('CreateMoment');
export type CreateMoment = z.infer<typeof ZCreateMoment>;

export const ZMoment = z
  .object({
    id: z.string(),
    contactId: z.string(),
    kind: ZMomentKind,
    score: z.number().nullable(),
    occurredAt: ZTimestamp,
    note: z.string().nullable(),
    isPositive: z.boolean(),
    askWindowEndsAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .openapi('Moment');
export type Moment = z.infer<typeof ZMoment>;

export const ZMomentList = z.object({ items: z.array(ZMoment) }).openapi('MomentList');

export const ZCreateAsk = z
  .strictObject({
    askedAt: ZInstant.optional(),
    momentId: ZId.optional(),
    outcome: ZAskOutcome.optional(),
    note: ZNote.optional(),
  })
  .openapi('CreateAsk');
export type CreateAsk = z.infer<typeof ZCreateAsk>;

export const ZUpdateAsk = z
  .strictObject({ outcome: ZAskOutcome.nullable(), note: ZNote })
  .partial()
  .openapi('UpdateAsk');
export type UpdateAsk = z.infer<typeof ZUpdateAsk>;

export const ZAsk = z
  .object({
    id: z.string(),
    contactId: z.string(),
    askedAt: ZTimestamp,
    momentId: z.string().nullable(),
    outcome: ZAskOutcome.nullable(),
    note: z.string().nullable(),
    createdAt: ZTimestamp,
  })
  .openapi('Ask');
export type Ask = z.infer<typeof ZAsk>;

const ZReason = z.object({ code: z.string(), message: z.string() });

export const ZAskCreated = z
  .object({
    ask: ZAsk,
    warnings: z.array(
      z.object({ code: z.enum(['cooldown', 'below_likes', 'do_not_ask']), message: z.string() }),
    ),
  })
  .openapi('AskCreated');

export const ZAskList = z.object({ items: z.array(ZAsk) }).openapi('AskList');

export const ZAskScript = z
  .object({ whatIDo: z.string(), forWhom: z.string(), sayThis: z.string(), full: z.string() })
  .openapi('AskScript');

export const ZAskScriptQuery = z.strictObject({ contactId: ZId.optional() });

export const ZAskReadiness = z
  .object({
    canAsk: z.boolean(),
    reasons: z.array(ZReason),
    openWindow: z
      .object({ momentId: z.string(), kind: ZMomentKind, endsAt: ZTimestamp })
      .nullable(),
    cooldownEndsAt: ZTimestamp.nullable(),
    script: ZAskScript,
  })
  .openapi('AskReadiness');
export type AskReadiness = z.infer<typeof ZAskReadiness>;
