import { z } from '@hono/zod-openapi';
import { ZIncentiveKind, ZRuling } from '../ethics/ethics.schemas.ts';
import {
  limits,
  optionalText,
  ZCurrency,
  ZId,
  ZInstant,
  ZRef,
  ZTimestamp,
  ZValueMinor,
} from '../platform/fields.ts';
import { disclosureMethods, incentiveStatuses, recipients } from './incentive.rules.ts';

export const ZIncentiveStatus = z.enum(incentiveStatuses).openapi('IncentiveStatus');

export const ZCreateIncentive = z
  .strictObject({
    kind: ZIncentiveKind,
    recipient: z.enum(recipients),
    recipientContactId: ZId.optional(),
    description: optionalText(2_000).optional(),
    valueMinor: ZValueMinor.optional(),
    currency: ZCurrency.optional(),
    referralId: ZId.optional(),
    commitmentId: ZId.optional(),
    promisedAt: ZInstant.optional(),
    isPromisedInAdvance: z.boolean().optional(),
  })
  .openapi('CreateIncentive');
export type CreateIncentive = z.infer<typeof ZCreateIncentive>;

export const ZIncentivePreview = z
  .object({
    verdict: ZRuling,
    reason: z.string(),
    source: z.string(),
    refusal: z.string().nullable(),
  })
  .openapi('IncentivePreview');

export const ZRecordDisclosure = z
  .strictObject({
    disclosedAt: ZInstant.optional(),
    method: z.enum(disclosureMethods),
    note: optionalText(limits.notes).optional(),
  })
  .openapi('RecordDisclosure');
export type RecordDisclosure = z.infer<typeof ZRecordDisclosure>;

export const ZDeliverIncentive = z
  .strictObject({ deliveredAt: ZInstant.optional() })
  .openapi('DeliverIncentive');

export const ZListIncentivesQuery = z.strictObject({
  status: ZIncentiveStatus.optional(),
  referralId: ZId.optional(),
  commitmentId: ZId.optional(),
  contactId: ZId.optional(),
});

export const ZIncentive = z
  .object({
    id: z.string(),
    kind: ZIncentiveKind,
    recipient: z.enum(recipients),
    recipientContact: ZRef.nullable(),
    description: z.string().nullable(),
    valueMinor: z.number().nullable(),
    currency: z.string(),
    referralId: z.string().nullable(),
    commitmentId: z.string().nullable(),
    status: ZIncentiveStatus,
    promisedAt: ZTimestamp,
    deliveredAt: ZTimestamp.nullable(),
    verdict: ZRuling,
    verdictReason: z.string(),
    verdictSource: z.string(),
    needsDisclosure: z.boolean(),
    disclosure: z
      .object({
        disclosedAt: ZTimestamp,
        method: z.enum(disclosureMethods),
        note: z.string().nullable(),
      })
      .nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('Incentive');
export type Incentive = z.infer<typeof ZIncentive>;

export const ZIncentiveList = z.object({ items: z.array(ZIncentive) }).openapi('IncentiveList');
