import { z } from '@hono/zod-openapi';
import { ZTimestamp } from '../platform/fields.ts';

export const ZReciprocityQuery = z.strictObject({
  owed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const ZReciprocity = z
  .object({
    threshold: z.number(),
    items: z.array(
      z.object({
        partner: z.object({
          id: z.string(),
          name: z.string(),
          organization: z.string().nullable(),
          category: z.object({ id: z.string(), name: z.string() }).nullable(),
        }),
        received: z.number(),
        given: z.number(),
        balance: z.number(),
        lastExchangeAt: ZTimestamp.nullable(),
        isOwed: z.boolean(),
      }),
    ),
  })
  .openapi('Reciprocity');
export type Reciprocity = z.infer<typeof ZReciprocity>;
