/**
 * The daily agenda (PRODUCT.md §4): what to do, for whom, why now, and the one action that
 * completes it. Pure: plain rows, `now` and the practice's settings in; items out. One
 * function per kind; the repository has already narrowed the rows in SQL, and each function
 * re-checks its rule so that it stays true on its own (and is testable without a database).
 * Whether something is due is asked of the feature that owns the rule (ask.rules,
 * commitment.rules, given.rules, referral.rules, cadence.rules, reciprocity.rules,
 * category.rules, alignment.rules); the agenda writes the text.
 */
import { type MomentKind, readinessOf } from '../asks/ask.rules.ts';
import {
  type CommitmentStatus,
  reminderOf,
  silentSinceOf,
  unansweredRemindersOf,
} from '../commitments/commitment.rules.ts';
import { type cadenceDays, type TouchState, touchOf } from '../contacts/cadence.rules.ts';
import { type Role, type Stage, stageRank } from '../contacts/contact.rules.ts';
import {
  type AddressableName,
  addressableFromName,
  addressNameOf,
} from '../contacts/contact-name.rules.ts';
import { type Disclosure, mayTellStatus } from '../letters/letter.rules.ts';
import { coverageGap, effectiveTarget } from '../network/category.rules.ts';
import {
  dayMs,
  hourMs,
  localDay,
  localWeekday,
  minuteMs,
  plusDays,
  weekStartOf,
} from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import type { Settings } from '../practices/settings.rules.ts';
import { checkInOf, type GivenWithNames } from '../referrals/given.rules.ts';
import { isOwed } from '../referrals/reciprocity.rules.ts';
import {
  clockOf,
  type ReferralStatus,
  referrerUpdateOf,
  thanksOf,
} from '../referrals/referral.rules.ts';
import { isBelowAlignment } from '../survey/alignment.rules.ts';

export const agendaKinds = [
  'respond',
  'thank',
  'update_referrer',
  'notify_partner',
  'ask',
  'remind_commitment',
  'reconnect_quiet_source',
  'give_back',
  'check_in_given',
  'keep_in_touch',
  'grow_category',
  'explain',
] as const;
export type AgendaKind = (typeof agendaKinds)[number];

/** The kind's rank (§4): 1 is the most important. */
export const rankOf = (kind: AgendaKind): number => agendaKinds.indexOf(kind) + 1;

export const urgencies = ['overdue', 'today', 'this_week', 'later'] as const;
export type Urgency = (typeof urgencies)[number];

export type ContactRef = { id: string; name: string };
export type AgendaAction = {
  label: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body: Record<string, unknown> | null;
};
export type SubjectType =
  | 'referral'
  | 'referral_given'
  | 'contact'
  | 'commitment'
  | 'category'
  | 'survey_recipient';

export type AgendaItem = {
  key: string;
  kind: AgendaKind;
  rank: number;
  title: string;
  forWhom: ContactRef | null;
  /** The referrer, partner or contact the item may be named by outside Vouch (§3.2): never the referred person. */
  party: ContactRef | null;
  why: string;
  dueAt: string | null;
  urgency: Urgency;
  action: AgendaAction;
  secondary?: AgendaAction;
  subject: { type: SubjectType; id: string };
};

/** What the subject of each kind is, so that a mark can be checked against the practice. */
export const subjectTypeOf: Record<AgendaKind, SubjectType> = {
  respond: 'referral',
  thank: 'referral',
  update_referrer: 'referral',
  notify_partner: 'referral_given',
  ask: 'contact',
  remind_commitment: 'commitment',
  reconnect_quiet_source: 'contact',
  give_back: 'contact',
  check_in_given: 'referral_given',
  keep_in_touch: 'contact',
  grow_category: 'category',
  explain: 'survey_recipient',
};

export type AgendaSettings = Pick<
  Settings,
  | 'responseWindowHours'
  | 'thankWithinHours'
  | 'askWindowDays'
  | 'askCooldownDays'
  | 'commitmentReminderDays'
  | 'commitmentMaxReminders'
  | 'quietSourceDays'
  | 'giveBackThreshold'
  | 'checkInDays'
  | 'mostWantedTarget'
  | 'alignmentThresholdPercent'
  | 'salutationStyle'
> &
  Parameters<typeof cadenceDays>[1];

/** The moment the agenda is computed for, and where the practice is (for "today"). */
export type AgendaClock = { now: Date; timeZone: string };

const ms = (iso: string) => Date.parse(iso);

// ---------------------------------------------------------------------------------------------
// Keys, durations, urgency

/**
 * An item's key: kind, subject and the version of its cause (§4: a dismissed item returns
 * only when its cause changes). Times in keys are epoch milliseconds: short and URL-safe.
 */
export function itemKey(kind: AgendaKind, subjectId: string, version?: string | number): string {
  return version === undefined ? `${kind}:${subjectId}` : `${kind}:${subjectId}:${version}`;
}

const keyPattern = new RegExp(
  `^(${agendaKinds.join('|')}):([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9_.-]{1,80})?$`,
);

/** The kind and subject an item key names, or null when it is not an agenda key. */
export function parseItemKey(
  key: string,
): { kind: AgendaKind; subjectId: string; version: string | null } | null {
  const m = keyPattern.exec(key);
  if (!m) return null;
  return { kind: m[1] as AgendaKind, subjectId: m[2] as string, version: m[3]?.slice(1) ?? null };
}

/**
 * What an assignment is kept under (issue 14 §4): the item's kind and subject without its
 * cause version, so that an item assigned to someone stays theirs when its cause moves on.
 */
export function assignmentKeyOf(key: string): string | null {
  const parsed = parseItemKey(key);
  return parsed ? `${parsed.kind}:${parsed.subjectId}` : null;
}

/** "45 min", "26 h", "3 days": hours up to two days, days after. */
export function spanText(millis: number): string {
  const t = Math.max(0, millis);
  if (t < hourMs) return `${Math.max(1, Math.floor(t / minuteMs))} min`;
  if (t < 2 * dayMs) return `${Math.floor(t / hourMs)} h`;
  const days = Math.floor(t / dayMs);
  return `${days} days`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Urgency of an item that falls due on a day (cadences, check-ins, reminders): `today` on the
 * local day it falls due, `overdue` once that day has passed, `this_week` within 7 days, else
 * `later`.
 */
export function dayUrgency(dueAt: string, clock: AgendaClock): Urgency {
  const dueDay = localDay(new Date(dueAt), clock.timeZone);
  const today = localDay(clock.now, clock.timeZone);
  if (dueDay < today) return 'overdue';
  if (dueDay === today) return 'today';
  return ms(dueAt) - clock.now.getTime() <= 7 * dayMs ? 'this_week' : 'later';
}

// ---------------------------------------------------------------------------------------------
// Rows (what the repository returns, one shape per kind)

export type ReferralAgendaRow = {
  id: string;
  referred_id: string;
  referred_name: string;
  referrer_id: string | null;
  referrer_name: string | null;
  received_at: string;
  status: ReferralStatus;
  status_changed_at: string;
  first_contact_at: string | null;
  closed_at: string | null;
  client_at: string | null;
  thanked_at: string | null;
  conversion_thanked_at: string | null;
  consent_to_update: boolean;
  referrer_told_status: ReferralStatus | null;
  referrer_told_at: string | null;
  /** The referrer treats the referred person (the HIPAA exception of §3.2). */
  referrer_is_treating_provider: boolean;
  /** The two people's names in parts, to call them as contacts' rules say (else split from the name). */
  referred_address?: AddressableName;
  referrer_address?: AddressableName | null;
};

export type GivenAgendaRow = GivenWithNames & {
  partner_notified_at: string | null;
  checked_in_at: string | null;
  partner_address?: AddressableName;
};

export type AskAgendaRow = {
  moment_id: string;
  moment_kind: MomentKind;
  score: number | null;
  occurred_at: string;
  contact_id: string;
  contact_name: string;
  stage: Stage;
  do_not_ask: boolean;
  last_asked_at: string | null;
  contact_address?: AddressableName;
};

export type CommitmentAgendaRow = {
  id: string;
  contact_id: string;
  contact_name: string;
  made_at: string;
  promised_count: number;
  status: CommitmentStatus;
  reminders_sent: number;
  last_reminder_at: string | null;
  last_credit_at: string | null;
  credited: number;
};

export type QuietAgendaRow = {
  id: string;
  name: string;
  stage: Stage;
  created_at: string;
  last_touch_at: string | null;
  last_referral_at: string | null;
  has_open_commitment: boolean;
};

export type GiveBackAgendaRow = {
  id: string;
  name: string;
  received: number;
  given: number;
};

export type TouchAgendaRow = {
  id: string;
  name: string;
  stage: Stage;
  roles: Role[];
  keep_in_touch_days: number | null;
  created_at: string;
  last_touch_at: string | null;
};

export type CategoryAgendaRow = {
  id: string;
  name: string;
  most_wanted_rank: number | null;
  target: number | null;
  coverage: number;
};

export type ExplainAgendaRow = {
  id: string;
  contact_id: string;
  contact_name: string;
  answered_at: string;
  score_percent: number;
  missed_phrases: string | null;
  last_talk_at: string | null;
};

const ref = (id: string, name: string): ContactRef => ({ id, name });
/**
 * What the agenda calls a person mid-sentence: as contacts' name rules address them under the
 * practice's style ("Dr. Reyes" or "Alan"), never a bare title.
 */
const calledBy = (
  address: AddressableName | null | undefined,
  name: string,
  settings: Pick<AgendaSettings, 'salutationStyle'>,
) => addressNameOf(address ?? addressableFromName(name), settings.salutationStyle);

/** An item of `kind` about `subjectId`, whose type the kind decides (`subjectTypeOf`). */
function item(
  kind: AgendaKind,
  fields: Omit<AgendaItem, 'kind' | 'rank' | 'key' | 'subject'> & {
    subjectId: string;
    version?: string | number;
  },
): AgendaItem {
  const { version, subjectId, ...rest } = fields;
  return {
    key: itemKey(kind, subjectId, version),
    kind,
    rank: rankOf(kind),
    ...rest,
    subject: { type: subjectTypeOf[kind], id: subjectId },
  };
}

/** The API call an item's button makes. */
const post = (label: string, path: string, body: AgendaAction['body'] = {}): AgendaAction => ({
  label,
  method: 'POST',
  path,
  body,
});
const patch = (label: string, path: string, body: AgendaAction['body']): AgendaAction => ({
  label,
  method: 'PATCH',
  path,
  body,
});
/** Logging a touch (or a talk) with the contact settles the item. */
const logInteraction = (label: string, contactId: string, kind: 'call' | 'meeting') =>
  post(label, `/contacts/${contactId}/interactions`, { kind });

// ---------------------------------------------------------------------------------------------
// 1. respond (§3.1)

export function respondItems(
  rows: readonly ReferralAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const r of rows) {
    if (r.status !== 'new' || ms(r.received_at) > clock.now.getTime()) continue;
    const c = clockOf(r, settings, clock.now);
    const ago = spanText(clock.now.getTime() - ms(r.received_at));
    const who = r.referrer_name
      ? `${r.referrer_name} referred ${r.referred_name} ${ago} ago`
      : `${r.referred_name} was referred to you ${ago} ago (referrer unknown)`;
    const window = `${settings.responseWindowHours} h window`;
    const late =
      c.state === 'overdue'
        ? `you are ${spanText(clock.now.getTime() - ms(c.dueAt))} past your ${window}`
        : `${spanText(ms(c.dueAt) - clock.now.getTime())} left in your ${window}`;
    out.push(
      item('respond', {
        version: ms(r.status_changed_at),
        title: `Call ${r.referred_name}`,
        forWhom: ref(r.referred_id, r.referred_name),
        party: r.referrer_id && r.referrer_name ? ref(r.referrer_id, r.referrer_name) : null,
        why: `${who} — call ${calledBy(r.referred_address, r.referred_name, settings)}; ${late}.`,
        dueAt: c.dueAt,
        urgency: c.state === 'overdue' ? 'overdue' : 'today',
        action: post('Log the call', `/referrals/${r.id}/status`, { status: 'contacted' }),
        subjectId: r.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. thank (§3.1): every referral from a known referrer; again when it becomes a client, but
// only where the referrer may be told so (§3.2): a thank-you for a conversion discloses it.

export function thankItems(
  rows: readonly ReferralAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
  profession: string,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  const now = clock.now.getTime();
  for (const r of rows) {
    if (r.referrer_id === null || r.referrer_name === null) continue;
    const t = thanksOf(r, settings, clock.now);
    const referrer = ref(r.referrer_id, r.referrer_name);
    const lag = (dueAt: string, state: string) =>
      state === 'overdue'
        ? `the thank-you is ${spanText(now - ms(dueAt))} overdue`
        : `thank within ${settings.thankWithinHours} h — ${spanText(ms(dueAt) - now)} left`;
    if (t.referral.state === 'due' || t.referral.state === 'overdue') {
      if (ms(r.received_at) <= now)
        out.push(
          item('thank', {
            version: 'referral',
            title: `Thank ${r.referrer_name}`,
            forWhom: referrer,
            party: referrer,
            why: `${r.referrer_name} referred ${r.referred_name} ${spanText(now - ms(r.received_at))} ago; ${lag(t.referral.dueAt, t.referral.state)}.`,
            dueAt: t.referral.dueAt,
            urgency: t.referral.state === 'overdue' ? 'overdue' : 'today',
            action: post('Mark thanked', `/referrals/${r.id}/thanks`, { kind: 'referral' }),
            subjectId: r.id,
          }),
        );
    }
    const conv = t.conversion;
    const disclosure: Disclosure = {
      consentToUpdate: r.consent_to_update,
      profession,
      isTreatingProvider: r.referrer_is_treating_provider,
    };
    if (
      mayTellStatus(disclosure) &&
      (conv.state === 'due' || conv.state === 'overdue') &&
      conv.dueAt &&
      r.client_at &&
      ms(r.client_at) <= now
    )
      out.push(
        item('thank', {
          version: 'conversion',
          title: `Thank ${r.referrer_name} for their trust`,
          forWhom: referrer,
          party: referrer,
          why: `${r.referred_name}, whom ${r.referrer_name} referred, became a client ${spanText(now - ms(r.client_at))} ago; ${lag(conv.dueAt, conv.state)}.`,
          dueAt: conv.dueAt,
          urgency: conv.state === 'overdue' ? 'overdue' : 'today',
          action: post('Mark thanked', `/referrals/${r.id}/thanks`, { kind: 'conversion' }),
          subjectId: r.id,
        }),
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 3. update_referrer (§3.2): consent given, referrer known, status not yet told

const statusWords: Record<string, string> = {
  new: 'new',
  contacted: 'contacted',
  meeting: 'at the meeting stage',
  client: 'a client',
  not_a_fit: 'closed (not a fit)',
  declined: 'closed (declined)',
  no_response: 'closed (no response)',
};

export function updateReferrerItems(
  rows: readonly ReferralAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const r of rows) {
    if (r.referrer_id === null || r.referrer_name === null) continue;
    if (ms(r.status_changed_at) > clock.now.getTime()) continue;
    const u = referrerUpdateOf(r);
    if (u.state !== 'due') continue;
    const told = u.toldStatus
      ? `last told: ${statusWords[u.toldStatus] ?? u.toldStatus}`
      : 'not told anything yet';
    out.push(
      item('update_referrer', {
        version: r.status,
        title: `Update ${r.referrer_name}`,
        forWhom: ref(r.referrer_id, r.referrer_name),
        party: ref(r.referrer_id, r.referrer_name),
        why: `${r.referred_name}, referred by ${r.referrer_name}, is now ${statusWords[r.status] ?? r.status} (${spanText(clock.now.getTime() - ms(r.status_changed_at))} ago); they consented to updates and ${calledBy(r.referrer_address, r.referrer_name, settings)} was ${told}.`,
        dueAt: null,
        urgency: 'today',
        action: post('Record the update', `/referrals/${r.id}/referrer-updates`),
        subjectId: r.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 4. notify_partner (§3.5) and 9. check_in_given

export function notifyPartnerItems(
  rows: readonly GivenAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  return rows
    .filter((g) => g.partner_notified_at === null && ms(g.given_at) <= clock.now.getTime())
    .map((g) =>
      item('notify_partner', {
        title: `Tell ${g.partner_name} about ${g.person_name}`,
        forWhom: ref(g.partner_id, g.partner_name),
        party: ref(g.partner_id, g.partner_name),
        why: `You referred ${g.person_name} to ${g.partner_name} ${spanText(clock.now.getTime() - ms(g.given_at))} ago; ${calledBy(g.partner_address, g.partner_name, settings)} has not been told yet.`,
        dueAt: null,
        urgency: 'today',
        action: patch('Mark the partner notified', `/referrals-given/${g.id}`, {
          partnerNotifiedAt: toTimestamp(clock.now),
        }),
        subjectId: g.id,
      }),
    );
}

export function checkInItems(
  rows: readonly GivenAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const g of rows) {
    const { checkInState, checkInDueAt: dueAt } = checkInOf(g, settings, clock.now);
    if (checkInState !== 'due') continue;
    out.push(
      item('check_in_given', {
        title: `Check in with ${g.person_name}`,
        forWhom: ref(g.person_id, g.person_name),
        party: ref(g.partner_id, g.partner_name),
        why: `You referred ${g.person_name} to ${g.partner_name} ${spanText(clock.now.getTime() - ms(g.given_at))} ago; ask whether they were well served.`,
        dueAt,
        urgency: dayUrgency(dueAt, clock),
        action: patch('Mark checked in', `/referrals-given/${g.id}`, {
          checkedInAt: toTimestamp(clock.now),
        }),
        subjectId: g.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. ask (§3.3)

const momentWords: Record<string, string> = {
  milestone: 'A milestone delivered',
  project_completed: 'A completed project',
  feedback: 'Positive feedback',
  thank_you: 'A thank-you received',
  renewal: 'A renewal',
};

/** The quiet-source rule's bar (§3.6): at trusts or above, or with an open commitment. */
const isTrusted = (stage: Stage) => stageRank(stage) >= stageRank('trusts');

/**
 * One item per contact, exactly when "Can I ask now?" says yes (ask.rules `readinessOf`):
 * the rows are the contact's candidate moments, and the item names the window it picks.
 */
export function askItems(
  rows: readonly AskAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const now = clock.now.getTime();
  const byContact = new Map<string, AskAgendaRow[]>();
  for (const m of rows) {
    const seen = byContact.get(m.contact_id);
    if (seen) seen.push(m);
    else byContact.set(m.contact_id, [m]);
  }
  const best: { m: AskAgendaRow; endsAt: string }[] = [];
  for (const moments of byContact.values()) {
    const first = moments[0] as AskAgendaRow;
    const readiness = readinessOf(
      { name: first.contact_name, stage: first.stage, doNotAsk: first.do_not_ask },
      moments.map((m) => ({
        id: m.moment_id,
        kind: m.moment_kind,
        score: m.score,
        occurredAt: m.occurred_at,
      })),
      first.last_asked_at,
      settings,
      clock.now,
      clock.timeZone,
    );
    const window = readiness.canAsk ? readiness.openWindow : null;
    const m = window && moments.find((x) => x.moment_id === window.momentId);
    if (window && m) best.push({ m, endsAt: window.endsAt });
  }
  return best.map(({ m, endsAt }) => {
    const cooled = m.last_asked_at
      ? `last asked ${spanText(now - ms(m.last_asked_at))} ago, outside your ${settings.askCooldownDays}-day cooldown`
      : 'never asked before';
    return item('ask', {
      version: m.moment_id,
      title: `Ask ${m.contact_name} for referrals`,
      forWhom: ref(m.contact_id, m.contact_name),
      party: ref(m.contact_id, m.contact_name),
      why: `${momentWords[m.moment_kind] ?? 'A positive moment'} ${spanText(now - ms(m.occurred_at))} ago opened an ask window for ${spanText(ms(endsAt) - now)} more; ${calledBy(m.contact_address, m.contact_name, settings)} is at ${m.stage} and was ${cooled}.`,
      dueAt: endsAt,
      urgency:
        localDay(new Date(endsAt), clock.timeZone) <= localDay(clock.now, clock.timeZone)
          ? 'today'
          : 'this_week',
      action: post('Log the ask', `/contacts/${m.contact_id}/asks`, { momentId: m.moment_id }),
      subjectId: m.contact_id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 6. remind_commitment (§3.4): silent for commitmentReminderDays; after the maximum, release

export function remindCommitmentItems(
  rows: readonly CommitmentAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  const now = clock.now.getTime();
  for (const c of rows) {
    if (ms(c.made_at) > now) continue;
    const facts = {
      status: c.status,
      madeAt: c.made_at,
      lastCreditAt: c.last_credit_at,
      lastReminderAt: c.last_reminder_at,
      remindersSent: c.reminders_sent,
    };
    const { state, dueAt } = reminderOf(facts, settings, clock.now);
    if ((state !== 'due' && state !== 'release_suggested') || !dueAt) continue;
    const isRelease = state === 'release_suggested';
    const unanswered = unansweredRemindersOf(facts);
    const anchor = ms(silentSinceOf(facts));
    const progress = `${c.credited} of ${c.promised_count} so far`;
    const remind = post('Record the reminder sent', `/commitments/${c.id}/reminders`);
    const release = post('Release the commitment', `/commitments/${c.id}/release`);
    const silent = spanText(now - anchor);
    out.push(
      item('remind_commitment', {
        version: `${c.reminders_sent}${isRelease ? 'r' : ''}`,
        title: isRelease
          ? `Release ${c.contact_name}'s commitment gracefully`
          : `Remind ${c.contact_name} of their commitment`,
        forWhom: ref(c.contact_id, c.contact_name),
        party: ref(c.contact_id, c.contact_name),
        why: isRelease
          ? `${c.contact_name} promised ${plural(c.promised_count, 'referral')} ${spanText(now - ms(c.made_at))} ago (${progress}); ${plural(unanswered, 'reminder')} went unanswered — release it gracefully rather than send another.`
          : `${c.contact_name} promised ${plural(c.promised_count, 'referral')} ${spanText(now - ms(c.made_at))} ago (${progress}) and it has been silent for ${silent}; send a reminder letter that restates the incentives.`,
        dueAt,
        urgency: dayUrgency(dueAt, clock),
        action: isRelease ? release : remind,
        secondary: isRelease ? remind : release,
        subjectId: c.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 7. reconnect_quiet_source (§3.6)

export function quietSourceItems(
  rows: readonly QuietAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  const now = clock.now.getTime();
  for (const c of rows) {
    const promising = isTrusted(c.stage) || c.has_open_commitment;
    if (!promising) continue;
    const lastTouch = ms(c.last_touch_at ?? c.created_at);
    const lastReferral = c.last_referral_at ? ms(c.last_referral_at) : 0;
    const anchor = Math.max(lastTouch, lastReferral);
    const dueAt = plusDays(anchor, settings.quietSourceDays);
    if (now < ms(dueAt)) continue;
    const why =
      c.has_open_commitment && !isTrusted(c.stage)
        ? `${c.name} has an open commitment`
        : `${c.name} is at ${c.stage}`;
    const referred = c.last_referral_at
      ? `last referral ${spanText(now - lastReferral)} ago`
      : 'no referral yet';
    const touched = c.last_touch_at
      ? `last touch ${spanText(now - lastTouch)} ago`
      : 'never touched';
    out.push(
      item('reconnect_quiet_source', {
        version: anchor,
        title: `Reconnect with ${c.name}`,
        forWhom: ref(c.id, c.name),
        party: ref(c.id, c.name),
        why: `${why} but has gone quiet for ${settings.quietSourceDays}+ days (${referred}, ${touched}); follow up and find out what happened.`,
        dueAt,
        urgency: dayUrgency(dueAt, clock),
        action: logInteraction('Log a touch', c.id, 'call'),
        subjectId: c.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 8. give_back (§3.5)

export function giveBackItems(
  rows: readonly GiveBackAgendaRow[],
  settings: AgendaSettings,
  _clock: AgendaClock,
): AgendaItem[] {
  return rows
    .filter((p) => isOwed(p.received, p.given, settings.giveBackThreshold))
    .map((p) =>
      item('give_back', {
        version: p.received,
        title: `Find a referral for ${p.name}`,
        forWhom: ref(p.id, p.name),
        party: ref(p.id, p.name),
        why: `${p.name} has sent you ${plural(p.received, 'referral')} and received ${p.given} from you; give back when you owe ${settings.giveBackThreshold} or more.`,
        dueAt: null,
        urgency: 'this_week',
        action: post('Record a referral given', '/referrals-given', { partnerId: p.id }),
        subjectId: p.id,
      }),
    );
}

// ---------------------------------------------------------------------------------------------
// 10. keep_in_touch (§3.6)

export function keepInTouchItems(
  rows: readonly TouchAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  const now = clock.now.getTime();
  for (const c of rows) {
    const t: { touchState: TouchState; nextTouchDueAt: string | null; cadenceDays: number | null } =
      touchOf(
        {
          stage: c.stage,
          roles: c.roles,
          keepInTouchDays: c.keep_in_touch_days,
          lastTouchAt: c.last_touch_at,
          createdAt: c.created_at,
        },
        settings,
        clock.now,
      );
    if (t.touchState !== 'due' || !t.nextTouchDueAt) continue;
    const anchor = ms(c.last_touch_at ?? c.created_at);
    const since = spanText(now - anchor);
    out.push(
      item('keep_in_touch', {
        version: anchor,
        title: `Get in touch with ${c.name}`,
        forWhom: ref(c.id, c.name),
        party: ref(c.id, c.name),
        why: c.last_touch_at
          ? `It has been ${since} since you were last in touch with ${c.name} (every ${t.cadenceDays} days).`
          : `You have not been in touch with ${c.name} since adding them ${since} ago (every ${t.cadenceDays} days).`,
        dueAt: t.nextTouchDueAt,
        urgency: dayUrgency(t.nextTouchDueAt, clock),
        action: logInteraction('Log a touch', c.id, 'call'),
        subjectId: c.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 11. grow_category (§3.6): weekly — Mondays in the practice's time zone, or any day for `week`

/** The weekly kind shows on Mondays (practice time zone), or any day for the week's horizon. */
export function isGrowCategoryDay(clock: AgendaClock, horizon: 'day' | 'week'): boolean {
  return horizon === 'week' || localWeekday(clock.now, clock.timeZone) === 1;
}

export function growCategoryItems(
  rows: readonly CategoryAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
  horizon: 'day' | 'week' = 'day',
): AgendaItem[] {
  if (!isGrowCategoryDay(clock, horizon)) return [];
  const week = weekStartOf(clock.now, clock.timeZone);
  const out: AgendaItem[] = [];
  for (const c of rows) {
    if (c.most_wanted_rank === null) continue;
    const target = effectiveTarget(c.target, settings.mostWantedTarget);
    const gap = coverageGap(target, c.coverage);
    if (gap === 0) continue;
    out.push(
      item('grow_category', {
        version: week,
        title: `Meet more ${c.name}`,
        forWhom: null,
        party: null,
        why: `${c.name} (most-wanted #${c.most_wanted_rank}): ${c.coverage} of ${target} relationships at knows or above — ${plural(gap, 'more')} to go.`,
        dueAt: null,
        urgency: 'this_week',
        action: post(
          'Done for this week',
          `/agenda/${itemKey('grow_category', c.id, week)}/dismiss`,
          { reason: 'Done for this week' },
        ),
        subjectId: c.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 12. explain (§3.7): a survey answer below the alignment threshold, not yet talked through

export function explainItems(
  rows: readonly ExplainAgendaRow[],
  settings: AgendaSettings,
  clock: AgendaClock,
): AgendaItem[] {
  const out: AgendaItem[] = [];
  for (const r of rows) {
    if (!isBelowAlignment(r.score_percent, settings.alignmentThresholdPercent)) continue;
    if (ms(r.answered_at) > clock.now.getTime()) continue;
    if (r.last_talk_at !== null && r.last_talk_at > r.answered_at) continue;
    let missed: string[] = [];
    try {
      const parsed: unknown = JSON.parse(r.missed_phrases ?? '[]');
      if (Array.isArray(parsed)) missed = parsed.filter((p): p is string => typeof p === 'string');
    } catch {
      missed = [];
    }
    out.push(
      item('explain', {
        version: ms(r.answered_at),
        title: `Explain what you do to ${r.contact_name}`,
        forWhom: ref(r.contact_id, r.contact_name),
        party: ref(r.contact_id, r.contact_name),
        why: `${r.contact_name}'s survey answer conveyed ${r.score_percent}% of your key phrases (below ${settings.alignmentThresholdPercent}%)${missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''}. Explain what you do, with patience.`,
        dueAt: null,
        urgency: 'this_week',
        action: logInteraction('Log the conversation', r.contact_id, 'meeting'),
        subjectId: r.id,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calendar feeds (§3.2, §8): what of an item may leave Vouch for a third party's calendar

/** Where the web app shows an item's subject (web/src/app-routes.tsx). */
export function webPathOf(item: Pick<AgendaItem, 'subject' | 'party'>): string {
  const { type, id } = item.subject;
  switch (type) {
    case 'referral':
      return `/referrals/${id}`;
    case 'referral_given':
      return '/referrals/given';
    case 'contact':
      return `/contacts/${id}`;
    case 'commitment':
      return '/commitments';
    case 'category':
      return '/network/most-wanted';
    default:
      return item.party ? `/contacts/${item.party.id}` : '/survey';
  }
}

/**
 * The only words of an agenda item that go to a calendar (§3.2, §8): the action, and the
 * referrer or partner it is about — never the referred person, their need or their status (a
 * conversion thank-you reads like any other thank-you). The kinds about any contact (ask, keep
 * in touch, reconnect, explain) name nobody: that contact may be a client, or someone once
 * referred; the event's link opens the item, names and all, in the app. Takes nothing else.
 */
export function calendarTextOf(
  kind: AgendaKind,
  partyName: string | null,
  actionLabel: string,
): { summary: string; description: string } {
  const who = partyName ?? 'someone';
  const summaries: Record<AgendaKind, string> = {
    respond: partyName ? `Call back a referral from ${partyName}` : 'Call back a new referral',
    thank: `Thank ${who} for a referral`,
    update_referrer: `Update ${who} on a referral`,
    notify_partner: `Tell ${who} about a referral you gave`,
    ask: 'Ask a contact for referrals',
    remind_commitment: `Follow up on ${who}'s commitment`,
    reconnect_quiet_source: 'Reconnect with a quiet referral source',
    give_back: `Find a referral for ${who}`,
    check_in_given: `Check in on a referral you gave to ${who}`,
    keep_in_touch: 'Get in touch with a contact',
    grow_category: 'Meet more people in a most-wanted category',
    explain: 'Explain what you do to a contact',
  };
  return { summary: summaries[kind], description: `To do: ${actionLabel}.` };
}

/**
 * Items whose place in a calendar alone tells that a referral moved on: a conversion thank-you
 * (the person became a client, at about its time) and an update due (its status changed). A
 * feed is a third party, and §3.2 lets status reach one only where a practice setting allows
 * it; none does, so these stay in Today and out of every feed, whatever the consent.
 */
export function tellsReferralStatus(item: Pick<AgendaItem, 'kind' | 'key'>): boolean {
  if (item.kind === 'update_referrer') return true;
  return item.kind === 'thank' && parseItemKey(item.key)?.version === 'conversion';
}

export type CalendarEvent = {
  start: string;
  /** An all-day event on `start`'s day (YYYY-MM-DD at 00:00 UTC), for items already overdue. */
  isAllDay: boolean;
  summary: string;
  description: string;
  path: string;
};

/**
 * An item with a due time as a calendar event: at its due time, or, once its day has passed,
 * all day today (an overdue item on a past date is one nobody looks at). Null without a due time,
 * and for an item that would tell a referral's status (`tellsReferralStatus`).
 */
export function calendarEventOf(item: AgendaItem, clock: AgendaClock): CalendarEvent | null {
  if (!item.dueAt || tellsReferralStatus(item)) return null;
  const today = localDay(clock.now, clock.timeZone);
  const dueDay = localDay(new Date(item.dueAt), clock.timeZone);
  const text = calendarTextOf(item.kind, item.party?.name ?? null, item.action.label);
  const path = webPathOf(item);
  if (dueDay < today)
    return {
      start: `${today}T00:00:00.000Z`,
      isAllDay: true,
      summary: text.summary,
      description: `${text.description} Overdue since ${dueDay}.`,
      path,
    };
  return { start: item.dueAt, isAllDay: false, ...text, path };
}

// ---------------------------------------------------------------------------------------------
// Ordering and marks

const urgencyOrder: Record<Urgency, number> = { overdue: 0, today: 1, this_week: 2, later: 3 };

/** §4: urgency, then the kind's rank, then due time (items without one last), then key. */
export function compareItems(a: AgendaItem, b: AgendaItem): number {
  return (
    urgencyOrder[a.urgency] - urgencyOrder[b.urgency] ||
    a.rank - b.rank ||
    (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') ||
    a.key.localeCompare(b.key)
  );
}

export type AgendaMark = { key: string; state: 'snoozed' | 'dismissed'; until: string | null };

/** Whether a mark hides its item at `now`: dismissed for good (for that key), snoozed until. */
export function isHidden(mark: AgendaMark | undefined, now: Date): boolean {
  if (!mark) return false;
  if (mark.state === 'dismissed') return true;
  return mark.until !== null && ms(mark.until) > now.getTime();
}

/**
 * The agenda from all candidate items: marked ones hidden (snoozed ones shown when asked for), a contact
 * already asked to reconnect (a quiet source) not asked again to keep in touch, then sorted.
 */
export function assembleAgenda(
  candidates: readonly AgendaItem[],
  marks: ReadonlyMap<string, AgendaMark>,
  now: Date,
  includeSnoozed = false,
): AgendaItem[] {
  const quiet = new Set(
    candidates.filter((i) => i.kind === 'reconnect_quiet_source').map((i) => i.subject.id),
  );
  return candidates
    .filter((i) => !(i.kind === 'keep_in_touch' && quiet.has(i.subject.id)))
    .filter((i) => {
      const mark = marks.get(i.key);
      if (!isHidden(mark, now)) return true;
      return includeSnoozed && mark?.state === 'snoozed';
    })
    .sort(compareItems);
}

export function countByUrgency(items: readonly AgendaItem[]): Record<Urgency, number> {
  const counts: Record<Urgency, number> = { overdue: 0, today: 0, this_week: 0, later: 0 };
  for (const i of items) counts[i.urgency] += 1;
  return counts;
}
