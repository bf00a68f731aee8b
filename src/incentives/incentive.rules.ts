import type { EffectiveRuling, Ruling } from '../ethics/ethics.rules.ts';
import { formatMoney } from '../platform/money.ts';

export const incentiveStatuses = ['promised', 'delivered'] as const;
export type IncentiveStatus = (typeof incentiveStatuses)[number];
export const recipients = ['referrer', 'referred'] as const;
export type IncentiveRecipient = (typeof recipients)[number];
export const disclosureMethods = ['verbal', 'written', 'email', 'engagement_letter'] as const;

export type IncentiveDraft = {
  valueMinor: number | null;
  currency: string;
  /** Linked to a commitment, flagged by the user, or promised before the referral arrived. */
  isPromisedInAdvance: boolean;
};

export type Verdict = {
  verdict: Ruling;
  reason: string;
  source: string;
  refusal: string | null;
  /** The body field the refusal is about, for problem+json. */
  field: string | null;
};

/**
 * The ruling applied to one incentive (§7): prohibited is refused with its reason and source;
 * nominal-only is refused above the practice's nominal amount (exactly the amount is fine),
 * without a stated value, in another currency, or when promised in advance.
 */
export function verdictFor(
  ruling: EffectiveRuling,
  draft: IncentiveDraft,
  nominal: { minor: number; currency: string },
): Verdict {
  const base = { verdict: ruling.ruling, reason: ruling.reason, source: ruling.source };
  const refuse = (field: string, refusal: string): Verdict => ({ ...base, refusal, field });
  const kind = ruling.kind.replaceAll('_', ' ');
  if (ruling.ruling === 'prohibited')
    return refuse('kind', `A ${kind} is not allowed for this practice: ${ruling.reason}`);
  if (ruling.ruling === 'nominal_only') {
    if (draft.isPromisedInAdvance)
      return refuse(
        'isPromisedInAdvance',
        `A ${kind} may only be a nominal thank-you given after the referral, never promised in advance (${ruling.source}).`,
      );
    if (draft.valueMinor === null)
      return refuse(
        'valueMinor',
        `A ${kind} is allowed only up to a nominal value; give its value (up to ${formatMoney(nominal.minor, nominal.currency)}).`,
      );
    if (draft.currency !== nominal.currency)
      return refuse(
        'currency',
        `The nominal limit is set in ${nominal.currency}; give the value in ${nominal.currency}.`,
      );
    if (draft.valueMinor > nominal.minor)
      return refuse(
        'valueMinor',
        `A ${kind} is allowed only up to the nominal amount of ${formatMoney(nominal.minor, nominal.currency)}; this is ${formatMoney(draft.valueMinor, draft.currency)} (${ruling.source}).`,
      );
  }
  return { ...base, refusal: null, field: null };
}

/** Why an incentive cannot be marked delivered now, or null. */
export function deliveryRefusal(row: {
  status: string;
  verdict: string;
  disclosed_at: string | null;
}): { code: 'conflict' | 'unprocessable'; message: string } | null {
  if (row.status === 'delivered')
    return { code: 'conflict', message: 'This incentive was already delivered.' };
  if (row.verdict === 'allowed_with_disclosure' && row.disclosed_at === null)
    return {
      code: 'unprocessable',
      message:
        'This incentive is allowed only with disclosure: record the disclosure to the client first (POST /incentives/{id}/disclosure).',
    };
  return null;
}
