/**
 * The pipeline's decisions (PRODUCT.md §2 "Referral (received)", §3.1, §3.2): status moves,
 * the response clock, thank-you and referrer-update states. Pure: time enters as `now`.
 */
import { hourMs, minuteMs } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';

export const referralStatuses = [
  'new',
  'contacted',
  'meeting',
  'client',
  'not_a_fit',
  'declined',
  'no_response',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const isReferralStatus = (s: string): s is ReferralStatus =>
  (referralStatuses as readonly string[]).includes(s);

/** The forward path; a referral moves along it, possibly skipping ahead. */
export const openPath = ['new', 'contacted', 'meeting', 'client'] as const;
export const openStatuses = ['new', 'contacted', 'meeting'] as const satisfies ReferralStatus[];
export const closedStatuses = [
  'not_a_fit',
  'declined',
  'no_response',
] as const satisfies ReferralStatus[];
export type OpenStatus = (typeof openStatuses)[number];

export const channels = [
  'in_person',
  'phone',
  'email',
  'text',
  'event',
  'intake_link',
  'other',
] as const;
export type Channel = (typeof channels)[number];

export const isOpen = (s: ReferralStatus): s is OpenStatus =>
  (openStatuses as readonly string[]).includes(s);
export const isClosed = (s: ReferralStatus): boolean =>
  (closedStatuses as readonly string[]).includes(s);

const label: Record<ReferralStatus, string> = {
  new: 'new',
  contacted: 'contacted',
  meeting: 'meeting',
  client: 'client',
  not_a_fit: 'not a fit',
  declined: 'declined',
  no_response: 'no response',
};

export type Transition = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a referral may move from `from` to `to`: forward along new → contacted → meeting →
 * client (skipping ahead allowed), or from any open status to a closed one (§2).
 */
export function transitionFor(from: ReferralStatus, to: ReferralStatus): Transition {
  if (from === to) return { allowed: false, reason: `The referral is already ${label[to]}.` };
  if (from === 'client')
    return {
      allowed: false,
      reason:
        to === 'new' || to === 'contacted' || to === 'meeting'
          ? `A referral that became a client cannot go back to ${label[to]}.`
          : `A referral that became a client cannot be closed as ${label[to]}.`,
    };
  if (isClosed(from))
    return {
      allowed: false,
      reason: `The referral was closed as ${label[from]}; reopen it first, then change its status.`,
    };
  if (isClosed(to)) return { allowed: true };
  const fromRank = openPath.indexOf(from as OpenStatus);
  const toRank = openPath.indexOf(to as (typeof openPath)[number]);
  if (toRank > fromRank) return { allowed: true };
  return {
    allowed: false,
    reason: `A referral at ${label[from]} cannot go back to ${label[to]}; statuses only move forward.`,
  };
}

/** The row fields a status move sets. First contact is set on the first move past `new`. */
export type StatusTimes = {
  status: ReferralStatus;
  status_changed_at: string;
  first_contact_at: string | null;
  meeting_at: string | null;
  client_at: string | null;
  closed_at: string | null;
};

export function timesAfterMove(current: StatusTimes, to: ReferralStatus, at: string): StatusTimes {
  const next: StatusTimes = {
    status: to,
    status_changed_at: at,
    first_contact_at: current.first_contact_at,
    meeting_at: current.meeting_at,
    client_at: current.client_at,
    closed_at: current.closed_at,
  };
  if (to === 'contacted' || to === 'meeting' || to === 'client') next.first_contact_at ??= at;
  if (to === 'meeting') next.meeting_at ??= at;
  if (to === 'client') next.client_at ??= at;
  if (isClosed(to)) next.closed_at = at;
  return next;
}

/**
 * Whether a status may be corrected from `from` to `to` (issue 11 §9): a correction undoes a
 * mistake, so it may go anywhere the forward rule refuses (backwards, a client closed, a
 * closed referral to another status) — but not to the status it already has.
 */
export function correctionFor(from: ReferralStatus, to: ReferralStatus): Transition {
  if (from === to) return { allowed: false, reason: `The referral is already ${label[to]}.` };
  return { allowed: true };
}

/**
 * The row fields a correction sets: the milestones the new status has reached stay (or are set
 * at `at` when missing), those past it are cleared — a referral corrected to `contacted` has no
 * meeting or client time, one corrected to `new` no first contact (its response clock runs
 * again), one corrected to a closed status never became a client. An open status clears
 * `closed_at`.
 */
export function timesAfterCorrection(
  current: StatusTimes,
  to: ReferralStatus,
  at: string,
): StatusTimes {
  if (isClosed(to))
    return {
      status: to,
      status_changed_at: at,
      first_contact_at: current.first_contact_at,
      meeting_at: current.meeting_at,
      client_at: null,
      closed_at: at,
    };
  const rank = openPath.indexOf(to as (typeof openPath)[number]);
  return {
    status: to,
    status_changed_at: at,
    first_contact_at: rank >= 1 ? (current.first_contact_at ?? at) : null,
    // a skip from new to client never set a meeting time; a correction does not invent one
    meeting_at:
      rank >= 2 ? (to === 'meeting' ? (current.meeting_at ?? at) : current.meeting_at) : null,
    client_at: to === 'client' ? (current.client_at ?? at) : null,
    closed_at: null,
  };
}

/**
 * The open status a closed referral returns to when reopened: the one it had when it was
 * closed (the last closing event's `from`), else what its timestamps say it reached.
 */
export function reopenTarget(
  row: Pick<StatusTimes, 'first_contact_at' | 'meeting_at'>,
  events: readonly {
    kind: string;
    from_status: ReferralStatus | null;
    to_status: ReferralStatus | null;
  }[],
): OpenStatus {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    // The step that closed it: a status change, or a correction to a closed status.
    if ((e?.kind === 'status' || e?.kind === 'corrected') && e.to_status && isClosed(e.to_status)) {
      const from = e.from_status;
      if (from && isOpen(from)) return from;
      break;
    }
  }
  if (row.meeting_at) return 'meeting';
  if (row.first_contact_at) return 'contacted';
  return 'new';
}

// ---------------------------------------------------------------------------------------------
// Clocks

export type ClockState = 'due' | 'overdue' | 'met' | 'late';
export type ResponseClock = {
  dueAt: string;
  state: ClockState;
  firstContactAt: string | null;
  tookMinutes: number | null;
  overdueByMinutes: number | null;
};

type ClockInput = {
  received_at: string;
  first_contact_at: string | null;
  closed_at: string | null;
};

const ms = (iso: string) => Date.parse(iso);

/**
 * The response clock (§3.1): due `responseWindowHours` after receipt. Before first contact it
 * is `due` until the due time and `overdue` from it (as of closing, for a referral closed
 * uncontacted); after, `met` when first contact was at or before the due time, else `late`.
 */
export function clockOf(
  r: ClockInput,
  settings: { responseWindowHours: number },
  now: Date,
): ResponseClock {
  const received = ms(r.received_at);
  const due = received + settings.responseWindowHours * hourMs;
  const dueAt = toTimestamp(new Date(due));
  if (r.first_contact_at) {
    const first = ms(r.first_contact_at);
    const isMet = first <= due;
    return {
      dueAt,
      state: isMet ? 'met' : 'late',
      firstContactAt: r.first_contact_at,
      tookMinutes: Math.floor((first - received) / minuteMs),
      overdueByMinutes: isMet ? null : Math.floor((first - due) / minuteMs),
    };
  }
  const asOf = r.closed_at ? ms(r.closed_at) : now.getTime();
  const isOverdue = asOf >= due;
  return {
    dueAt,
    state: isOverdue ? 'overdue' : 'due',
    firstContactAt: null,
    tookMinutes: null,
    overdueByMinutes: isOverdue ? Math.floor((asOf - due) / minuteMs) : null,
  };
}

export type ThanksState = 'not_applicable' | 'due' | 'overdue' | 'done';
export type Thanks = {
  referral: { state: ThanksState; dueAt: string; thankedAt: string | null };
  conversion: { state: ThanksState; dueAt: string | null; thankedAt: string | null };
};

type ThanksInput = {
  referrer_id: string | null;
  received_at: string;
  client_at: string | null;
  thanked_at: string | null;
  conversion_thanked_at: string | null;
};

function thanksState(dueAt: number, thankedAt: string | null, now: Date): ThanksState {
  if (thankedAt) return 'done';
  return now.getTime() > dueAt ? 'overdue' : 'due';
}

/**
 * Thank-you states (§3.1): every referral within `thankWithinHours` of receipt, whatever its
 * outcome; a conversion again within the same time of becoming a client. Overdue after the
 * due time. With an unknown referrer there is nobody to thank.
 */
export function thanksOf(
  r: ThanksInput,
  settings: { thankWithinHours: number },
  now: Date,
): Thanks {
  const within = settings.thankWithinHours * hourMs;
  const referralDue = ms(r.received_at) + within;
  const conversionDue = r.client_at ? ms(r.client_at) + within : null;
  const known = r.referrer_id !== null;
  return {
    referral: {
      state: known ? thanksState(referralDue, r.thanked_at, now) : 'not_applicable',
      dueAt: toTimestamp(new Date(referralDue)),
      thankedAt: r.thanked_at,
    },
    conversion: {
      state:
        known && conversionDue !== null
          ? thanksState(conversionDue, r.conversion_thanked_at, now)
          : 'not_applicable',
      dueAt: conversionDue === null ? null : toTimestamp(new Date(conversionDue)),
      thankedAt: r.conversion_thanked_at,
    },
  };
}

export type ThanksKind = 'referral' | 'conversion';

/** Why a thank-you cannot be recorded now, or null when it can. */
export function thanksRefusal(r: ThanksInput & { status: ReferralStatus }, kind: ThanksKind) {
  if (r.referrer_id === null)
    return 'The referrer is unknown, so there is nobody to thank. Set the referrer first.';
  if (kind === 'conversion' && r.status !== 'client')
    return 'A conversion thank-you is for a referral that became a client; this one has not.';
  if (kind === 'referral' && r.thanked_at)
    return 'The referrer was already thanked for this referral.';
  if (kind === 'conversion' && r.conversion_thanked_at)
    return 'The referrer was already thanked for this conversion.';
  return null;
}

export type ReferrerUpdate = {
  state: 'not_allowed' | 'up_to_date' | 'due';
  toldStatus: ReferralStatus | null;
  toldAt: string | null;
};

/**
 * Whether the referrer should hear about progress (§3.2, consent flag only): never without the
 * referred person's consent or without a known referrer; due when the status differs from the
 * last one told. A `new` referral never told has nothing to report yet.
 */
export function referrerUpdateOf(r: {
  referrer_id: string | null;
  consent_to_update: boolean;
  status: ReferralStatus;
  referrer_told_status: ReferralStatus | null;
  referrer_told_at: string | null;
}): ReferrerUpdate {
  const toldStatus = r.referrer_told_status;
  const base = { toldStatus, toldAt: r.referrer_told_at };
  if (!r.consent_to_update || r.referrer_id === null) return { state: 'not_allowed', ...base };
  if (toldStatus === null && r.status === 'new') return { state: 'up_to_date', ...base };
  return { state: toldStatus === r.status ? 'up_to_date' : 'due', ...base };
}

// ---------------------------------------------------------------------------------------------
// Filters and cursors

/** Expands a status filter: `open` and `closed` stand for their groups. */
export function expandStatuses(list: readonly string[]): ReferralStatus[] | null {
  const out = new Set<ReferralStatus>();
  for (const s of list) {
    if (s === 'open') for (const o of openStatuses) out.add(o);
    else if (s === 'closed') for (const c of closedStatuses) out.add(c);
    else if (isReferralStatus(s)) out.add(s);
    else return null;
  }
  return referralStatuses.filter((s) => out.has(s));
}

/** Normalizes tags: trimmed, lower-cased, spaces collapsed, without repeats, in order. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const key = t.trim().replace(/\s+/g, ' ').toLowerCase();
    if (key && !out.includes(key)) out.push(key);
  }
  return out;
}

export const referralSorts = ['-receivedAt', 'receivedAt', 'due'] as const;
export type ReferralSort = (typeof referralSorts)[number];

/**
 * A page position: for `due`, `group` is 0 while the response clock runs (status `new`) and 1
 * after; within a group the due time orders like the received time (the window is constant).
 */
export type ReferralCursorKey = { group: number; receivedAt: string; id: string };

export function encodeReferralCursor(sort: ReferralSort, key: ReferralCursorKey): string {
  return Buffer.from(JSON.stringify([sort, key.group, key.receivedAt, key.id])).toString(
    'base64url',
  );
}

/** The key inside a cursor, or null when it is not one of ours or belongs to another sort. */
export function decodeReferralCursor(cursor: string, sort: ReferralSort): ReferralCursorKey | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 4) return null;
    const [s, group, receivedAt, id] = parsed as unknown[];
    if (s !== sort || (group !== 0 && group !== 1)) return null;
    if (typeof receivedAt !== 'string' || typeof id !== 'string') return null;
    if (Number.isNaN(Date.parse(receivedAt))) return null;
    return { group, receivedAt, id };
  } catch {
    return null;
  }
}
