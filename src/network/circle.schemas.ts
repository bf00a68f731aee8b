import { z } from '@hono/zod-openapi';
import { ZStage } from '../contacts/contact.schemas.ts';
import { limits, optionalText, ZName, ZTimestamp } from '../platform/fields.ts';

export const circleKinds = ['chamber', 'rotary', 'bni', 'association', 'seminar', 'other'] as const;
export const ZCircleKind = z.enum(circleKinds).openapi('CircleKind');
export type CircleKind = z.infer<typeof ZCircleKind>;

export const ZCircleView = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ZCircleKind.nullable(),
    notes: z.string().nullable(),
    createdAt: ZTimestamp,
    members: z.number().int(),
    /** Referrals received whose circle is this one. */
    referrals: z.number().int(),
  })
  .openapi('CircleView');
export type CircleView = z.infer<typeof ZCircleView>;

export const ZCircleList = z.object({ items: z.array(ZCircleView) });

export const ZCircleDetail = ZCircleView.extend({
  memberList: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      stage: ZStage,
      category: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
  /** The most-wanted categories among the members, by rank. */
  mostWantedReach: z.array(
    z.object({
      categoryId: z.string(),
      name: z.string(),
      rank: z.number().int(),
      members: z.number().int(),
    }),
  ),
}).openapi('CircleDetail');
export type CircleDetail = z.infer<typeof ZCircleDetail>;

const circleFields = {
  kind: ZCircleKind.nullable(),
  notes: optionalText(limits.notes),
};

export const ZCreateCircle = z
  .strictObject(circleFields)
  .partial()
  .extend({ name: ZName })
  .openapi('CreateCircle');
export type CreateCircle = z.infer<typeof ZCreateCircle>;

export const ZUpdateCircle = ZCreateCircle.partial().openapi('UpdateCircle');
export type UpdateCircle = z.infer<typeof ZUpdateCircle>;
