import { z } from '@hono/zod-openapi';
import { optionalText, ZInstant, ZTimestamp } from '../platform/fields.ts';
import { interactionKinds } from './interaction.rules.ts';

export const interactionSummaryMax = 2_000;

export const ZInteractionKind = z.enum(interactionKinds).openapi('InteractionKind');

export const ZInteraction = z
  .object({
    id: z.string(),
    contactId: z.string(),
    kind: ZInteractionKind,
    occurredAt: ZTimestamp,
    summary: z.string().nullable(),
    createdAt: ZTimestamp,
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .openapi('Interaction');
export type Interaction = z.infer<typeof ZInteraction>;

export const ZInteractionList = z.object({ items: z.array(ZInteraction) });

export const ZLogInteraction = z
  .strictObject({
    kind: ZInteractionKind,
    /** ISO 8601 with a time zone; default now. */
    occurredAt: ZInstant.optional(),
    summary: optionalText(interactionSummaryMax).optional(),
  })
  .openapi('LogInteraction');
export type LogInteraction = z.infer<typeof ZLogInteraction>;
