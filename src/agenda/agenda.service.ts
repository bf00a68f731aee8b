/**
 * The agenda's use cases: compute it for a moment (rules over the repository's rows, marks
 * applied, ordered), snooze / dismiss / undo, and the per-user calendar feed (ICS).
 */

import { createHash, createHmac, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import { listMemberRows } from '../accounts/account.repository.ts';
import { type Ask, ZCreateAsk } from '../asks/ask.schemas.ts';
import { createAsk, takeBackAsk } from '../asks/ask.service.ts';
import {
  type CommitmentUndoState,
  lockCommitmentRow,
  readCommitmentUndoState,
  updateCommitmentRow,
} from '../commitments/commitment.repository.ts';
import { ZRecordReminder, ZReleaseCommitment } from '../commitments/commitment.schemas.ts';
import { recordReminder, releaseCommitment } from '../commitments/commitment.service.ts';
import { dueCutoffs } from '../contacts/cadence.rules.ts';
import { ZLogInteraction } from '../interactions/interaction.schemas.ts';
import { deleteInteraction, logInteraction } from '../interactions/interaction.service.ts';
import { mayTellStatus } from '../letters/letter.rules.ts';
import { recordAudit } from '../platform/audit.ts';
import { dayMs } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { urlAt } from '../platform/config.ts';
import { inTransaction, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import { type Actor, parseNested } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import {
  loadPracticeContext,
  type PracticeContext,
  refuseInDemo,
} from '../practices/practice.service.ts';
import { ZUpdateGiven } from '../referrals/given.schemas.ts';
import { getGiven, updateGiven } from '../referrals/given.service.ts';
import {
  type ReferralUndoState,
  readReferralUndoState,
  restoreReferral,
} from '../referrals/referral.repository.ts';
import {
  ZChangeStatus,
  ZRecordReferrerUpdate,
  ZRecordThanks,
  ZReopen,
} from '../referrals/referral.schemas.ts';
import {
  changeStatus,
  recordReferrerUpdate,
  recordThanks,
  reopenReferral,
} from '../referrals/referral.service.ts';
import { lockMembers } from '../team/team.repository.ts';
import {
  claimUndo,
  deleteAssignment,
  deleteMark,
  deleteUndosBefore,
  findCalendarFeed,
  findLiveFeedByHash,
  findMark,
  findUndo,
  insertCalendarFeed,
  insertUndo,
  listActiveMarks,
  listAskMoments,
  listAssignments,
  listCalendarFeeds,
  listCheckInsDue,
  listMisalignedAnswers,
  listMostWantedCoverage,
  listNewReferrals,
  listOwedPartners,
  listPendingReferrerUpdates,
  listQuietSources,
  listSilentCommitments,
  listTouchDue,
  listUnnotifiedGiven,
  listUnthankedConversions,
  listUnthankedReferrals,
  revokeCalendarFeed,
  rotateCalendarFeed,
  subjectExists,
  upsertAssignment,
  upsertMark,
} from './agenda.repository.ts';
import {
  type AgendaAction,
  type AgendaItem,
  type AgendaKind,
  type AgendaMark,
  agendaKinds,
  askItems,
  assembleAgenda,
  assignmentKeyOf,
  calendarEventOf,
  checkInItems,
  countByUrgency,
  explainItems,
  giveBackItems,
  growCategoryItems,
  isGrowCategoryDay,
  keepInTouchItems,
  notifyPartnerItems,
  parseItemKey,
  quietSourceItems,
  remindCommitmentItems,
  respondItems,
  subjectTypeOf,
  thankItems,
  type Urgency,
  updateReferrerItems,
} from './agenda.rules.ts';

/** Items per kind: the most pressing first; `truncated` names the kinds with more. */
export const defaultPerKind = 25;

export type AgendaOptions = {
  at?: string | undefined;
  includeSnoozed?: boolean | undefined;
  horizon?: 'day' | 'week' | undefined;
  perKind?: number | undefined;
  /** `mine`: only the items assigned to the caller (issue 14 §4); default everyone's. */
  assignee?: 'mine' | 'everyone' | undefined;
};

/** Internal: only these kinds are looked for (doing one item needs only its own kind's query). */
type ComputeOptions = Omit<AgendaOptions, 'at' | 'assignee'> & {
  kinds?: ReadonlySet<AgendaKind>;
  /** Only the items assigned to this user. */
  assignedTo?: string;
};

export type AgendaItemOut = AgendaItem & {
  snoozedUntil?: string;
  /** Whether `POST /agenda/{key}/do` does its actions, with an undo. */
  undoable: boolean;
  /** The member it is assigned to, or null: everyone's. */
  assignee: { id: string; name: string } | null;
};

export type Agenda = {
  at: string;
  items: AgendaItemOut[];
  counts: Record<Urgency, number>;
  /** Kinds with more items than `perKind`: the most pressing are listed, the rest wait. */
  truncated: AgendaKind[];
};

/**
 * The agenda of a practice at `now`: one query per kind (two for thanks), each bounded by
 * `perKind` plus the marks of that kind (so that hidden items never starve the list).
 */
export async function computeAgenda(
  deps: Deps,
  practiceId: string,
  now: Date,
  options: ComputeOptions = {},
  /** The practice's context when the caller has loaded it already (the calendar feed). */
  loaded?: PracticeContext,
): Promise<Agenda> {
  const db = deps.db;
  const perKind = options.perKind ?? defaultPerKind;
  const at = toTimestamp(now);
  const [ctx, marks, assignments] = await Promise.all([
    loaded ?? loadPracticeContext(db, practiceId),
    listActiveMarks(db, practiceId, at),
    listAssignments(db, practiceId),
  ]);
  const assigned = new Map(assignments.map((a) => [a.item_key, { id: a.user_id, name: a.name }]));
  const { settings, timeZone } = ctx;
  const clock = { now, timeZone };
  const markMap = new Map<string, AgendaMark>(marks.map((m) => [m.key, m]));
  const marked = new Map<string, number>();
  for (const m of marks) {
    const kind = parseItemKey(m.key)?.kind;
    if (kind) marked.set(kind, (marked.get(kind) ?? 0) + 1);
  }
  const limitOf = (kind: AgendaKind) => perKind + (marked.get(kind) ?? 0) + 1;
  const wanted = (kind: AgendaKind) => !options.kinds || options.kinds.has(kind);
  const none = async <T>(): Promise<T[]> => [];

  // The give-back balances count every referral of the practice (on the large one, 55,000
  // rows: ~30 ms on PostgreSQL, as long as all the other kinds together). They start first, on
  // a connection of their own; the rest run one after another: on SQLite the queries share one
  // connection anyway, and on PostgreSQL two pool slots per request keep many concurrent
  // agendas from starving others.
  const owedPending = wanted('give_back')
    ? listOwedPartners(db, practiceId, at, settings.giveBackThreshold, limitOf('give_back'))
    : none<Awaited<ReturnType<typeof listOwedPartners>>[number]>();
  // Awaited below; until then a failure is held there, not thrown as unhandled.
  owedPending.catch(() => {});
  const respond = wanted('respond')
    ? await listNewReferrals(db, practiceId, at, limitOf('respond'))
    : [];
  const thanks = wanted('thank')
    ? await listUnthankedReferrals(db, practiceId, at, limitOf('thank'))
    : [];
  const conversions = wanted('thank')
    ? await listUnthankedConversions(
        db,
        practiceId,
        at,
        limitOf('thank'),
        mayTellStatus({
          consentToUpdate: false,
          profession: ctx.profession,
          isTreatingProvider: true,
        }),
      )
    : [];
  const updates = wanted('update_referrer')
    ? await listPendingReferrerUpdates(db, practiceId, at, limitOf('update_referrer'))
    : [];
  const unnotified = wanted('notify_partner')
    ? await listUnnotifiedGiven(db, practiceId, at, limitOf('notify_partner'))
    : [];
  const asks = wanted('ask')
    ? await listAskMoments(db, practiceId, at, settings, limitOf('ask'))
    : [];
  const commitments = wanted('remind_commitment')
    ? await listSilentCommitments(
        db,
        practiceId,
        at,
        settings.commitmentReminderDays,
        limitOf('remind_commitment'),
      )
    : [];
  // Keep-in-touch leaves out the quiet sources: it needs them too.
  const quiet =
    wanted('reconnect_quiet_source') || wanted('keep_in_touch')
      ? await listQuietSources(
          db,
          practiceId,
          at,
          settings.quietSourceDays,
          limitOf('reconnect_quiet_source'),
        )
      : [];
  const checkIns = wanted('check_in_given')
    ? await listCheckInsDue(db, practiceId, at, settings.checkInDays, limitOf('check_in_given'))
    : [];
  // Contacts already listed as quiet sources are not asked again to keep in touch.
  const touch = wanted('keep_in_touch')
    ? await listTouchDue(
        db,
        deps.dialect,
        practiceId,
        at,
        dueCutoffs(settings, now),
        limitOf('keep_in_touch') + quiet.length,
      )
    : [];
  const horizon = options.horizon ?? 'day';
  const categories =
    wanted('grow_category') && isGrowCategoryDay(clock, horizon)
      ? await listMostWantedCoverage(db, practiceId)
      : [];
  const answers = wanted('explain')
    ? await listMisalignedAnswers(
        db,
        practiceId,
        at,
        settings.alignmentThresholdPercent,
        limitOf('explain'),
      )
    : [];

  const owed = await owedPending;

  const fetched: Partial<Record<AgendaKind, number>> = {
    respond: respond.length,
    thank: Math.max(thanks.length, conversions.length),
    update_referrer: updates.length,
    notify_partner: unnotified.length,
    ask: asks.length,
    remind_commitment: commitments.length,
    reconnect_quiet_source: quiet.length,
    give_back: owed.length,
    check_in_given: checkIns.length,
    keep_in_touch: touch.length - quiet.length,
    explain: answers.length,
  };
  const candidates = [
    ...respondItems(respond, settings, clock),
    // A referral in both lists yields the same keys twice; they are merged below.
    ...thankItems([...thanks, ...conversions], settings, clock, ctx.profession),
    ...updateReferrerItems(updates, settings, clock),
    ...notifyPartnerItems(unnotified, settings, clock),
    ...askItems(asks, settings, clock),
    ...remindCommitmentItems(commitments, settings, clock),
    ...quietSourceItems(quiet, settings, clock),
    ...giveBackItems(owed, settings, clock),
    ...checkInItems(checkIns, settings, clock),
    ...keepInTouchItems(touch, settings, clock),
    ...growCategoryItems(categories, settings, clock, horizon),
    ...explainItems(answers, settings, clock),
  ];
  const unique = new Map(candidates.map((i) => [i.key, i]));
  const sorted = assembleAgenda([...unique.values()], markMap, now, options.includeSnoozed);

  const shown = new Map<AgendaKind, number>();
  const truncated = new Set<AgendaKind>();
  const items: AgendaItemOut[] = [];
  for (const item of sorted) {
    const assignee = assigned.get(assignmentKeyOf(item.key) ?? '') ?? null;
    if (options.assignedTo !== undefined && assignee?.id !== options.assignedTo) continue;
    const n = shown.get(item.kind) ?? 0;
    if (n >= perKind) {
      truncated.add(item.kind);
      continue;
    }
    shown.set(item.kind, n + 1);
    const mark = markMap.get(item.key);
    const undoable = undoableKinds.includes(item.kind);
    items.push(
      mark?.state === 'snoozed' && mark.until
        ? { ...item, snoozedUntil: mark.until, undoable, assignee }
        : { ...item, undoable, assignee },
    );
  }
  for (const kind of agendaKinds) {
    if ((fetched[kind] ?? 0) >= limitOf(kind)) truncated.add(kind);
  }
  return {
    at,
    items,
    counts: countByUrgency(items),
    truncated: agendaKinds.filter((k) => truncated.has(k)),
  };
}

/** Past and future moments are both fine for a preview; the default is the clock's now. */
export async function getAgenda(deps: Deps, actor: Actor, options: AgendaOptions) {
  const now = options.at ? new Date(options.at) : deps.clock.now();
  const { assignee, ...rest } = options;
  return computeAgenda(deps, actor.practiceId, now, {
    ...rest,
    ...(assignee === 'mine' ? { assignedTo: actor.userId } : {}),
  });
}

/**
 * Assigns an agenda item to a member of the team, or back to everyone (`userId` null). Kept by
 * the item's kind and subject, so it holds when the item's cause moves on. 404 naming `userId`
 * for someone not on the team.
 */
export async function assignItem(
  deps: Deps,
  actor: Actor,
  key: string,
  userId: string | null,
): Promise<{ key: string; assignee: { id: string; name: string } | null }> {
  await requireItemKey(deps, actor, key);
  const itemKey = assignmentKeyOf(key);
  if (!itemKey) throw notFound('The agenda item');
  return inTransaction(deps.db, async (trx) => {
    if (userId === null) {
      await deleteAssignment(trx, actor.practiceId, itemKey);
      return { key, assignee: null };
    }
    // Locked as a removal locks them: someone being removed at this moment is either still on
    // the team (and the removal then gives the item back) or is refused here.
    await lockMembers(trx, actor.practiceId);
    const member = (await listMemberRows(trx, actor.practiceId)).find((m) => m.id === userId);
    if (!member)
      throw fieldError('userId', 'is not on the team. Pick someone from the team.', 'not_found');
    await upsertAssignment(trx, {
      practice_id: actor.practiceId,
      item_key: itemKey,
      user_id: userId,
      assigned_by: actor.userId,
      assigned_at: toTimestamp(deps.clock.now()),
    });
    return { key, assignee: { id: member.id, name: member.name } };
  });
}

// ---------------------------------------------------------------------------------------------
// Marks

/** The key, checked: a known kind whose subject exists in this practice (else 404). */
async function requireItemKey(deps: Deps, actor: Actor, key: string) {
  const parsed = parseItemKey(key);
  if (!parsed) throw notFound('The agenda item');
  const exists = await subjectExists(
    deps.db,
    actor.practiceId,
    subjectTypeOf[parsed.kind],
    parsed.subjectId,
  );
  if (!exists) throw notFound('The agenda item');
  return parsed;
}

const maxSnoozeDays = 366;

export async function snoozeItem(
  deps: Deps,
  actor: Actor,
  key: string,
  input: { until: string },
): Promise<void> {
  const now = deps.clock.now();
  const until = checkSnoozeUntil(now, input.until);
  await inTransaction(deps.db, (trx) => markItem(trx, deps, actor, key, now, until, ''));
}

export async function dismissItem(
  deps: Deps,
  actor: Actor,
  key: string,
  input: { reason: string },
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, (trx) => markItem(trx, deps, actor, key, now, null, input.reason));
}

export async function clearMark(deps: Deps, actor: Actor, key: string): Promise<void> {
  const removed = await deleteMark(deps.db, actor.practiceId, key);
  if (removed === 0) throw notFound('A snooze or dismissal of this agenda item');
}

// ---------------------------------------------------------------------------------------------
// Bulk marks, doing an item, and undo (issue 11 §9, §10)

/**
 * One step that takes back part of what an action on Today recorded. Ids and the columns it
 * changed only, never names (an erasure deletes the steps naming its subjects).
 */
export type UndoStep =
  | {
      type: 'mark';
      key: string;
      before: { state: AgendaMark['state']; until: string | null; reason: string | null } | null;
      beforeBy: string | null;
      beforeAt: string | null;
      /** When this action set the mark: a mark set later (by anyone) is left as it is. */
      setAt?: string;
    }
  | {
      type: 'referral';
      referralId: string;
      before: ReferralUndoState;
      /** `updated_at` right after the action: a later change makes the undo a conflict. */
      after: string;
      eventIds: string[];
      /** The action was audited (a referrer told): its undo is audited too. */
      audited: boolean;
    }
  | { type: 'interaction'; interactionId: string }
  | {
      type: 'ask';
      askId: string;
      /** Named so that erasing the contact deletes this undo too (§8). */
      contactId: string;
      outcome: Ask['outcome'];
      note: string | null;
    }
  | {
      type: 'commitment';
      commitmentId: string;
      before: CommitmentUndoState;
      /** `updated_at` right after the action: a later change makes the undo a conflict. */
      after: string;
    }
  | {
      type: 'given';
      givenId: string;
      field: 'partnerNotifiedAt' | 'checkedInAt';
      before: string | null;
      after: string | null;
    };

export type BulkInput = {
  action: 'snooze' | 'dismiss' | 'done';
  keys?: string[] | undefined;
  olderThanDays?: number | undefined;
  until?: string | undefined;
  reason?: string | undefined;
};

/** What a bulk action or a done item answers: how many items, and the undo's id. */
export type ActionResult = { count: number; keys: string[]; undoId: string | null };

/** Kinds whose action the agenda can do itself and take back (the rest use their own path). */
export const undoableKinds: readonly AgendaKind[] = [
  'respond',
  'thank',
  'update_referrer',
  'notify_partner',
  'check_in_given',
  'ask',
  'remind_commitment',
  'reconnect_quiet_source',
  'keep_in_touch',
  'explain',
];

const allItems = 500;

/** The kinds of these item keys: doing them needs only those kinds' queries. */
const kindsOf = (keys: readonly string[]): ReadonlySet<AgendaKind> =>
  new Set(keys.flatMap((key) => parseItemKey(key)?.kind ?? []));

function checkSnoozeUntil(now: Date, value: string | undefined): string {
  if (value === undefined) throw fieldError('until', 'is required to snooze.');
  const until = Date.parse(value);
  if (until <= now.getTime()) throw fieldError('until', 'must be in the future.');
  if (until > now.getTime() + maxSnoozeDays * dayMs)
    throw fieldError('until', `must be within ${maxSnoozeDays} days; dismiss instead.`);
  return toTimestamp(new Date(until));
}

/**
 * Snoozes, dismisses or does several items at once, in one transaction, with one undo: the
 * `keys` given, or (snooze and dismiss) every item overdue for more than `olderThanDays`.
 */
export async function bulkAction(
  deps: Deps,
  actor: Actor,
  input: BulkInput,
): Promise<ActionResult> {
  const now = deps.clock.now();
  if ((input.keys === undefined) === (input.olderThanDays === undefined))
    throw fieldError('keys', 'give either keys or olderThanDays (not both).');
  if (input.action === 'done' && input.olderThanDays !== undefined)
    throw fieldError('olderThanDays', 'only snoozes or dismisses; choose the items to do.');
  const until = input.action === 'snooze' ? checkSnoozeUntil(now, input.until) : null;
  if (input.action !== 'snooze' && input.until !== undefined)
    throw fieldError('until', 'is only for snoozing.');
  const reason = input.reason?.trim() ?? '';
  if (input.action === 'dismiss' && !reason)
    throw fieldError('reason', 'is required to dismiss: say why, so the team knows later.');
  return inTransaction(deps.db, async (trx) => {
    const inTrx: Deps = { ...deps, db: trx };
    let keys = [...new Set(input.keys ?? [])];
    let listed: AgendaItem[] | null = null;
    if (input.olderThanDays !== undefined) {
      const cutoff = now.getTime() - input.olderThanDays * dayMs;
      const agenda = await computeAgenda(inTrx, actor.practiceId, now, { perKind: allItems });
      keys = agenda.items
        .filter((i) => i.urgency === 'overdue' && i.dueAt && Date.parse(i.dueAt) < cutoff)
        .map((i) => i.key);
    } else if (input.action === 'done') {
      const agenda = await computeAgenda(inTrx, actor.practiceId, now, {
        perKind: allItems,
        includeSnoozed: true,
        kinds: kindsOf(keys),
      });
      listed = agenda.items;
    }
    const steps: UndoStep[] = [];
    for (const key of keys) {
      if (listed) steps.push(...(await doItem(inTrx, actor, key, 'primary', listed)));
      else steps.push(await markItem(trx, deps, actor, key, now, until, reason));
    }
    const undoId = steps.length > 0 ? await saveUndo(trx, actor, now, steps) : null;
    return { count: keys.length, keys, undoId };
  });
}

/** Does one item's action (primary or secondary) and answers its undo. */
export async function performItem(
  deps: Deps,
  actor: Actor,
  key: string,
  which: 'primary' | 'secondary',
): Promise<ActionResult> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const inTrx: Deps = { ...deps, db: trx };
    const agenda = await computeAgenda(inTrx, actor.practiceId, now, {
      perKind: allItems,
      includeSnoozed: true,
      kinds: kindsOf([key]),
    });
    const steps = await doItem(inTrx, actor, key, which, agenda.items);
    return { count: 1, keys: [key], undoId: await saveUndo(trx, actor, now, steps) };
  });
}

/**
 * Does a one-click action from the page of its subject (a thank-you recorded on a referral, a
 * reminder on a commitment) as Today would, and answers its undo: the same paths as the
 * undoable agenda items, whether or not an item is listed for it.
 */
export async function performAction(
  deps: Deps,
  actor: Actor,
  action: Omit<AgendaAction, 'label'>,
): Promise<ActionResult> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const steps = await doAction({ ...deps, db: trx }, actor, action);
    return { count: 1, keys: [], undoId: await saveUndo(trx, actor, now, steps) };
  });
}

/** How long an action can be taken back: long enough to notice a slip, not a way to edit history. */
const undoWindowMs = dayMs;

/**
 * Two actions of one request on the same referral (its "respond" and "thank" items done in one
 * bulk) are one step: the referral as it was before the first, every event either wrote, and
 * the time after the last — undone separately, the first undo's change would make the second
 * a conflict.
 */
function mergeReferralSteps(steps: readonly UndoStep[]): UndoStep[] {
  const out: UndoStep[] = [];
  for (const step of steps) {
    const earlier =
      step.type === 'referral'
        ? out.find((s) => s.type === 'referral' && s.referralId === step.referralId)
        : undefined;
    if (earlier?.type === 'referral' && step.type === 'referral') {
      earlier.after = step.after;
      earlier.eventIds = [...earlier.eventIds, ...step.eventIds];
      earlier.audited ||= step.audited;
    } else out.push(step);
  }
  return out;
}

async function saveUndo(trx: Tx, actor: Actor, now: Date, steps: UndoStep[]): Promise<string> {
  const id = newId(now.getTime());
  // Undos past their window can no longer be used: they go, so the table stays small.
  await deleteUndosBefore(
    trx,
    actor.practiceId,
    toTimestamp(new Date(now.getTime() - undoWindowMs)),
  );
  await insertUndo(trx, {
    practice_id: actor.practiceId,
    id,
    created_by: actor.userId,
    created_at: toTimestamp(now),
    undone_at: null,
    steps: JSON.stringify(mergeReferralSteps(steps)),
  });
  return id;
}

async function markItem(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  key: string,
  now: Date,
  until: string | null,
  reason: string,
): Promise<UndoStep> {
  await requireItemKey({ ...deps, db: trx }, actor, key);
  const before = await findMark(trx, actor.practiceId, key);
  const setAt = toTimestamp(now);
  await upsertMark(trx, {
    practice_id: actor.practiceId,
    item_key: key,
    state: until ? 'snoozed' : 'dismissed',
    until,
    reason: until ? null : reason,
    created_by: actor.userId,
    created_at: setAt,
  });
  return {
    type: 'mark',
    key,
    before: before ? { state: before.state, until: before.until, reason: before.reason } : null,
    beforeBy: before?.created_by ?? null,
    beforeAt: before?.created_at ?? null,
    setAt,
  };
}

const referralPath = /^\/referrals\/([A-Za-z0-9_-]+)\/(status|reopen|thanks|referrer-updates)$/;
const givenPath = /^\/referrals-given\/([A-Za-z0-9_-]+)$/;
const interactionPath = /^\/contacts\/([A-Za-z0-9_-]+)\/interactions$/;
const askPath = /^\/contacts\/([A-Za-z0-9_-]+)\/asks$/;
const commitmentPath = /^\/commitments\/([A-Za-z0-9_-]+)\/(reminders|release)$/;

/**
 * Does a listed item's action through its owner's use case (so every rule of that owner
 * holds) and returns the steps that take it back. Only the kinds in `undoableKinds`.
 */
async function doItem(
  inTrx: Deps,
  actor: Actor,
  key: string,
  which: 'primary' | 'secondary',
  listed: readonly AgendaItem[],
): Promise<UndoStep[]> {
  const item = listed.find((i) => i.key === key);
  if (!item) {
    await requireItemKey(inTrx, actor, key);
    throw new AppError(
      'conflict',
      'This item is no longer on the agenda (it was done or its cause changed); reload Today.',
    );
  }
  const action = which === 'secondary' ? item.secondary : item.action;
  if (!action) throw fieldError('which', 'this item has no second action.');
  if (!undoableKinds.includes(item.kind))
    throw new AppError(
      'unprocessable',
      `“${action.label}” is done through ${action.method} ${action.path}; Today cannot take it back.`,
      [{ field: 'key', message: 'this kind of item is done through its own path.' }],
    );
  return doAction(inTrx, actor, action);
}

/**
 * Does a one-click action through its owner's use case (so every rule of that owner holds)
 * and returns the steps that take it back: the actions of the kinds in `undoableKinds`, from
 * Today or from the page of their subject. Any other path is 422.
 */
async function doAction(
  inTrx: Deps,
  actor: Actor,
  action: Omit<AgendaAction, 'label'>,
): Promise<UndoStep[]> {
  const body = action.body ?? {};
  const posted = (pattern: RegExp) => (action.method === 'POST' ? pattern.exec(action.path) : null);
  const onReferral = posted(referralPath);
  const onContact = posted(interactionPath);
  const onAsk = posted(askPath);
  const onCommitment = posted(commitmentPath);
  if (onReferral?.[1] && onReferral[2]) {
    const referralId = onReferral[1];
    const before = await readReferralUndoState(inTrx.db, actor.practiceId, referralId);
    if (!before) throw notFound('The referral');
    if (onReferral[2] === 'status')
      await changeStatus(inTrx, actor, referralId, parseNested(ZChangeStatus, body, 'body'));
    else if (onReferral[2] === 'reopen')
      await reopenReferral(inTrx, actor, referralId, parseNested(ZReopen, body, 'body'));
    else if (onReferral[2] === 'thanks')
      await recordThanks(inTrx, actor, referralId, parseNested(ZRecordThanks, body, 'body'));
    else
      await recordReferrerUpdate(
        inTrx,
        actor,
        referralId,
        parseNested(ZRecordReferrerUpdate, body, 'body'),
      );
    const after = await readReferralUndoState(inTrx.db, actor.practiceId, referralId);
    if (!after) throw notFound('The referral');
    const known = new Set(before.eventIds);
    return [
      {
        type: 'referral',
        referralId,
        before: before.state,
        after: after.state.updated_at,
        eventIds: after.eventIds.filter((id) => !known.has(id)),
        audited: onReferral[2] === 'referrer-updates',
      },
    ];
  }
  const onGiven = action.method === 'PATCH' ? givenPath.exec(action.path) : null;
  if (onGiven?.[1]) {
    // The one-click changes of a referral given set one time, which is what the undo restores.
    const input = parseNested(
      ZUpdateGiven.pick({ partnerNotifiedAt: true, checkedInAt: true }),
      body,
      'body',
    );
    const fields = Object.keys(input) as ('partnerNotifiedAt' | 'checkedInAt')[];
    const [field] = fields;
    if (fields.length !== 1 || !field)
      throw fieldError('body', 'give exactly one of partnerNotifiedAt or checkedInAt.');
    const before = await getGiven(inTrx, actor, onGiven[1]);
    const after = await updateGiven(inTrx, actor, onGiven[1], input);
    return [
      { type: 'given', givenId: onGiven[1], field, before: before[field], after: after[field] },
    ];
  }
  if (onContact?.[1]) {
    const made = await logInteraction(
      inTrx,
      actor,
      onContact[1],
      parseNested(ZLogInteraction, body, 'body'),
    );
    return [{ type: 'interaction', interactionId: made.id }];
  }
  if (onAsk?.[1]) {
    const { ask } = await createAsk(inTrx, actor, onAsk[1], parseNested(ZCreateAsk, body, 'body'));
    return [
      {
        type: 'ask',
        askId: ask.id,
        contactId: ask.contactId,
        outcome: ask.outcome,
        note: ask.note,
      },
    ];
  }
  if (onCommitment?.[1] && onCommitment[2]) {
    const commitmentId = onCommitment[1];
    // Locked before it is read, so the snapshot is what the action changes.
    await lockCommitmentRow(inTrx.db, actor.practiceId, commitmentId);
    const before = await readCommitmentUndoState(inTrx.db, actor.practiceId, commitmentId);
    if (!before) throw notFound('The commitment');
    if (onCommitment[2] === 'reminders')
      await recordReminder(inTrx, actor, commitmentId, parseNested(ZRecordReminder, body, 'body'));
    else
      await releaseCommitment(
        inTrx,
        actor,
        commitmentId,
        parseNested(ZReleaseCommitment, body, 'body'),
      );
    const after = await readCommitmentUndoState(inTrx.db, actor.practiceId, commitmentId);
    if (!after) throw notFound('The commitment');
    return [{ type: 'commitment', commitmentId, before, after: after.updated_at }];
  }
  throw new AppError(
    'unprocessable',
    `${action.method} ${action.path} is not a one-click action that can be undone; call it directly.`,
    [{ field: 'path', message: 'is not one of the actions that can be undone.' }],
  );
}

/**
 * Takes back what an action on Today recorded, in one transaction: marks as they were, the
 * referral's columns and history as they were (audited when the action was), the touch
 * deleted. Only the caller's own, in their practice (else 404); a second undo, or one after
 * the referral changed again, is a conflict (409).
 */
export async function undoAction(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await findUndo(trx, actor.practiceId, id);
    if (!row || row.created_by !== actor.userId) throw notFound('The action to undo');
    if (now.getTime() - Date.parse(row.created_at) > undoWindowMs)
      throw new AppError(
        'conflict',
        'This action is more than a day old and can no longer be undone; correct it on its page.',
      );
    if ((await claimUndo(trx, actor.practiceId, id, toTimestamp(now))) === 0)
      throw new AppError('conflict', 'This action was already undone.');
    const steps = JSON.parse(row.steps) as UndoStep[];
    for (const step of [...steps].reverse()) await undoStep(trx, deps, actor, step);
  });
}

async function undoStep(trx: Tx, deps: Deps, actor: Actor, step: UndoStep): Promise<void> {
  if (step.type === 'mark') {
    // A snooze or dismissal set since (a teammate's, or one's own) is a later decision: it stays.
    const current = await findMark(trx, actor.practiceId, step.key);
    if (step.setAt !== undefined && current?.created_at !== step.setAt) return;
    if (!step.before) await deleteMark(trx, actor.practiceId, step.key);
    else
      await upsertMark(trx, {
        practice_id: actor.practiceId,
        item_key: step.key,
        ...step.before,
        created_by: step.beforeBy ?? actor.userId,
        created_at: step.beforeAt ?? toTimestamp(deps.clock.now()),
      });
    return;
  }
  if (step.type === 'interaction') {
    try {
      await deleteInteraction({ ...deps, db: trx }, actor, step.interactionId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found')
        throw new AppError('conflict', 'The touch was deleted already; nothing to undo.');
      throw error;
    }
    return;
  }
  if (step.type === 'ask') {
    await takeBackAsk(trx, actor.practiceId, {
      id: step.askId,
      outcome: step.outcome,
      note: step.note,
    });
    return;
  }
  if (step.type === 'commitment') {
    await lockCommitmentRow(trx, actor.practiceId, step.commitmentId);
    const current = await readCommitmentUndoState(trx, actor.practiceId, step.commitmentId);
    if (!current) throw new AppError('conflict', 'The commitment was deleted; nothing to undo.');
    if (current.updated_at !== step.after)
      throw new AppError(
        'conflict',
        'The commitment changed again since; undo is no longer possible. Correct it on its page.',
      );
    // The columns go back as they were, but the row did change now: updated_at says so.
    await updateCommitmentRow(trx, actor.practiceId, step.commitmentId, {
      ...step.before,
      updated_at: toTimestamp(deps.clock.now()),
    });
    return;
  }
  if (step.type === 'given') {
    const inTrx = { ...deps, db: trx };
    const current = await getGiven(inTrx, actor, step.givenId);
    if (current[step.field] !== step.after)
      throw new AppError(
        'conflict',
        'The referral given changed again since; undo is no longer possible.',
      );
    await updateGiven(inTrx, actor, step.givenId, { [step.field]: step.before });
    return;
  }
  const current = await readReferralUndoState(trx, actor.practiceId, step.referralId);
  if (!current) throw new AppError('conflict', 'The referral was deleted; nothing to undo.');
  if (current.state.updated_at !== step.after)
    throw new AppError(
      'conflict',
      'The referral changed again since; undo is no longer possible. Correct it on the referral.',
    );
  // The columns go back as they were, but the row did change now: updated_at says so.
  await restoreReferral(
    trx,
    actor.practiceId,
    step.referralId,
    { ...step.before, updated_at: toTimestamp(deps.clock.now()) },
    step.eventIds,
  );
  if (step.audited)
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'referral.referrer_update_undone',
      subjectType: 'referral',
      subjectId: step.referralId,
    });
}

// ---------------------------------------------------------------------------------------------
// Calendar feeds (§8): a per-user secret URL; only the token's SHA-256 is stored

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const tokenPattern = /^vcal_[A-Za-z0-9_-]{43}$/;

export const calendarPath = (token: string) => `/api/v1/public/calendar/${token}.ics`;

export type CalendarFeed = { id: string; createdAt: string; revokedAt: string | null };

export async function listFeeds(deps: Deps, actor: Actor): Promise<{ items: CalendarFeed[] }> {
  const rows = await listCalendarFeeds(deps.db, actor.practiceId, actor.userId);
  return {
    items: rows.map((r) => ({ id: r.id, createdAt: r.created_at, revokedAt: r.revoked_at })),
  };
}

const newToken = () => `vcal_${randomBytes(32).toString('base64url')}`;
const feedUrl = (deps: Deps, token: string) => urlAt(deps.config.baseUrl, calendarPath(token));

/** A new secret URL (shown once); creating it is audited (§8: the agenda leaves Vouch). */
export async function createFeed(deps: Deps, actor: Actor): Promise<{ id: string; url: string }> {
  await refuseInDemo(deps.db, actor.practiceId, 'Calendar feeds');
  const now = deps.clock.now();
  const token = newToken();
  const id = newId(now.getTime());
  await inTransaction(deps.db, async (trx) => {
    await insertCalendarFeed(trx, {
      practice_id: actor.practiceId,
      id,
      user_id: actor.userId,
      token_hash: hashToken(token),
      created_at: toTimestamp(now),
      revoked_at: null,
    });
    await auditFeed(trx, deps, actor, id, 'calendar_feed.created');
  });
  return { id, url: feedUrl(deps, token) };
}

/** A new secret URL for a live feed of the caller's; the old one stops at once (404). */
export async function rotateFeed(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ id: string; url: string }> {
  const token = newToken();
  await inTransaction(deps.db, async (trx) => {
    const changed = await rotateCalendarFeed(
      trx,
      actor.practiceId,
      actor.userId,
      id,
      hashToken(token),
    );
    if (changed !== 1) throw notFound('The calendar feed (or it was revoked)');
    await auditFeed(trx, deps, actor, id, 'calendar_feed.rotated');
  });
  return { id, url: feedUrl(deps, token) };
}

export async function revokeFeed(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const feed = await findCalendarFeed(trx, actor.practiceId, actor.userId, id);
    if (!feed) throw notFound('The calendar feed');
    // Audited by the one revoke that changed the row (two at once on PostgreSQL: one row).
    if (await revokeCalendarFeed(trx, actor.practiceId, id, toTimestamp(deps.clock.now())))
      await auditFeed(trx, deps, actor, id, 'calendar_feed.revoked');
  });
}

async function auditFeed(trx: Tx, deps: Deps, actor: Actor, id: string, action: string) {
  await recordAudit(trx, deps.clock, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action,
    subjectType: 'calendar_feed',
    subjectId: id,
  });
}

const feedNotFound = () => new AppError('not_found', 'There is no such calendar feed.');

/**
 * An event's UID: stable per item, without the item key's words (a key can say "conversion"),
 * and keyed with the server's secret, so that nobody holding the feed can try the few keys a
 * referral id allows (`update_referrer:<id>:<status>`) and learn the status.
 */
export const calendarUid = (secret: string, key: string) =>
  `${createHmac('sha256', secret).update(key).digest('hex').slice(0, 32)}@vouch`;

/**
 * The ICS of a feed: one VEVENT per agenda item with a due time, its words from
 * calendarEventOf only (§3.2: the action and the referrer or partner, never the referred
 * person), linking to the item in the web app. A malformed, unknown or revoked token is the
 * same 404, revealing nothing.
 */
export async function calendarFeedIcs(deps: Deps, token: string): Promise<string> {
  if (!tokenPattern.test(token)) throw feedNotFound();
  const feed = await findLiveFeedByHash(deps.db, hashToken(token));
  if (!feed) throw feedNotFound();
  const now = deps.clock.now();
  // Loaded once and handed on: the agenda needs it too, and a request holds two connections.
  const ctx = await loadPracticeContext(deps.db, feed.practice_id);
  const agenda = await computeAgenda(deps, feed.practice_id, now, { horizon: 'week' }, ctx);
  const calendar = ical({ name: 'Vouch agenda', prodId: '//Vouch//Agenda//EN', ttl: 900 });
  for (const item of agenda.items) {
    const event = calendarEventOf(item, { now, timeZone: ctx.timeZone });
    if (!event) continue;
    const start = new Date(event.start);
    calendar.createEvent({
      id: calendarUid(deps.config.secret, item.key),
      start,
      ...(event.isAllDay ? { allDay: true } : { end: new Date(start.getTime() + 30 * 60_000) }),
      stamp: now,
      summary: event.summary,
      description: `${event.description}\n\nOpen in Vouch: ${urlAt(deps.config.baseUrl, event.path)}`,
      url: urlAt(deps.config.baseUrl, event.path),
    });
  }
  return calendar.toString();
}
