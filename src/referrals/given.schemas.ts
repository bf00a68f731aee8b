import { z } from '@hono/zod-openapi';
import {
  optionalText,
  pageFields,
  ZDayOrInstant,
  ZId,
  ZInstant,
  ZRef,
  ZTimestamp,
} from '../platform/fields.ts';
import { givenOutcomes } from './given.rules.ts';
import { ZPersonPick } from './referral.schemas.ts';

export const ZGivenOutcome = z.enum(givenOutcomes).openapi('GivenOutcome');

const ZReason = optionalText(2_000);

export const ZCreateGiven = z
  .strictObject({
    person: ZPersonPick,
    partnerId: ZId,
    reason: ZReason.optional(),
    givenAt: ZInstant.optional(),
    partnerNotifiedAt: ZInstant.optional(),
  })
  .openapi('CreateReferralGiven');
export type CreateGiven = z.infer<typeof ZCreateGiven>;

export const ZUpdateGiven = z
  .strictObject({
    reason: ZReason,
    partnerNotifiedAt: ZInstant.nullable(),
    outcome: ZGivenOutcome,
    checkedInAt: ZInstant.nullable(),
  })
  .partial()
  .openapi('UpdateReferralGiven');
export type UpdateGiven = z.infer<typeof ZUpdateGiven>;

export const ZListGivenQuery = z.strictObject({
  partnerId: ZId.optional(),
  personId: ZId.optional(),
  outcome: ZGivenOutcome.optional(),
  from: ZDayOrInstant.optional(),
  to: ZDayOrInstant.optional(),
  ...pageFields,
});
export type ListGivenQuery = z.infer<typeof ZListGivenQuery>;

export const ZReferralGiven = z
  .object({
    id: z.string(),
    person: ZRef,
    partner: ZRef,
    givenAt: ZTimestamp,
    reason: z.string().nullable(),
    partnerNotifiedAt: ZTimestamp.nullable(),
    outcome: ZGivenOutcome,
    outcomeAt: ZTimestamp.nullable(),
    checkInDueAt: ZTimestamp,
    checkedInAt: ZTimestamp.nullable(),
    checkInState: z.enum(['not_yet', 'due', 'done']),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('ReferralGiven');
export type ReferralGiven = z.infer<typeof ZReferralGiven>;

export const ZReferralGivenPage = z
  .object({ items: z.array(ZReferralGiven), nextCursor: z.string().nullable() })
  .openapi('ReferralGivenPage');
