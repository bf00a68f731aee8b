// From @hono/zod-openapi, so that these schemas carry .openapi() whatever the import order.
import { z } from '@hono/zod-openapi';
import { salutationStyles } from '../contacts/contact-name.rules.ts';
import { ZCurrency } from '../platform/fields.ts';

/** A keep-in-touch cadence (PRODUCT.md §2, §3.6): 0 means no cadence for that stage or role. */
const cadence = <K extends string>(key: K, label: string, meaning: string, default_: number) =>
  ({
    key,
    default: default_,
    min: 0,
    max: 730,
    unit: 'days',
    label,
    meaning: `${meaning} 0 = no cadence. A contact takes the shortest non-zero cadence of its stage and roles (§2).`,
  }) as const;

const keepInTouchMeta = [
  cadence(
    'keepInTouchMetDays',
    'Keep in touch (met)',
    'Touch contacts at stage met at least this often.',
    0,
  ),
  cadence(
    'keepInTouchKnowsDays',
    'Keep in touch (knows)',
    'Touch contacts at stage knows at least this often.',
    0,
  ),
  cadence(
    'keepInTouchLikesDays',
    'Keep in touch (likes)',
    'Touch contacts at stage likes at least this often.',
    0,
  ),
  cadence(
    'keepInTouchTrustsDays',
    'Keep in touch (trusts)',
    'Touch contacts at stage trusts at least this often.',
    60,
  ),
  cadence(
    'keepInTouchRefersDays',
    'Keep in touch (refers)',
    'Touch contacts at stage refers at least this often.',
    60,
  ),
  cadence(
    'keepInTouchPartnerDays',
    'Keep in touch (partners)',
    'Touch partners at least this often.',
    30,
  ),
  cadence(
    'keepInTouchClientDays',
    'Keep in touch (clients)',
    'Touch clients at least this often.',
    0,
  ),
  cadence(
    'keepInTouchFormerClientDays',
    'Keep in touch (former clients)',
    'Touch former clients at least this often.',
    0,
  ),
  cadence(
    'keepInTouchColleagueDays',
    'Keep in touch (colleagues)',
    'Touch colleagues at least this often.',
    0,
  ),
  cadence(
    'keepInTouchFriendDays',
    'Keep in touch (friends)',
    'Touch friends at least this often.',
    0,
  ),
  cadence(
    'keepInTouchProspectDays',
    'Keep in touch (prospects)',
    'Touch prospects at least this often.',
    0,
  ),
] as const;

/**
 * The program defaults of PRODUCT.md §10, each a setting of the practice, with what it means.
 * Stored as one JSON object per practice; keys missing from storage take their default.
 */
export const settingsMeta = [
  {
    key: 'responseWindowHours',
    default: 24,
    min: 1,
    max: 720,
    unit: 'hours',
    label: 'Response window',
    meaning: 'Contact a new referral within this many hours of receiving it (§3.1).',
  },
  {
    key: 'thankWithinHours',
    default: 48,
    min: 1,
    max: 720,
    unit: 'hours',
    label: 'Thank within',
    meaning: 'Thank the referrer within this many hours of every referral (§3.1).',
  },
  {
    key: 'askWindowDays',
    default: 7,
    min: 1,
    max: 90,
    unit: 'days',
    label: 'Ask window',
    meaning: 'A positive moment makes asking timely for this many days (§3.3).',
  },
  {
    key: 'askCooldownDays',
    default: 90,
    min: 0,
    max: 730,
    unit: 'days',
    label: 'Ask cooldown',
    meaning: 'Do not suggest asking the same person again within this many days (§3.3).',
  },
  {
    key: 'commitmentReminderDays',
    default: 14,
    min: 1,
    max: 180,
    unit: 'days',
    label: 'Commitment reminder after',
    meaning: 'Suggest a reminder letter when a commitment has been silent this long (§3.4).',
  },
  {
    key: 'commitmentMaxReminders',
    default: 2,
    min: 0,
    max: 10,
    unit: 'letters',
    label: 'Reminders before release',
    meaning: 'After this many reminders, propose releasing the commitment gracefully (§3.4).',
  },
  {
    key: 'quietSourceDays',
    default: 90,
    min: 7,
    max: 730,
    unit: 'days',
    label: 'Quiet source after',
    meaning: 'A promising source with no referral and no touch this long needs a follow-up (§3.6).',
  },
  {
    key: 'giveBackThreshold',
    default: 2,
    min: 1,
    max: 50,
    unit: 'referrals',
    label: 'Give back when owed',
    meaning: 'A partner who has sent this many more referrals than received is owed one (§3.5).',
  },
  {
    key: 'checkInDays',
    default: 14,
    min: 1,
    max: 180,
    unit: 'days',
    label: 'Check-in after giving',
    meaning:
      'Ask the person you referred whether they were well served after this many days (§3.5).',
  },
  {
    key: 'defaultConversionPercent',
    default: 67,
    min: 1,
    max: 100,
    unit: '%',
    label: 'Default conversion rate',
    meaning: 'Used to plan referrals needed until enough referrals have closed (§3.8).',
  },
  {
    key: 'conversionMinClosed',
    default: 10,
    min: 1,
    max: 1000,
    unit: 'referrals',
    label: 'Closed referrals for own rate',
    meaning:
      'Once this many referrals closed in the last 12 months, use the practice’s own conversion rate (§3.8).',
  },
  {
    key: 'mostWantedTarget',
    default: 5,
    min: 1,
    max: 100,
    unit: 'relationships',
    label: 'Most-wanted target',
    meaning: 'Default number of relationships wanted in each most-wanted category (§2).',
  },
  {
    key: 'surveyMaxPeople',
    default: 6,
    min: 1,
    max: 20,
    unit: 'people',
    label: 'Survey size',
    meaning: 'How many people the messaging survey goes to (§3.7).',
  },
  {
    key: 'alignmentThresholdPercent',
    default: 50,
    min: 1,
    max: 100,
    unit: '%',
    label: 'Alignment threshold',
    meaning:
      'Survey answers conveying less than this share of your key phrases need explaining (§3.7).',
  },
  ...keepInTouchMeta,
  {
    key: 'nominalGiftMinor',
    default: 10000,
    min: 0,
    max: 100000000,
    unit: 'minor units',
    label: 'Nominal gift limit',
    meaning:
      'Largest thank-you gift allowed where a profile permits nominal gifts only, in cents (§7).',
  },
] as const;

export type SettingKey = (typeof settingsMeta)[number]['key'];

const numberSettings = Object.fromEntries(
  settingsMeta.map((m) => [m.key, z.number().int().min(m.min).max(m.max)]),
) as Record<SettingKey, z.ZodNumber>;

export const ZSettings = z.strictObject({
  ...numberSettings,
  currency: ZCurrency,
  /** How letters greet contacts without a style of their own: "Dear Dr. Reyes," or "Dear Alan,". */
  salutationStyle: z.enum(salutationStyles),
});
export type Settings = z.infer<typeof ZSettings>;

export const ZSettingsPatch = ZSettings.partial();
export type SettingsPatch = z.infer<typeof ZSettingsPatch>;

export const defaultSettings: Settings = {
  ...(Object.fromEntries(settingsMeta.map((m) => [m.key, m.default])) as Record<
    SettingKey,
    number
  >),
  currency: 'USD',
  salutationStyle: 'formal',
};

/** Reads stored settings, taking the default for any key that is missing or no longer valid. */
export function readSettings(stored: string): Settings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(stored);
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const out: Record<string, unknown> = { ...defaultSettings };
  for (const [key, schema] of Object.entries(ZSettings.shape)) {
    const ok = schema.safeParse(raw[key]);
    if (ok.success) out[key] = ok.data;
  }
  return out as Settings;
}
