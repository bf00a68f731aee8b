import { interactionLabel } from '../interactions/interaction.rules.ts';
import type { GivenWithNames } from '../referrals/given.rules.ts';

/** Who did something: a user of the practice, by id and name (null for the system or the public). */
type ByRow = { by_id: string | null; by_name: string | null };

/** What one contact's timeline is made of (rows as the repository answers them). */
export type TimelineSources = {
  contactId: string;
  interactions: ({
    id: string;
    kind: string;
    occurred_at: string;
    summary: string | null;
  } & ByRow)[];
  stageChanges: {
    id: string;
    from_stage: string | null;
    to_stage: string;
    changed_at: string;
    reason: string | null;
    changed_by: string | null;
    changed_by_name: string | null;
  }[];
  referrals: (ByRow & {
    id: string;
    referrer_id: string | null;
    referrer_name: string | null;
    referred_id: string | null;
    /** Null when the referred person was erased. */
    referred_name: string | null;
    received_at: string;
    need: string | null;
  })[];
  referralEvents: (ByRow & {
    id: string;
    referral_id: string;
    kind: string;
    from_status: string | null;
    to_status: string | null;
    at: string;
    note: string | null;
    referred_name: string | null;
  })[];
  referralsGiven: (GivenWithNames & ByRow & { reason: string | null })[];
};

export const timelineKinds = [
  'interaction',
  'stage',
  'referral_sent',
  'referral_about',
  'referral_given_to',
  'referral_given_about',
  'referral_event',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export type TimelineItem = {
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  /** The interaction, stage change, referral or referral given; for an event, its referral. */
  refId: string;
  /** Who did it (issue 14): a member of the team, or null (an intake form, the system). */
  by: { id: string; name: string } | null;
};

const byOf = (id: string | null, name: string | null) =>
  id && name !== null ? { id, name } : null;

export type Reciprocity = {
  received: number;
  given: number;
  /** received − given (PRODUCT.md §3.5). */
  balance: number;
  lastExchangeAt: string | null;
};

/**
 * Within one instant, causes come before their effects: a contact is added, then a referral
 * arrives, then it promotes the referrer and its status moves (newest first reverses this).
 */
function sameInstantOrder(item: TimelineItem, addedAt: ReadonlySet<string>): number {
  if (item.kind === 'stage') return addedAt.has(item.refId) ? 0 : 2;
  if (item.kind === 'referral_event') return 3;
  return 1;
}

/** How a referral names its referred person once they were erased (PRODUCT.md §8). */
const erasedPerson = 'an erased person';
const status = (s: string | null) => (s ? s.replaceAll('_', ' ') : '—');

/**
 * One list, newest first, of everything that happened with a contact, and the give-and-take
 * with them. A referral's `created` event is left out: the referral item itself shows it.
 */
export function buildTimeline(s: TimelineSources): {
  items: TimelineItem[];
  reciprocity: Reciprocity;
} {
  const items: TimelineItem[] = [];
  // Stage entries that record the contact being added (no previous stage).
  const added = new Set(s.stageChanges.filter((c) => c.from_stage === null).map((c) => c.id));
  for (const i of s.interactions)
    items.push({
      at: i.occurred_at,
      kind: 'interaction',
      title: interactionLabel(i.kind),
      detail: i.summary,
      refId: i.id,
      by: byOf(i.by_id, i.by_name),
    });
  for (const c of s.stageChanges)
    items.push({
      at: c.changed_at,
      kind: 'stage',
      title: c.from_stage
        ? `Stage ${c.from_stage} → ${c.to_stage}`
        : `Added at stage ${c.to_stage}`,
      detail: c.reason,
      refId: c.id,
      by: byOf(c.changed_by, c.changed_by_name),
    });
  for (const r of s.referrals) {
    const sent = r.referrer_id === s.contactId;
    items.push({
      at: r.received_at,
      kind: sent ? 'referral_sent' : 'referral_about',
      title: sent
        ? `Referred ${r.referred_name ?? erasedPerson}`
        : r.referrer_name
          ? `Referred by ${r.referrer_name}`
          : 'Referred (referrer unknown)',
      detail: r.need,
      refId: r.id,
      by: byOf(r.by_id, r.by_name),
    });
  }
  for (const e of s.referralEvents) {
    if (e.kind === 'created') continue;
    const what = e.to_status
      ? `${status(e.from_status)} → ${status(e.to_status)}`
      : interactionLabel(e.kind).toLowerCase();
    items.push({
      at: e.at,
      kind: 'referral_event',
      title: `Referral of ${e.referred_name ?? erasedPerson}: ${what}`,
      detail: e.note,
      refId: e.referral_id,
      by: byOf(e.by_id, e.by_name),
    });
  }
  for (const g of s.referralsGiven) {
    const toThem = g.partner_id === s.contactId;
    items.push({
      at: g.given_at,
      kind: toThem ? 'referral_given_to' : 'referral_given_about',
      title: toThem
        ? `You referred ${g.person_name} to them`
        : `You referred them to ${g.partner_name}`,
      detail: g.reason,
      refId: g.id,
      by: byOf(g.by_id, g.by_name),
    });
  }
  items.sort(
    (a, b) =>
      b.at.localeCompare(a.at) ||
      sameInstantOrder(b, added) - sameInstantOrder(a, added) ||
      b.refId.localeCompare(a.refId),
  );

  const receivedAt = s.referrals
    .filter((r) => r.referrer_id === s.contactId)
    .map((r) => r.received_at);
  const givenAt = s.referralsGiven
    .filter((g) => g.partner_id === s.contactId)
    .map((g) => g.given_at);
  const last = [...receivedAt, ...givenAt].sort().at(-1) ?? null;
  return {
    items,
    reciprocity: {
      received: receivedAt.length,
      given: givenAt.length,
      balance: receivedAt.length - givenAt.length,
      lastExchangeAt: last,
    },
  };
}
