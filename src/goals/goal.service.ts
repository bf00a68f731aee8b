import { insertMessageRow } from '../outbox/message.repository.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { dayMs, localYearMonth, monthStart } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import type { PracticeRow } from '../practices/practice.repository.ts';
import { loadPracticeContext, type PracticeContext } from '../practices/practice.service.ts';
import {
  findGoalRow,
  type GoalRow,
  goalCounts,
  hasCelebration,
  insertCelebrationOnce,
  listCelebrationRows,
  listMemberAddresses,
  markCelebrationSeen,
  nthClientAt,
  upsertGoalRow,
} from './goal.repository.ts';
import {
  clientsForThreshold,
  conversionOf,
  expectedByShare,
  forecastYearEnd,
  monthlyTargetOf,
  paceOf,
  percentOfGoalOf,
  reachedThresholds,
  referralsNeededOf,
  round2,
  yearElapsedShare,
} from './goal.rules.ts';
import type { GoalProgress, PutGoal } from './goal.schemas.ts';

function noGoal(year: number): AppError {
  return new AppError(
    'not_found',
    `No goal is set for ${year}. Set one with PUT /goals/${year} { "targetClients": … }.`,
  );
}

/** The practice's current calendar year, in its time zone. */
export function currentYearOf(practice: PracticeContext, now: Date): number {
  return localYearMonth(now, practice.timeZone).year;
}

/**
 * Progress towards a year's goal (§3.8), or null when none is set. Thresholds newly reached
 * are recorded as celebrations on the way (once each; see recordCelebrations).
 */
export async function progressOf(
  deps: Deps,
  practice: PracticeContext,
  goal: GoalRow,
  userId: string,
): Promise<GoalProgress> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  const tz = practice.timeZone;
  const settings = practice.settings;
  const yearStart = monthStart(goal.year, 1, tz);
  const yearEnd = monthStart(goal.year + 1, 1, tz);
  const current = localYearMonth(nowDate, tz);
  const trailingStart = new Date(nowDate);
  trailingStart.setUTCFullYear(trailingStart.getUTCFullYear() - 1);
  const windows = {
    yearStart: toTimestamp(yearStart),
    yearEnd: toTimestamp(yearEnd),
    monthStart: toTimestamp(monthStart(current.year, current.month, tz)),
    monthEnd: toTimestamp(monthStart(current.year, current.month + 1, tz)),
    trailingStart: toTimestamp(trailingStart),
    now,
  };
  const counts = await goalCounts(deps.db, practice.row.id, windows);
  const clientsThisYear = Number(counts.clients_year);
  const conversion = conversionOf(
    {
      closedLast12Months: Number(counts.clients_trailing) + Number(counts.closed_trailing),
      clientsLast12Months: Number(counts.clients_trailing),
    },
    settings,
  );
  const monthlyTarget = monthlyTargetOf(goal.target_clients);
  const share = yearElapsedShare(yearStart.getTime(), yearEnd.getTime(), nowDate.getTime());
  const expected = expectedByShare(goal.target_clients, share);
  const minShare = dayMs / (yearEnd.getTime() - yearStart.getTime());

  await recordCelebrations(deps, practice.row, goal, clientsThisYear, windows);
  const celebrations = await listCelebrationRows(deps.db, practice.row.id, goal.year, userId);
  return {
    year: goal.year,
    targetClients: goal.target_clients,
    emailTeam: goal.email_team,
    monthlyTarget: round2(monthlyTarget),
    conversion: { ...conversion, rate: round2(conversion.rate) },
    referralsNeededPerMonth: round2(referralsNeededOf(monthlyTarget, conversion.rate)),
    clientsThisYear,
    clientsThisMonth: Number(counts.clients_month),
    referralsThisMonth: Number(counts.referrals_month),
    expectedByToday: round2(expected),
    pace: paceOf(clientsThisYear, expected),
    forecastYearEnd: forecastYearEnd(clientsThisYear, share, minShare),
    percentOfGoal: percentOfGoalOf(clientsThisYear, goal.target_clients),
    celebrations: celebrations.map((c) => ({
      threshold: Number(c.threshold),
      reachedAt: c.reached_at,
      seenByMe: c.seen_at !== null,
    })),
  };
}

/**
 * Records each threshold reached once, at the time its client was won. The primary key
 * (practice, year, threshold) makes concurrent attempts a no-op, and only the attempt that
 * inserted queues the team's emails, in the same transaction (§3.8, §6).
 */
async function recordCelebrations(
  deps: Deps,
  practice: PracticeRow,
  goal: GoalRow,
  clients: number,
  w: { yearStart: string; yearEnd: string; now: string },
): Promise<void> {
  const reached = reachedThresholds(clients, goal.target_clients);
  let queued = false;
  for (const threshold of reached) {
    if (await hasCelebration(deps.db, practice.id, goal.year, threshold)) continue;
    const n = clientsForThreshold(threshold, goal.target_clients);
    const reachedAt = (await nthClientAt(deps.db, practice.id, w.yearStart, w.yearEnd, n)) ?? w.now;
    await inTransaction(deps.db, async (trx) => {
      const inserted = await insertCelebrationOnce(
        trx,
        practice.id,
        goal.year,
        threshold,
        reachedAt,
      );
      if (inserted && goal.email_team) {
        await queueCelebrationEmails(trx, practice, goal, threshold, clients, w.now);
        queued = true;
      }
    });
  }
  if (queued) wakeOutbox(deps.db);
}

/** One email to each member through the outbox (a team message: no contact, no opt-out). */
async function queueCelebrationEmails(
  trx: Tx,
  practice: PracticeRow,
  goal: GoalRow,
  threshold: number,
  clients: number,
  now: string,
): Promise<void> {
  const members = await listMemberAddresses(trx, practice.id);
  const subject =
    threshold === 100
      ? `We reached our ${goal.year} referral goal!`
      : `${threshold} % of our ${goal.year} referral goal`;
  for (const m of members) {
    const body = `Hello ${m.name.split(/\s+/)[0] || m.name},

${clients} new clients from referrals so far in ${goal.year}: ${threshold} % of our goal of ${goal.target_clients}.

Every one of them is someone's reputation placed in our hands. Thank you — let's celebrate, and keep going.

${practice.name}`;
    await insertMessageRow(trx, {
      practice_id: practice.id,
      id: newId(),
      template_key: 'goal_celebration',
      recipient_contact_id: null,
      to_name: m.name,
      to_email: m.email,
      subject,
      body,
      channel: 'email',
      status: 'queued',
      attempts: 0,
      last_error: null,
      next_attempt_at: now,
      provider_id: null,
      idempotency_key: newId(),
      is_referrer_facing: false,
      subject_type: 'goal',
      subject_id: `${goal.year}:${threshold}`,
      created_by: null,
      created_at: now,
      queued_at: now,
      sent_at: null,
    });
  }
}

export async function getGoal(deps: Deps, actor: Actor, year: number): Promise<GoalProgress> {
  const practice = await loadPracticeContext(deps.db, actor.practiceId);
  const goal = await findGoalRow(deps.db, actor.practiceId, year);
  if (!goal) throw noGoal(year);
  return progressOf(deps, practice, goal, actor.userId);
}

export async function getCurrentGoal(deps: Deps, actor: Actor): Promise<GoalProgress | null> {
  const practice = await loadPracticeContext(deps.db, actor.practiceId);
  return currentGoalOf(deps, practice, actor.userId);
}

export async function currentGoalOf(
  deps: Deps,
  practice: PracticeContext,
  userId: string,
): Promise<GoalProgress | null> {
  const year = currentYearOf(practice, deps.clock.now());
  const goal = await findGoalRow(deps.db, practice.row.id, year);
  return goal ? progressOf(deps, practice, goal, userId) : null;
}

export async function putGoal(
  deps: Deps,
  actor: Actor,
  year: number,
  input: PutGoal,
): Promise<GoalProgress> {
  const practice = await loadPracticeContext(deps.db, actor.practiceId);
  const existing = await findGoalRow(deps.db, actor.practiceId, year);
  const row: GoalRow = {
    practice_id: actor.practiceId,
    year,
    target_clients: input.targetClients,
    email_team: input.emailTeam ?? existing?.email_team ?? false,
    updated_by: actor.userId,
    updated_at: toTimestamp(deps.clock.now()),
  };
  await upsertGoalRow(deps.db, row);
  return progressOf(deps, practice, row, actor.userId);
}

/** A member has seen a celebration; seeing it again changes nothing. */
export async function markSeen(
  deps: Deps,
  actor: Actor,
  year: number,
  threshold: number,
): Promise<void> {
  if (!(await hasCelebration(deps.db, actor.practiceId, year, threshold)))
    throw new AppError(
      'not_found',
      `There is no ${threshold} % celebration for ${year} in this practice.`,
    );
  await markCelebrationSeen(deps.db, {
    practiceId: actor.practiceId,
    year,
    threshold,
    userId: actor.userId,
    at: toTimestamp(deps.clock.now()),
  });
}
