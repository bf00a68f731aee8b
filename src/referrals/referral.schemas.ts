import { z } from '@hono/zod-openapi';
import {
  limits,
  optionalText,
  pageFields,
  ZCurrency,
  ZDayOrInstant,
  ZEmail,
  ZId,
  ZInstant,
  ZName,
  ZPageLimit,
  ZRef,
  ZText,
  ZTimestamp,
  ZValueMinor,
} from '../platform/fields.ts';
import {
  channels,
  expandStatuses,
  normalizeTags,
  referralSorts,
  referralStatuses,
} from './referral.rules.ts';

export const referralLimits = { need: 2_000, tags: 10, tag: 40, note: 2_000 } as const;

export const ZReferralStatus = z.enum(referralStatuses).openapi('ReferralStatus');
export const ZChannel = z.enum(channels).openapi('Channel');

export const ZTags = z
  .array(ZText(referralLimits.tag).pipe(z.string().min(1)))
  .max(referralLimits.tags)
  .transform(normalizeTags);

/**
 * A person: an existing contact (`contactId`) or a new one created on the way (`name`, with
 * optional email and phone). Exactly one of the two.
 */
export const ZPersonPick = z
  .strictObject({
    contactId: ZId.optional(),
    name: ZName.optional(),
    email: ZEmail.optional(),
    phone: optionalText(limits.phone).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.contactId !== undefined && (v.name ?? v.email ?? v.phone) !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['contactId'],
        message: 'Give either contactId (an existing contact) or name (a new one), not both.',
      });
    else if (v.contactId === undefined && v.name === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'is required: give the name of a new person, or contactId of an existing contact.',
      });
  })
  .openapi('PersonPick');
export type PersonPick = z.infer<typeof ZPersonPick>;

/** The referrer: a contact, or explicitly unknown — never free text (§2). */
export const ZReferrerPick = z
  .strictObject({ contactId: ZId.optional(), unknown: z.literal(true).optional() })
  .superRefine((v, ctx) => {
    if ((v.contactId === undefined) === (v.unknown === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['contactId'],
        message:
          'Choose the referrer (contactId), or say the referrer is unknown with { "unknown": true }; not both.',
      });
  })
  .openapi('ReferrerPick');
export type ReferrerPick = z.infer<typeof ZReferrerPick>;

/**
 * The referrer on quick-add: an existing contact, a new one made on the way (`name`, optional
 * `email`: the first referral of a practice often comes from someone not yet a contact), or
 * explicitly unknown. Exactly one of `contactId`, `name` and `unknown`.
 */
export const ZCreateReferrerPick = z
  .strictObject({
    contactId: ZId.optional(),
    name: ZName.optional(),
    email: ZEmail.optional(),
    unknown: z.literal(true).optional(),
  })
  .superRefine((v, ctx) => {
    const given = (['contactId', 'name', 'unknown'] as const).filter((k) => v[k] !== undefined);
    if (given.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['contactId'],
        message:
          'is required: choose the referrer (contactId), name a new one ({ "name": … }), or say the referrer is unknown with { "unknown": true }.',
      });
    else if (given.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: [given[1] ?? 'contactId'],
        message: `Give only one of contactId (an existing contact), name (a new referrer) and unknown; this request has ${given.join(' and ')}.`,
      });
    else if (v.email !== undefined && v.name === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'goes only with name, for a new referrer; an existing contact keeps their email.',
      });
  })
  .openapi('CreateReferrerPick', {
    description:
      'An existing contact ({ contactId }), a new contact made in the same transaction ({ name, email? }: stage refers; when a contact of the practice already has that email, that contact is used), or { unknown: true }.',
  });
export type CreateReferrerPick = z.infer<typeof ZCreateReferrerPick>;

const editable = {
  need: optionalText(referralLimits.need),
  tags: ZTags,
  channel: ZChannel,
  circleId: ZId.nullable(),
  place: optionalText(limits.shortText),
  valueMinor: ZValueMinor.nullable(),
  currency: ZCurrency,
  consentToUpdate: z.boolean(),
  warmHandoff: z.boolean(),
  ownerId: ZId,
  referrer: ZReferrerPick,
};

export const ZCreateReferral = z
  .strictObject({
    referred: ZPersonPick,
    referrer: ZCreateReferrerPick,
    channel: ZChannel,
    need: editable.need.optional(),
    tags: editable.tags.optional(),
    circleId: ZId.optional(),
    place: editable.place.optional(),
    receivedAt: ZInstant.optional(),
    valueMinor: ZValueMinor.optional(),
    currency: ZCurrency.optional(),
    consentToUpdate: z.boolean().optional(),
    warmHandoff: z.boolean().optional(),
    ownerId: ZId.optional(),
  })
  .openapi('CreateReferral');
export type CreateReferral = z.infer<typeof ZCreateReferral>;

export const ZUpdateReferral = z.strictObject(editable).partial().openapi('UpdateReferral');
export type UpdateReferral = z.infer<typeof ZUpdateReferral>;

export const ZChangeStatus = z
  .strictObject({
    status: ZReferralStatus,
    at: ZInstant.optional(),
    note: optionalText(referralLimits.note).optional(),
    correction: z.boolean().optional().openapi({
      description:
        'True corrects a mistake: the status may then move backwards (or a client be closed, a closed referral take another status), with a `reason`. Recorded as a `corrected` event.',
    }),
    reason: optionalText(referralLimits.note)
      .optional()
      .openapi({ description: 'Why the status is corrected; required with `correction: true`.' }),
  })
  .superRefine((v, ctx) => {
    if (v.correction === true && !v.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'is required for a correction: say why the status is corrected.',
      });
    else if (v.correction !== true && v.reason !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'goes with "correction": true; for a note on a forward move use note.',
      });
  })
  .openapi('ChangeReferralStatus');
export type ChangeStatus = z.infer<typeof ZChangeStatus>;

export const ZReopen = z
  .strictObject({ note: optionalText(referralLimits.note).optional() })
  .openapi('ReopenReferral');

export const ZRecordThanks = z
  .strictObject({ kind: z.enum(['referral', 'conversion']), at: ZInstant.optional() })
  .openapi('RecordThanks');
export type RecordThanks = z.infer<typeof ZRecordThanks>;

export const ZRecordReferrerUpdate = z
  .strictObject({ at: ZInstant.optional() })
  .openapi('RecordReferrerUpdate');

const ZStatusFilter = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const list = expandStatuses(s.split(',').map((x) => x.trim()));
    if (!list || list.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be one or more (comma-separated) of: ${referralStatuses.join(', ')}, open, closed`,
      });
      return z.NEVER;
    }
    return list;
  });

export const filterFields = {
  status: ZStatusFilter.optional(),
  referrerId: ZId.optional(),
  referrer: z.literal('unknown').optional(),
  categoryId: ZId.optional(),
  channel: ZChannel.optional(),
  circleId: ZId.optional(),
  ownerId: ZId.optional(),
  from: ZDayOrInstant.optional(),
  to: ZDayOrInstant.optional(),
  q: ZText(limits.shortText).optional(),
};

export const ZListReferralsQuery = z.strictObject({
  ...filterFields,
  sort: z.enum(referralSorts).default('-receivedAt'),
  ...pageFields,
});
export type ListReferralsQuery = z.infer<typeof ZListReferralsQuery>;
export type ReferralFilterInput = Omit<ListReferralsQuery, 'sort' | 'limit' | 'cursor'>;

export const ZBoardQuery = z.strictObject({
  ...filterFields,
  limit: ZPageLimit,
});
export type BoardQuery = z.infer<typeof ZBoardQuery>;

export const ZExportQuery = z.strictObject({
  ...filterFields,
  sort: z.enum(referralSorts).default('-receivedAt'),
});
export type ExportQuery = z.infer<typeof ZExportQuery>;

const ZThanksState = z.enum(['not_applicable', 'due', 'overdue', 'done']);

export const ZReferral = z
  .object({
    id: z.string(),
    referrer: ZRef.nullable(),
    /** Null when the referred person was erased (PRODUCT.md §8). */
    referred: ZRef.nullable(),
    receivedAt: ZTimestamp,
    channel: ZChannel,
    circle: ZRef.nullable(),
    place: z.string().nullable(),
    need: z.string().nullable(),
    tags: z.array(z.string()),
    status: ZReferralStatus,
    statusChangedAt: ZTimestamp,
    firstContactAt: ZTimestamp.nullable(),
    meetingAt: ZTimestamp.nullable(),
    clientAt: ZTimestamp.nullable(),
    closedAt: ZTimestamp.nullable(),
    valueMinor: z.number().nullable(),
    currency: z.string(),
    consentToUpdate: z.boolean(),
    warmHandoff: z.boolean(),
    owner: ZRef.nullable(),
    clock: z.object({
      dueAt: ZTimestamp,
      state: z.enum(['due', 'overdue', 'met', 'late']),
      firstContactAt: ZTimestamp.nullable(),
      tookMinutes: z.number().nullable(),
      overdueByMinutes: z.number().nullable(),
    }),
    thanks: z.object({
      referral: z.object({
        state: ZThanksState,
        dueAt: ZTimestamp,
        thankedAt: ZTimestamp.nullable(),
      }),
      conversion: z.object({
        state: ZThanksState,
        dueAt: ZTimestamp.nullable(),
        thankedAt: ZTimestamp.nullable(),
      }),
    }),
    referrerUpdate: z.object({
      state: z.enum(['not_allowed', 'up_to_date', 'due']),
      toldStatus: ZReferralStatus.nullable(),
      toldAt: ZTimestamp.nullable(),
    }),
    referrerMayBeTold: z.boolean().openapi({
      description:
        'Whether the referrer may learn where the person stands (§3.2): with their consent to updates, or as their treating provider under the health profile. The conversion thank-you needs it.',
    }),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('Referral');
export type Referral = z.infer<typeof ZReferral>;

export const eventKinds = [
  'created',
  'status',
  'corrected',
  'reopened',
  'thanked',
  'conversion_thanked',
  'referrer_updated',
] as const;

export const ZReferralEvent = z
  .object({
    id: z.string(),
    kind: z.enum(eventKinds),
    fromStatus: ZReferralStatus.nullable(),
    toStatus: ZReferralStatus.nullable(),
    at: ZTimestamp,
    by: ZRef.nullable(),
    note: z.string().nullable(),
  })
  .openapi('ReferralEvent');

export const ZReferralDetail = ZReferral.extend({ events: z.array(ZReferralEvent) }).openapi(
  'ReferralDetail',
);
export type ReferralDetail = z.infer<typeof ZReferralDetail>;

export const ZReferralPage = z
  .object({ items: z.array(ZReferral), nextCursor: z.string().nullable() })
  .openapi('ReferralPage');

export const ZBoard = z
  .object({
    columns: z.array(
      z.object({
        status: z.enum(['new', 'contacted', 'meeting', 'client', 'closed']),
        total: z.number(),
        values: z.array(z.object({ currency: z.string(), totalMinor: z.number() })).openapi({
          description:
            "The sum of the values of the column's referrals (all of them, not only the items shown), per currency, in minor units; empty when none has a value.",
        }),
        items: z.array(ZReferral),
      }),
    ),
  })
  .openapi('ReferralBoard');
export type Board = z.infer<typeof ZBoard>;
