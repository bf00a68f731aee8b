import { findContactRow } from '../contacts/contact.repository.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import { refOf } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import {
  deleteInteractionRow,
  findInteractionRow,
  insertInteractionRow,
  listInteractionRows,
  lockContactForTouch,
  refreshLastTouch,
} from './interaction.repository.ts';
import { occurredAtProblem } from './interaction.rules.ts';
import type { Interaction, LogInteraction } from './interaction.schemas.ts';

type Row = Awaited<ReturnType<typeof listInteractionRows>>[number];

function toInteraction(row: Row): Interaction {
  return {
    id: row.id,
    contactId: row.contact_id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    summary: row.summary,
    createdAt: row.created_at,
    createdBy: refOf(row.created_by, row.created_by_name),
  };
}

/** Logs a touch; the contact's last touch becomes its latest interaction, in the same transaction. */
export async function logInteraction(
  deps: Deps,
  actor: Actor,
  contactId: string,
  input: LogInteraction,
): Promise<Interaction> {
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const problem = occurredAtProblem(occurredAt, now);
  if (problem) throw fieldError('occurredAt', problem);
  const id = newId();
  return inTransaction(deps.db, async (trx) => {
    if (!(await lockContactForTouch(trx, actor.practiceId, contactId)))
      throw notFound('The contact');
    await insertInteractionRow(trx, {
      practice_id: actor.practiceId,
      id,
      contact_id: contactId,
      kind: input.kind,
      occurred_at: toTimestamp(occurredAt),
      summary: input.summary ?? null,
      created_by: actor.userId,
      created_at: toTimestamp(now),
    });
    await refreshLastTouch(trx, actor.practiceId, contactId);
    const [row] = await listInteractionRows(trx, actor.practiceId, { id });
    if (!row) throw new AppError('internal', 'The interaction vanished while being saved.');
    return toInteraction(row);
  });
}

export async function listInteractions(
  deps: Deps,
  actor: Actor,
  contactId: string,
): Promise<Interaction[]> {
  return inTransaction(deps.db, async (trx) => {
    if (!(await findContactRow(trx, actor.practiceId, contactId))) throw notFound('The contact');
    return (await listInteractionRows(trx, actor.practiceId, { contactId })).map(toInteraction);
  });
}

/** Deletes a touch; the contact's last touch is recomputed from what is left. */
export async function deleteInteraction(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await findInteractionRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The interaction');
    await lockContactForTouch(trx, actor.practiceId, row.contact_id);
    if ((await deleteInteractionRow(trx, actor.practiceId, id)) === 0)
      throw notFound('The interaction');
    await refreshLastTouch(trx, actor.practiceId, row.contact_id);
  });
}
