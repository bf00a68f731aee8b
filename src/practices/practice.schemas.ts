import { z } from '@hono/zod-openapi';
import { salutationStyles } from '../contacts/contact-name.rules.ts';
import { isValidTimeZone, limits, ZName, ZText, ZTimestamp } from '../platform/fields.ts';
import {
  bookingUrlMaxLength,
  hasValidPhraseCount,
  isBookingUrl,
  keyPhraseCount,
} from './practice.rules.ts';
import { professionIds } from './professions.ts';
import { settingsMeta, ZSettings, ZSettingsPatch } from './settings.rules.ts';

export const ZProfession = z.enum(professionIds);

export const ZPractice = z
  .object({
    id: z.string(),
    name: z.string(),
    profession: ZProfession,
    valueProposition: z.string(),
    keyPhrases: z.array(z.string()),
    idealClient: z.string(),
    timeZone: z.string(),
    postalAddress: z.string(),
    bookingUrl: z.string().openapi({
      description:
        "Where a referred person books a first meeting (an http or https address); '' when not set. Warm introductions carry it.",
    }),
    isSetUp: z.boolean(),
    isDemo: z.boolean().openapi({
      description: "A demo practice: the caller's sandbox, deleted with DELETE /demo.",
    }),
    settings: ZSettings,
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('Practice');
export type Practice = z.infer<typeof ZPractice>;

export const ZKeyPhrases = z
  .array(ZText(limits.keyPhrase).pipe(z.string().min(1)))
  .max(keyPhraseCount.max)
  .refine(hasValidPhraseCount, {
    message: `must list ${keyPhraseCount.min} to ${keyPhraseCount.max} phrases (or none yet)`,
  })
  .refine((list) => new Set(list.map((p) => p.toLowerCase())).size === list.length, {
    message: 'must not repeat a phrase',
  });

/** The booking link: an absolute http(s) address, or '' to remove it. */
export const ZBookingUrl = ZText(bookingUrlMaxLength)
  .refine(isBookingUrl, {
    message:
      "must be a web address starting with https:// (or http://), like https://cal.com/you; or '' for none",
  })
  .openapi({ example: 'https://cal.com/harbor/first-session' });

export const ZUpdatePractice = z
  .strictObject({
    name: ZName.optional(),
    profession: ZProfession.optional(),
    valueProposition: ZText(limits.valueProposition).optional(),
    keyPhrases: ZKeyPhrases.optional(),
    idealClient: ZText(limits.idealClient).optional(),
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, { message: 'must be an IANA time zone, like America/New_York' })
      .optional(),
    postalAddress: ZText(limits.postalAddress).optional(),
    bookingUrl: ZBookingUrl.optional(),
    markSetUp: z.literal(true).optional(),
  })
  .openapi('UpdatePractice');
export type UpdatePractice = z.infer<typeof ZUpdatePractice>;

type SettingName = (typeof settingsMeta)[number]['key'] | 'currency' | 'salutationStyle';
const settingNames: [SettingName, ...SettingName[]] = [
  'currency',
  'salutationStyle',
  ...settingsMeta.map((m) => m.key),
];

export const ZSettingMeta = z.object({
  key: z.enum(settingNames),
  label: z.string(),
  meaning: z.string(),
  unit: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  default: z.union([z.number(), z.string()]),
  /** The values a text setting takes, when it is a choice (`salutationStyle`). */
  choices: z.array(z.string()).optional(),
});

export const ZSettingsView = z
  .object({ values: ZSettings, meta: z.array(ZSettingMeta) })
  .openapi('Settings');

export const ZUpdateSettings = ZSettingsPatch.openapi('UpdateSettings');

export const settingsMetaView = [
  ...settingsMeta.map((m) => ({ ...m })),
  {
    key: 'currency' as const,
    label: 'Currency',
    meaning: 'The currency of fees, gifts and values (ISO 4217 code).',
    unit: 'code',
    default: 'USD',
  },
  {
    key: 'salutationStyle' as const,
    label: 'Salutation',
    meaning:
      'How letters, the ask script and Today address a contact: formal ("Dear Dr. Reyes,", or "Dear Alan Reyes," without a title) or informal ("Dear Alan,", the preferred name first). A contact may have their own.',
    unit: '',
    default: 'formal',
    choices: [...salutationStyles],
  },
];

export const ZProfessionList = z.object({
  items: z.array(z.object({ id: ZProfession, label: z.string() })),
});
