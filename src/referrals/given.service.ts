import { requireContact } from '../contacts/contact.service.ts';
import { receivedRange } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import { pastInstant } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { loadPracticeContext, type PracticeContext } from '../practices/practice.service.ts';
import {
  deleteGivenRow,
  findGivenRow,
  type GivenRow,
  insertGivenRow,
  listGivenRows,
  updateGivenRow,
} from './given.repository.ts';
import { checkInOf, outcomeAtAfter } from './given.rules.ts';
import type { CreateGiven, ListGivenQuery, ReferralGiven, UpdateGiven } from './given.schemas.ts';
import { findContactRefs } from './referral.repository.ts';
import { resolvePerson } from './referral.service.ts';

/** Rows → API answers: the people's names in one query. */
async function hydrate(
  db: Queryable,
  practiceId: string,
  rows: readonly GivenRow[],
  ctx: PracticeContext,
  now: Date,
): Promise<ReferralGiven[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.partner_id]))];
  const refs = new Map(
    (await findContactRefs(db, practiceId, ids)).map((c) => [c.id, { id: c.id, name: c.name }]),
  );
  const ref = (id: string) => refs.get(id) ?? { id, name: '' };
  return rows.map((r) => ({
    id: r.id,
    person: ref(r.person_id),
    partner: ref(r.partner_id),
    givenAt: r.given_at,
    reason: r.reason,
    partnerNotifiedAt: r.partner_notified_at,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
    ...checkInOf(r, ctx.settings, now),
    checkedInAt: r.checked_in_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function loadOne(trx: Queryable, practiceId: string, id: string, now: Date) {
  const row = await findGivenRow(trx, practiceId, id);
  if (!row) throw notFound('The referral given');
  const ctx = await loadPracticeContext(trx, practiceId);
  const [item] = await hydrate(trx, practiceId, [row], ctx, now);
  if (!item) throw notFound('The referral given');
  return item;
}

const samePerson = () =>
  fieldError(
    'partnerId',
    'The partner cannot be the person referred to them; pick whom you referred the person to.',
    'unprocessable',
  );

export async function createGiven(
  deps: Deps,
  actor: Actor,
  input: CreateGiven,
): Promise<ReferralGiven> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  const givenAt = pastInstant('givenAt', input.givenAt, nowDate);
  const notifiedAt =
    input.partnerNotifiedAt === undefined
      ? null
      : pastInstant('partnerNotifiedAt', input.partnerNotifiedAt, nowDate, {
          at: givenAt,
          what: 'the time the referral was given',
        });
  return inTransaction(deps.db, async (trx: Tx) => {
    await requireContact(trx, actor.practiceId, input.partnerId, 'partnerId');
    if (input.person.contactId === input.partnerId) throw samePerson();
    const personId = await resolvePerson(trx, actor, input.person, 'person', now);
    const id = newId();
    await insertGivenRow(trx, {
      practice_id: actor.practiceId,
      id,
      person_id: personId,
      partner_id: input.partnerId,
      given_at: givenAt,
      reason: input.reason ?? null,
      partner_notified_at: notifiedAt,
      outcome: 'unknown',
      outcome_at: null,
      checked_in_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    return loadOne(trx, actor.practiceId, id, nowDate);
  });
}

export async function updateGiven(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateGiven,
): Promise<ReferralGiven> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  return inTransaction(deps.db, async (trx) => {
    const row = await findGivenRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The referral given');
    const floor = { at: row.given_at, what: 'the time the referral was given' };
    const changes: Partial<GivenRow> = { updated_at: now };
    if (input.reason !== undefined) changes.reason = input.reason;
    if (input.partnerNotifiedAt !== undefined)
      changes.partner_notified_at =
        input.partnerNotifiedAt === null
          ? null
          : pastInstant('partnerNotifiedAt', input.partnerNotifiedAt, nowDate, floor);
    if (input.checkedInAt !== undefined)
      changes.checked_in_at =
        input.checkedInAt === null
          ? null
          : pastInstant('checkedInAt', input.checkedInAt, nowDate, floor);
    if (input.outcome !== undefined) {
      changes.outcome = input.outcome;
      changes.outcome_at = outcomeAtAfter(row, input.outcome, now);
    }
    await updateGivenRow(trx, actor.practiceId, id, changes);
    return loadOne(trx, actor.practiceId, id, nowDate);
  });
}

export async function getGiven(deps: Deps, actor: Actor, id: string): Promise<ReferralGiven> {
  return loadOne(deps.db, actor.practiceId, id, deps.clock.now());
}

export async function deleteGiven(deps: Deps, actor: Actor, id: string): Promise<void> {
  const deleted = await deleteGivenRow(deps.db, actor.practiceId, id);
  if (deleted === 0) throw notFound('The referral given');
}

const encodeCursor = (row: GivenRow) =>
  Buffer.from(JSON.stringify(['given', row.given_at, row.id])).toString('base64url');

function decodeCursor(cursor: string): { givenAt: string; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [kind, givenAt, id] = parsed as unknown[];
    if (kind !== 'given' || typeof givenAt !== 'string' || typeof id !== 'string') return null;
    return { givenAt, id };
  } catch {
    return null;
  }
}

export async function listGiven(
  deps: Deps,
  actor: Actor,
  query: ListGivenQuery,
): Promise<{ items: ReferralGiven[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  const ctx = await loadPracticeContext(deps.db, actor.practiceId);
  let after = null;
  if (query.cursor) {
    after = decodeCursor(query.cursor);
    if (!after)
      throw new AppError(
        'validation',
        'cursor: this cursor is not valid; start again without it.',
        [{ field: 'cursor', message: 'This cursor is not valid; start again without it.' }],
      );
  }
  const range = receivedRange(query, ctx.timeZone);
  const rows = await listGivenRows(
    deps.db,
    actor.practiceId,
    { ...query, ...range },
    query.limit + 1,
    after,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await hydrate(deps.db, actor.practiceId, page, ctx, now),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
