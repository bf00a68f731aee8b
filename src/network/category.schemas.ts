import { z } from '@hono/zod-openapi';
import { ZStage } from '../contacts/contact.schemas.ts';
import { ZId, ZName, ZTimestamp } from '../platform/fields.ts';
import { mostWantedMax } from './category.rules.ts';

export const ZCategoryView = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: ZTimestamp,
    mostWantedRank: z.number().int().nullable(),
    /** The category's own target, else the practice's `mostWantedTarget`. */
    target: z.number().int(),
    /** Contacts in the category at stage `knows` or above. */
    coverage: z.number().int(),
    contacts: z.number().int(),
  })
  .openapi('CategoryView');
export type CategoryView = z.infer<typeof ZCategoryView>;

export const ZCategoryList = z.object({ items: z.array(ZCategoryView) });

export const ZUpdateCategory = z
  .strictObject({ name: ZName, target: z.number().int().min(1).max(100).nullable() })
  .partial()
  .openapi('UpdateCategory');
export type UpdateCategory = z.infer<typeof ZUpdateCategory>;

export const ZMostWantedEntry = z.object({
  category: ZCategoryView,
  rank: z.number().int(),
  target: z.number().int(),
  coverage: z.number().int(),
  gap: z.number().int(),
  members: z.array(z.object({ id: z.string(), name: z.string(), stage: ZStage })),
});
export const ZMostWanted = z
  .object({ max: z.literal(mostWantedMax), items: z.array(ZMostWantedEntry) })
  .openapi('MostWanted');
export type MostWanted = z.infer<typeof ZMostWanted>;

/** More than ten ids pass here on purpose: the limit is a rule, refused with 422. */
export const ZReplaceMostWanted = z
  .strictObject({ categoryIds: z.array(ZId).max(200) })
  .openapi('ReplaceMostWanted');
export type ReplaceMostWanted = z.infer<typeof ZReplaceMostWanted>;
