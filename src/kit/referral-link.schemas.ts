import { z } from '@hono/zod-openapi';
import { ZId, ZRef, ZTimestamp } from '../platform/fields.ts';

export const ZLinkStats = z
  .object({
    visits: z.number().int().openapi({ description: 'Opens of the intake page.' }),
    submissions: z
      .number()
      .int()
      .openapi({ description: 'Forms sent (the honeypot not counted).' }),
    referrals: z.number().int().openapi({
      description: 'Referrals made (a person sending the form twice while waiting makes one).',
    }),
    clients: z.number().int().openapi({ description: 'Of those referrals, clients now.' }),
  })
  .openapi('ReferralLinkStats');
export type LinkStats = z.infer<typeof ZLinkStats>;

export const ZReferralLink = z
  .object({
    id: z.string(),
    code: z.string(),
    url: z.string().openapi({ example: 'https://vouch.example/r/k7m2p9qx4t' }),
    contactId: z.string().nullable().openapi({ description: 'Null: the practice-wide link.' }),
    contact: ZRef.nullable(),
    createdAt: ZTimestamp,
    stats: ZLinkStats,
  })
  .openapi('ReferralLink');
export type ReferralLink = z.infer<typeof ZReferralLink>;

export const ZReferralLinkList = z
  .object({ items: z.array(ZReferralLink) })
  .openapi('ReferralLinkList');

export const ZCreateReferralLink = z
  .strictObject({
    contactId: ZId.optional().openapi({
      description: 'The referrer whose link it is; omit it for the practice-wide link.',
    }),
  })
  .openapi('CreateReferralLink');
export type CreateReferralLink = z.infer<typeof ZCreateReferralLink>;

export const ZLinkIdParam = z.object({ id: ZId.openapi({ param: { name: 'id', in: 'path' } }) });
