import { z } from '@hono/zod-openapi';
import { ZTimestamp } from '../platform/fields.ts';
import { timelineKinds } from './timeline.rules.ts';

export const ZTimeline = z
  .object({
    items: z.array(
      z.object({
        at: ZTimestamp,
        kind: z.enum(timelineKinds),
        title: z.string(),
        detail: z.string().nullable(),
        refId: z.string(),
        by: z.object({ id: z.string(), name: z.string() }).nullable().openapi({
          description: 'Who of the team did it; null for a public form or the system.',
        }),
      }),
    ),
    reciprocity: z.object({
      received: z.number().int(),
      given: z.number().int(),
      balance: z.number().int(),
      lastExchangeAt: ZTimestamp.nullable(),
    }),
  })
  .openapi('Timeline');
export type Timeline = z.infer<typeof ZTimeline>;
