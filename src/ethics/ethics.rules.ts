import type { Profession } from '../practices/professions.ts';

/** What a practice can give in return for a referral (PRODUCT.md §2 Incentive). */
export const incentiveKinds = [
  'thank_you_note',
  'gift',
  'referral_fee',
  'discount',
  'donation',
  'event_invitation',
  'reciprocal_arrangement',
] as const;
export type IncentiveKind = (typeof incentiveKinds)[number];

/** The four rulings of §7. */
export const rulings = [
  'allowed',
  'allowed_with_disclosure',
  'nominal_only',
  'prohibited',
] as const;
export type Ruling = (typeof rulings)[number];

export const ethicsProfiles = [
  'counselor',
  'psychologist',
  'health',
  'attorney',
  'accountant',
  'financial_adviser',
  'real_estate',
  'general',
] as const;
export type EthicsProfile = (typeof ethicsProfiles)[number];

/** §7: coach, consultant, creative and other share one profile. */
export function profileOf(profession: Profession | string): EthicsProfile {
  return (ethicsProfiles as readonly string[]).includes(profession)
    ? (profession as EthicsProfile)
    : 'general';
}

export type ProfileRuling = { ruling: Ruling; reason: string; source: string };

export const disclaimer =
  'Vouch gives no legal advice. These rulings are conservative starting points drawn from the ' +
  'rules named beside each one; your licensing board, state or country may be stricter, and ' +
  'only a practice may tighten them here. Check with your professional body or your own ' +
  'counsel before offering anything of value for referrals.';

const r = (ruling: Ruling, source: string, why: string): ProfileRuling => ({
  ruling,
  source,
  reason: `${why} (${source}).`,
});

const note = (source: string) =>
  r(
    'allowed',
    source,
    'A written thank-you gives nothing of value, so no rule on paying for referrals applies',
  );

/**
 * The starting profiles of PRODUCT.md §7, every profile × every incentive kind. Each reason is
 * one line and names its source. Where §7 is silent the ruling is the conservative reading.
 */
export const ethicsTable: Record<EthicsProfile, Record<IncentiveKind, ProfileRuling>> = {
  counselor: {
    thank_you_note: note('ACA Code of Ethics A.10.b'),
    gift: r(
      'prohibited',
      'ACA Code of Ethics A.10.b',
      'Counselors give no commissions, rebates or any other remuneration for referrals',
    ),
    referral_fee: r(
      'prohibited',
      'ACA Code of Ethics A.10.b',
      'Counselors do not split fees or pay for referrals',
    ),
    discount: r(
      'prohibited',
      'ACA Code of Ethics A.10.b',
      'A price cut earned by being referred is remuneration tied to the referral',
    ),
    donation: r(
      'nominal_only',
      'ACA Code of Ethics A.10.b',
      'A modest donation in thanks, never promised, is not remuneration to the referrer; more would be',
    ),
    event_invitation: r(
      'nominal_only',
      'ACA Code of Ethics A.10.b',
      'An invitation has value; keep it a modest thank-you given afterwards',
    ),
    reciprocal_arrangement: r(
      'allowed',
      'ACA Code of Ethics A.10.b',
      'Referring each other in the client’s interest, with no payment, is not remuneration',
    ),
  },
  psychologist: {
    thank_you_note: note('APA Ethics Code 6.07'),
    gift: r(
      'nominal_only',
      'APA Ethics Code 6.07',
      'Payment must rest on services rendered, not on the referral; only a nominal token of thanks',
    ),
    referral_fee: r(
      'prohibited',
      'APA Ethics Code 6.07',
      'Fees between professionals are only for services actually rendered, never for the referral itself',
    ),
    discount: r(
      'prohibited',
      'APA Ethics Code 6.07',
      'Fees rest on the services provided, not on how the client was referred',
    ),
    donation: r(
      'nominal_only',
      'APA Ethics Code 6.07',
      'A donation for a referral is a payment based on the referral unless it is a nominal token',
    ),
    event_invitation: r(
      'nominal_only',
      'APA Ethics Code 6.07',
      'An invitation has value; keep it a nominal thank-you given afterwards',
    ),
    reciprocal_arrangement: r(
      'allowed',
      'APA Ethics Code 3.09',
      'Cooperating with other professionals to serve clients is expected; no money changes hands',
    ),
  },
  health: {
    thank_you_note: note('42 U.S.C. § 1320a-7b(b)'),
    gift: r(
      'nominal_only',
      '42 CFR 411.357(k)',
      'Non-monetary gifts to referral sources must stay small and never depend on referrals',
    ),
    referral_fee: r(
      'prohibited',
      '42 U.S.C. § 1320a-7b(b)',
      'The Anti-Kickback Statute forbids paying for referrals of federally covered patients',
    ),
    discount: r(
      'prohibited',
      '42 U.S.C. § 1320a-7a(a)(5)',
      'Discounts offered to patients to bring them in are prohibited beneficiary inducements',
    ),
    donation: r(
      'prohibited',
      '42 U.S.C. § 1320a-7b(b)',
      'A donation made because of referrals is indirect remuneration for them',
    ),
    event_invitation: r(
      'nominal_only',
      '42 CFR 411.357(k)',
      'Hospitality counts as non-monetary compensation; keep it small and unconditional',
    ),
    reciprocal_arrangement: r(
      'allowed',
      '42 U.S.C. § 1320a-7b(b)',
      'Referring patients for their care, with nothing of value exchanged, is not remuneration',
    ),
  },
  attorney: {
    thank_you_note: note('ABA Model Rule 7.2(b)'),
    gift: r(
      'nominal_only',
      'ABA Model Rule 7.2(b)(5)',
      'Only nominal gifts of appreciation, not expected as compensation for the recommendation',
    ),
    referral_fee: r(
      'prohibited',
      'ABA Model Rule 7.2(b)',
      'A lawyer may not give anything of value for a recommendation; fee division between lawyers needs Rule 1.5(e) disclosure',
    ),
    discount: r(
      'allowed_with_disclosure',
      'ABA Model Rule 1.5(b)',
      'The fee and its basis must be communicated to the client, preferably in writing',
    ),
    donation: r(
      'nominal_only',
      'ABA Model Rule 7.2(b)(5)',
      'A donation for a recommendation is a thing of value; only a nominal token of appreciation',
    ),
    event_invitation: r(
      'nominal_only',
      'ABA Model Rule 7.2(b)(5)',
      'Hospitality is a thing of value; only a nominal token of appreciation',
    ),
    reciprocal_arrangement: r(
      'allowed_with_disclosure',
      'ABA Model Rule 7.2(b)(4)',
      'Reciprocal referral agreements must be non-exclusive and the client told of them',
    ),
  },
  accountant: {
    thank_you_note: note('AICPA Code 1.520.001'),
    gift: r(
      'allowed_with_disclosure',
      'AICPA Code 1.520.001',
      'Anything paid for a referral is a referral fee and must be disclosed to the client',
    ),
    referral_fee: r(
      'allowed_with_disclosure',
      'AICPA Code 1.520.001',
      'Referral fees paid or received must be disclosed to the client',
    ),
    discount: r(
      'allowed',
      'AICPA Code 1.520.001',
      'A lower fee for the client is a fee term agreed with them, not a referral fee paid to another',
    ),
    donation: r(
      'allowed_with_disclosure',
      'AICPA Code 1.520.001',
      'A donation given for a referral is a referral fee in another form; disclose it',
    ),
    event_invitation: r(
      'allowed_with_disclosure',
      'AICPA Code 1.520.001',
      'Hospitality given for a referral is a referral fee in kind; disclose it',
    ),
    reciprocal_arrangement: r(
      'allowed',
      'AICPA Code 1.520.001',
      'Exchanging referrals without payment is not a referral fee',
    ),
  },
  financial_adviser: {
    thank_you_note: note('SEC Rule 206(4)-1'),
    gift: r(
      'allowed_with_disclosure',
      'SEC Rule 206(4)-1(b)',
      'A compensated endorsement must be disclosed; a written agreement above 1,000 a year',
    ),
    referral_fee: r(
      'allowed_with_disclosure',
      'SEC Rule 206(4)-1(b)',
      'Paid referrals must be disclosed to the client; a written agreement above 1,000 a year',
    ),
    discount: r(
      'allowed_with_disclosure',
      'Form ADV Part 2A Item 5',
      'Fee terms, including reductions, must be disclosed to clients',
    ),
    donation: r(
      'allowed_with_disclosure',
      'SEC Rule 206(4)-1(b)',
      'Anything of value for an endorsement is compensation and must be disclosed',
    ),
    event_invitation: r(
      'allowed_with_disclosure',
      'SEC Rule 206(4)-1(b)',
      'Hospitality given for a referral is compensation for the endorsement; disclose it',
    ),
    reciprocal_arrangement: r(
      'allowed',
      'SEC Rule 206(4)-1',
      'Unpaid mutual referrals are allowed; if referrals are promised in exchange, treat them as compensation',
    ),
  },
  real_estate: {
    thank_you_note: note('RESPA § 8(a), 12 U.S.C. § 2607'),
    gift: r(
      'prohibited',
      'RESPA § 8(a), 12 U.S.C. § 2607',
      'No thing of value may be given for referrals of settlement-service business',
    ),
    referral_fee: r(
      'prohibited',
      'RESPA § 8(a), 12 U.S.C. § 2607',
      'Referral fees from settlement-service providers are forbidden; agent-to-agent fees only under § 8(c)(3), disclosed',
    ),
    discount: r(
      'allowed_with_disclosure',
      '24 CFR 1024.14(g)',
      'A rebate to the consumer must be disclosed at closing; some states forbid it, so tighten if yours does',
    ),
    donation: r(
      'prohibited',
      'RESPA § 8(a), 12 U.S.C. § 2607',
      'A donation given for a referral is a thing of value for the referral',
    ),
    event_invitation: r(
      'prohibited',
      '24 CFR 1024.14(g)(1)(vi)',
      'Events are fine only when not tied to referrals; as thanks for one they are a thing of value',
    ),
    reciprocal_arrangement: r(
      'allowed_with_disclosure',
      'RESPA § 8(c)(3); NAR Code of Ethics Article 6',
      'Cooperative referral arrangements between real estate agents only, disclosed to the client',
    ),
  },
  general: {
    thank_you_note: note('FTC 16 CFR 255.5'),
    gift: r(
      'allowed',
      'FTC 16 CFR 255.5',
      'No professional rule restricts gifts; disclose the connection if the referrer endorses you publicly',
    ),
    referral_fee: r(
      'allowed_with_disclosure',
      'FTC 16 CFR 255.5',
      'A paid recommendation is a material connection the person referred should know about',
    ),
    discount: r(
      'allowed',
      'FTC 16 CFR 255.5',
      'A discount for the person referred is an ordinary offer',
    ),
    donation: r(
      'allowed',
      'FTC 16 CFR 255.5',
      'No professional rule restricts donations in thanks',
    ),
    event_invitation: r(
      'allowed',
      'FTC 16 CFR 255.5',
      'No professional rule restricts invitations in thanks',
    ),
    reciprocal_arrangement: r(
      'allowed',
      'FTC 16 CFR 255.5',
      'Referring each other is ordinary practice; say so if asked',
    ),
  },
};

/** §3.2: what a referrer may be told without the referred person's consent. */
export const referrerToldWithoutConsent: Record<EthicsProfile, string> = {
  counselor: 'nothing about the person',
  psychologist: 'nothing about the person',
  health: 'treating providers: seen/scheduled',
  attorney: 'nothing about the person',
  accountant: 'nothing about the person',
  financial_adviser: 'nothing about the person',
  real_estate: 'nothing about the person',
  general: 'nothing about the person',
};

/**
 * What each ruling demands. A ruling tightens another only when it keeps every demand of it:
 * nominal-only drops the disclosure that allowed-with-disclosure requires, so neither
 * tightens the other; prohibited tightens everything.
 */
const demands: Record<Ruling, readonly string[]> = {
  allowed: [],
  allowed_with_disclosure: ['disclosure'],
  nominal_only: ['nominal', 'after_the_referral'],
  prohibited: ['disclosure', 'nominal', 'after_the_referral', 'nothing'],
};

/** Whether `next` is at least as strict as `base` (equal counts). */
export function isAtLeastAsStrict(next: Ruling, base: Ruling): boolean {
  return demands[base].every((d) => demands[next].includes(d));
}

export type Overrides = Partial<Record<IncentiveKind, Ruling>>;

/** The kinds an override would loosen (or move sideways) against the profile. */
export function looseningKinds(profile: EthicsProfile, overrides: Overrides): IncentiveKind[] {
  return incentiveKinds.filter((kind) => {
    const next = overrides[kind];
    return next !== undefined && !isAtLeastAsStrict(next, ethicsTable[profile][kind].ruling);
  });
}

export type EffectiveRuling = ProfileRuling & { kind: IncentiveKind; isTightened: boolean };

/**
 * The rulings in force: the profile's, replaced by the practice's override only where that
 * override tightens it (an override that no longer tightens, e.g. after a change of
 * profession, is ignored rather than allowed to loosen).
 */
export function effectiveRulings(profile: EthicsProfile, overrides: Overrides): EffectiveRuling[] {
  return incentiveKinds.map((kind) => {
    const base = ethicsTable[profile][kind];
    const next = overrides[kind];
    if (next === undefined || next === base.ruling || !isAtLeastAsStrict(next, base.ruling))
      return { kind, ...base, isTightened: false };
    return {
      kind,
      ruling: next,
      source: `practice policy, tightening ${base.source}`,
      reason: `Tightened by the practice from ${base.ruling.replaceAll('_', ' ')} (practice policy, tightening ${base.source}).`,
      isTightened: true,
    };
  });
}

export function effectiveRuling(
  profile: EthicsProfile,
  overrides: Overrides,
  kind: IncentiveKind,
): EffectiveRuling {
  const found = effectiveRulings(profile, overrides).find((e) => e.kind === kind);
  if (!found) throw new Error(`unknown incentive kind ${kind}`);
  return found;
}

/** Reads the stored overrides, keeping only known kinds and rulings. */
export function readOverrides(stored: string): Overrides {
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: Overrides = {};
  for (const kind of incentiveKinds) {
    const v = (raw as Record<string, unknown>)[kind];
    if (typeof v === 'string' && (rulings as readonly string[]).includes(v))
      out[kind] = v as Ruling;
  }
  return out;
}
