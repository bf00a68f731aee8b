import { z } from '@hono/zod-openapi';
import { limits, optionalText, ZId, ZInstant, ZRef, ZTimestamp } from '../platform/fields.ts';
import { commitmentStatuses } from './commitment.rules.ts';

export const ZCommitmentStatus = z.enum(commitmentStatuses).openapi('CommitmentStatus');
const ZIncentiveText = optionalText(500);
const ZNote = optionalText(limits.notes);
const ZPromisedCount = z.number().int().min(1).max(20);

export const ZCreateCommitment = z
  .strictObject({
    promisedCount: ZPromisedCount,
    incentiveForReferrer: ZIncentiveText.optional(),
    incentiveForReferred: ZIncentiveText.optional(),
    dueAt: ZInstant.optional(),
    madeAt: ZInstant.optional(),
    askId: ZId.optional(),
    note: ZNote.optional(),
  })
  .openapi('CreateCommitment');
export type CreateCommitment = z.infer<typeof ZCreateCommitment>;

export const ZUpdateCommitment = z
  .strictObject({
    promisedCount: ZPromisedCount,
    incentiveForReferrer: ZIncentiveText,
    incentiveForReferred: ZIncentiveText,
    dueAt: ZInstant.nullable(),
    note: ZNote,
  })
  .partial()
  .openapi('UpdateCommitment');
export type UpdateCommitment = z.infer<typeof ZUpdateCommitment>;

export const ZReleaseCommitment = z
  .strictObject({ note: ZNote.optional() })
  .openapi('ReleaseCommitment');
export const ZRecordReminder = z
  .strictObject({ at: ZInstant.optional() })
  .openapi('RecordReminder');

export const ZListCommitmentsQuery = z.strictObject({
  status: ZCommitmentStatus.optional(),
  contactId: ZId.optional(),
});

export const ZCommitment = z
  .object({
    id: z.string(),
    contact: ZRef,
    madeAt: ZTimestamp,
    promisedCount: z.number(),
    credited: z.number(),
    progress: z.string().openapi({ example: '2 of 5' }),
    incentiveForReferrer: z.string().nullable(),
    incentiveForReferred: z.string().nullable(),
    dueAt: ZTimestamp.nullable(),
    status: ZCommitmentStatus,
    fulfilledAt: ZTimestamp.nullable(),
    releasedAt: ZTimestamp.nullable(),
    remindersSent: z.number(),
    lastReminderAt: ZTimestamp.nullable(),
    reminder: z.object({
      state: z.enum(['not_due', 'due', 'release_suggested', 'closed']),
      dueAt: ZTimestamp.nullable(),
    }),
    askId: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('Commitment');
export type Commitment = z.infer<typeof ZCommitment>;

export const ZCommitmentDetail = ZCommitment.extend({
  credits: z.array(
    z.object({
      referralId: z.string(),
      /** Null when the referred person was erased. */
      referredName: z.string().nullable(),
      receivedAt: ZTimestamp,
    }),
  ),
}).openapi('CommitmentDetail');
export type CommitmentDetail = z.infer<typeof ZCommitmentDetail>;

export const ZCommitmentCreated = z
  .object({
    commitment: ZCommitment,
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .openapi('CommitmentCreated');

export const ZCommitmentList = z.object({ items: z.array(ZCommitment) }).openapi('CommitmentList');
