import { isAskOfACommitment } from '../commitments/commitment.repository.ts';
import { addressableOf, requireContact } from '../contacts/contact.service.ts';
import { addressNameOf } from '../contacts/contact-name.rules.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { pastInstant } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import {
  type AskRow,
  deleteAskRow,
  deleteMomentRow,
  findAskRow,
  findLastAskedAt,
  findMomentRow,
  insertAskRow,
  insertMomentRow,
  listAskRows,
  listMomentRows,
  type MomentRow,
  updateAskRow,
} from './ask.repository.ts';
import {
  askScriptOf,
  askWarnings,
  askWindowEndsAt,
  isPositiveMoment,
  readinessOf,
} from './ask.rules.ts';
import type {
  Ask,
  AskReadiness,
  CreateAsk,
  CreateMoment,
  Moment,
  UpdateAsk,
} from './ask.schemas.ts';

/** The contact in the path: another practice's id is simply not found. */
async function requirePathContact(db: Queryable, practiceId: string, id: string) {
  const row = await requireContact(db, practiceId, id, 'id').catch(() => {
    throw notFound('The contact');
  });
  return row;
}

export function toMoment(row: MomentRow, askWindowDays: number): Moment {
  const kind = row.kind;
  return {
    id: row.id,
    contactId: row.contact_id,
    kind,
    score: row.score,
    occurredAt: row.occurred_at,
    note: row.note,
    isPositive: isPositiveMoment(kind, row.score),
    askWindowEndsAt: askWindowEndsAt(
      { kind, score: row.score, occurredAt: row.occurred_at },
      askWindowDays,
    ),
    createdAt: row.created_at,
  };
}

export function toAsk(row: AskRow): Ask {
  return {
    id: row.id,
    contactId: row.contact_id,
    askedAt: row.asked_at,
    momentId: row.moment_id,
    outcome: row.outcome,
    note: row.note,
    createdAt: row.created_at,
  };
}

export async function createMoment(
  deps: Deps,
  actor: Actor,
  contactId: string,
  input: CreateMoment,
): Promise<Moment> {
  const nowDate = deps.clock.now();
  const occurredAt = pastInstant('occurredAt', input.occurredAt, nowDate);
  return inTransaction(deps.db, async (trx) => {
    await requirePathContact(trx, actor.practiceId, contactId);
    const { settings } = await loadPracticeContext(trx, actor.practiceId);
    const row: MomentRow = {
      practice_id: actor.practiceId,
      id: newId(),
      contact_id: contactId,
      kind: input.kind,
      score: input.score ?? null,
      occurred_at: occurredAt,
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: toTimestamp(nowDate),
    };
    await insertMomentRow(trx, row);
    return toMoment(row, settings.askWindowDays);
  });
}

export async function listMoments(deps: Deps, actor: Actor, contactId: string) {
  await requirePathContact(deps.db, actor.practiceId, contactId);
  const { settings } = await loadPracticeContext(deps.db, actor.practiceId);
  const rows = await listMomentRows(deps.db, actor.practiceId, contactId);
  return { items: rows.map((r) => toMoment(r, settings.askWindowDays)) };
}

export async function deleteMoment(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await deleteMomentRow(trx, actor.practiceId, id)) === 0) throw notFound('The moment');
  });
}

export async function createAsk(
  deps: Deps,
  actor: Actor,
  contactId: string,
  input: CreateAsk,
): Promise<{ ask: Ask; warnings: ReturnType<typeof askWarnings> }> {
  const nowDate = deps.clock.now();
  const askedAt = pastInstant('askedAt', input.askedAt, nowDate);
  return inTransaction(deps.db, async (trx) => {
    const contact = await requirePathContact(trx, actor.practiceId, contactId);
    const { settings, timeZone } = await loadPracticeContext(trx, actor.practiceId);
    if (input.momentId) {
      const moment = await findMomentRow(trx, actor.practiceId, input.momentId);
      if (!moment || moment.contact_id !== contactId)
        throw new AppError('not_found', 'momentId: No such moment of this contact.', [
          { field: 'momentId', message: 'No such moment of this contact.' },
        ]);
    }
    const lastAskedAt = await findLastAskedAt(trx, actor.practiceId, contactId, askedAt);
    const warnings = askWarnings(
      { name: contact.name, stage: contact.stage, doNotAsk: contact.do_not_ask },
      lastAskedAt,
      settings.askCooldownDays,
      new Date(askedAt),
      timeZone,
    );
    const row: AskRow = {
      practice_id: actor.practiceId,
      id: newId(),
      contact_id: contactId,
      asked_at: askedAt,
      moment_id: input.momentId ?? null,
      outcome: input.outcome ?? null,
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: toTimestamp(nowDate),
    };
    await insertAskRow(trx, row);
    return { ask: toAsk(row), warnings };
  });
}

/**
 * Takes back an ask that a one-click action logged (the undo of "Log the ask" on Today), in
 * the caller's transaction. A conflict when it is gone, its outcome or note changed since, or
 * a commitment answers it: then it is no longer only what the click recorded.
 */
export async function takeBackAsk(
  db: Queryable,
  practiceId: string,
  logged: Pick<Ask, 'id' | 'outcome' | 'note'>,
): Promise<void> {
  const row = await findAskRow(db, practiceId, logged.id, 'update');
  if (!row) throw new AppError('conflict', 'The ask was deleted already; nothing to undo.');
  const changed = row.outcome !== logged.outcome || row.note !== logged.note;
  if (
    changed ||
    (await isAskOfACommitment(db, practiceId, { id: row.id, contactId: row.contact_id }))
  )
    throw new AppError(
      'conflict',
      'The ask changed since (an outcome, a note or a commitment); undo is no longer possible.',
    );
  await deleteAskRow(db, practiceId, row.id);
}

export async function listAsks(deps: Deps, actor: Actor, contactId: string) {
  await requirePathContact(deps.db, actor.practiceId, contactId);
  return { items: (await listAskRows(deps.db, actor.practiceId, contactId)).map(toAsk) };
}

export async function updateAsk(deps: Deps, actor: Actor, id: string, input: UpdateAsk) {
  return inTransaction(deps.db, async (trx) => {
    const row = await findAskRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The ask');
    const changes: Partial<Pick<AskRow, 'outcome' | 'note'>> = {};
    if (input.outcome !== undefined) changes.outcome = input.outcome;
    if (input.note !== undefined) changes.note = input.note;
    if (Object.keys(changes).length > 0) await updateAskRow(trx, actor.practiceId, id, changes);
    return toAsk({ ...row, ...changes });
  });
}

export async function getAskScript(deps: Deps, actor: Actor, contactId: string | undefined) {
  const { row, settings } = await loadPracticeContext(deps.db, actor.practiceId);
  const contact = contactId
    ? await requireContact(deps.db, actor.practiceId, contactId, 'contactId')
    : null;
  return askScriptOf(
    { name: row.name, valueProposition: row.value_proposition, idealClient: row.ideal_client },
    contact ? addressNameOf(addressableOf(contact), settings.salutationStyle) : null,
  );
}

export async function getAskReadiness(
  deps: Deps,
  actor: Actor,
  contactId: string,
): Promise<AskReadiness> {
  const now = deps.clock.now();
  const contact = await requirePathContact(deps.db, actor.practiceId, contactId);
  const { row, settings } = await loadPracticeContext(deps.db, actor.practiceId);
  const [moments, lastAskedAt] = await Promise.all([
    listMomentRows(deps.db, actor.practiceId, contactId),
    findLastAskedAt(deps.db, actor.practiceId, contactId, toTimestamp(now)),
  ]);
  const readiness = readinessOf(
    { name: contact.name, stage: contact.stage, doNotAsk: contact.do_not_ask },
    moments.map((m) => ({
      id: m.id,
      kind: m.kind,
      score: m.score,
      occurredAt: m.occurred_at,
    })),
    lastAskedAt,
    settings,
    now,
    row.time_zone,
  );
  return {
    ...readiness,
    script: askScriptOf(
      { name: row.name, valueProposition: row.value_proposition, idealClient: row.ideal_client },
      addressNameOf(addressableOf(contact), settings.salutationStyle),
    ),
  };
}
