import { z } from '@hono/zod-openapi';
import { ZGroup } from '../network/group.schemas.ts';
import {
  limits,
  optionalText,
  pageFields,
  ZEmail,
  ZId,
  ZName,
  ZText,
  ZTimestamp,
} from '../platform/fields.ts';
import { keepInTouchMaxDays, roles, stages } from './contact.rules.ts';
import { salutationStyles } from './contact-name.rules.ts';

export const ZStage = z.enum(stages).openapi('Stage');
export const ZRole = z.enum(roles).openapi('Role');
export const ZSalutationStyle = z.enum(salutationStyles);

/** The longest of each name part: together they stay within a display name's 200 characters. */
export const namePartLimits = {
  honorific: 20,
  givenName: 70,
  familyName: 70,
  suffix: 30,
  preferredName: 70,
} as const;

export const ZStageChange = z
  .object({
    id: z.string(),
    fromStage: ZStage.nullable(),
    toStage: ZStage,
    changedAt: ZTimestamp,
    changedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Why, when Vouch changed it (e.g. "first referral received"); null for a manual edit. */
    reason: z.string().nullable(),
  })
  .openapi('StageChange');
export type StageChange = z.infer<typeof ZStageChange>;

export const ZContact = z
  .object({
    id: z.string(),
    /** The full display name ("Dr. Alan Reyes, PhD"), from the parts when they were given. */
    name: z.string(),
    honorific: z.string().nullable(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    suffix: z.string().nullable(),
    preferredName: z.string().nullable(),
    /** The contact's own greeting style; null follows the practice's `salutationStyle`. */
    salutation: ZSalutationStyle.nullable(),
    /** How letters open to them under the styles in force: "Dear Dr. Reyes," or "Dear Alan,". */
    greeting: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    organization: z.string().nullable(),
    category: ZGroup.nullable(),
    roles: z.array(ZRole),
    stage: ZStage,
    circles: z.array(ZGroup),
    metWhere: z.string().nullable(),
    metHow: z.string().nullable(),
    emailConsent: z.boolean(),
    doNotAsk: z.boolean(),
    notes: z.string().nullable(),
    lastTouchAt: ZTimestamp.nullable(),
    /** The contact's own cadence in days; null takes the practice's (by stage and roles). */
    keepInTouchDays: z.number().int().nullable(),
    /** HIPAA: a treating provider may be told that a referred person was seen/scheduled (§3.2). */
    isTreatingProvider: z.boolean(),
    /** The effective cadence: the override, else the shortest non-zero of stage and roles. */
    cadenceDays: z.number().int().nullable(),
    /** Last touch (or creation when never touched) plus the cadence. */
    nextTouchDueAt: ZTimestamp.nullable(),
    touchState: z.enum(['none', 'ok', 'due']),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('Contact');
export type Contact = z.infer<typeof ZContact>;

export const ZContactDetail = ZContact.extend({ stageHistory: z.array(ZStageChange) }).openapi(
  'ContactDetail',
);
export type ContactDetail = z.infer<typeof ZContactDetail>;

/** The parts of a name; a plain `name` is split into them when they are not given. */
export const nameFields = {
  honorific: optionalText(namePartLimits.honorific),
  givenName: optionalText(namePartLimits.givenName),
  familyName: optionalText(namePartLimits.familyName),
  suffix: optionalText(namePartLimits.suffix),
  preferredName: optionalText(namePartLimits.preferredName),
  salutation: ZSalutationStyle.nullable(),
};

const contactFields = {
  ...nameFields,
  email: ZEmail.nullable().or(z.literal('').transform(() => null)),
  phone: optionalText(limits.phone),
  organization: optionalText(limits.shortText),
  categoryId: ZId.nullable(),
  roles: z.array(ZRole).max(roles.length * 2),
  stage: ZStage,
  circleIds: z.array(ZId).max(200),
  metWhere: optionalText(limits.shortText),
  metHow: optionalText(limits.shortText),
  emailConsent: z.boolean(),
  doNotAsk: z.boolean(),
  notes: optionalText(limits.notes),
  keepInTouchDays: z.number().int().min(1).max(keepInTouchMaxDays).nullable(),
  isTreatingProvider: z.boolean(),
};

export const ZCreateContact = z
  .strictObject(contactFields)
  .partial()
  .extend({
    /** The full name as typed; optional when `givenName` or `familyName` is given. */
    name: ZName.optional(),
  })
  .openapi('CreateContact');
export type CreateContact = z.infer<typeof ZCreateContact>;

export const ZUpdateContact = ZCreateContact.partial().openapi('UpdateContact');
export type UpdateContact = z.infer<typeof ZUpdateContact>;

export const contactSorts = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
] as const;
export type ContactSort = (typeof contactSorts)[number];

export const ZListContactsQuery = z.strictObject({
  q: ZText(limits.shortText).optional(),
  role: ZRole.optional(),
  stage: ZStage.optional(),
  categoryId: ZId.optional(),
  circleId: ZId.optional(),
  /** `due`: only contacts past their keep-in-touch cadence. */
  touch: z.enum(['due']).optional(),
  sort: z.enum(contactSorts).default('name'),
  ...pageFields,
});
export type ListContactsQuery = z.infer<typeof ZListContactsQuery>;

export const ZContactPage = z
  .object({ items: z.array(ZContact), nextCursor: z.string().nullable() })
  .openapi('ContactPage');
