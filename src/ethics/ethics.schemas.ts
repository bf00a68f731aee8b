import { z } from '@hono/zod-openapi';
import { incentiveKinds, rulings } from './ethics.rules.ts';

export const ZIncentiveKind = z.enum(incentiveKinds).openapi('IncentiveKind');
export const ZRuling = z.enum(rulings).openapi('Ruling');

export const ZEthicsOverrides = z
  .strictObject(
    Object.fromEntries(incentiveKinds.map((k) => [k, ZRuling.optional()])) as Record<
      (typeof incentiveKinds)[number],
      z.ZodOptional<typeof ZRuling>
    >,
  )
  .openapi('EthicsOverrides');
export type EthicsOverrides = z.infer<typeof ZEthicsOverrides>;

export const ZEthics = z
  .object({
    profession: z.string(),
    profile: z.string(),
    disclaimer: z.string(),
    rulings: z.array(
      z.object({
        kind: ZIncentiveKind,
        ruling: ZRuling,
        reason: z.string(),
        source: z.string(),
        isTightened: z.boolean(),
      }),
    ),
    referrerMayBeToldWithoutConsent: z.string(),
    nominalGiftMinor: z.number(),
    currency: z.string(),
  })
  .openapi('Ethics');
export type Ethics = z.infer<typeof ZEthics>;
