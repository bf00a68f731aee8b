import { type Selectable, sql } from 'kysely';
import { isPostgres, type Queryable } from '../platform/db.ts';
import type { ImportBatchTable, ImportProblemTable, ImportStatus } from './import.tables.ts';
import type { OpenBytes } from './import-file.ts';

export type ImportBatchRow = Selectable<ImportBatchTable> & { created_by_name: string | null };

// ---------------------------------------------------------------------------------------------
// The uploaded bytes

export async function insertChunkRow(
  db: Queryable,
  row: { practice_id: string; import_id: string; seq: number; data: Buffer; created_at: string },
): Promise<void> {
  await db.insertInto('import_chunk').values(row).execute();
}

/** One stored chunk of the file, or null past the last. */
export async function findChunkData(
  db: Queryable,
  practiceId: string,
  importId: string,
  seq: number,
): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('import_chunk')
    .select('data')
    .where('practice_id', '=', practiceId)
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? row.data : null;
}

/** The stored file as a source of its bytes, read a chunk at a time for each pass. */
export function chunkSource(db: Queryable, practiceId: string, importId: string): OpenBytes {
  return async function* () {
    for (let seq = 0; ; seq++) {
      const data = await findChunkData(db, practiceId, importId, seq);
      if (data === null) return;
      yield data;
    }
  };
}

export async function deleteChunkRows(
  db: Queryable,
  practiceId: string,
  importId: string,
): Promise<void> {
  await db
    .deleteFrom('import_chunk')
    .where('practice_id', '=', practiceId)
    .where('import_id', '=', importId)
    .execute();
}

/**
 * Chunks written before `before` whose upload never became an import (its server died while the
 * body streamed in): client data must not linger.
 */
export async function deleteOrphanChunkRows(db: Queryable, before: string): Promise<number> {
  const result = await db
    .deleteFrom('import_chunk')
    .where('created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('import_batch')
            .select('import_batch.id')
            .whereRef('import_batch.practice_id', '=', 'import_chunk.practice_id')
            .whereRef('import_batch.id', '=', 'import_chunk.import_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Imports uploaded but never started, older than `before`, of every practice: their stored
 * files and the imports themselves go (a preview left open for a day keeps no client data).
 */
export async function deleteStaleUploads(db: Queryable, before: string): Promise<number> {
  await db
    .deleteFrom('import_chunk')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('import_batch')
          .select('import_batch.id')
          .whereRef('import_batch.practice_id', '=', 'import_chunk.practice_id')
          .whereRef('import_batch.id', '=', 'import_chunk.import_id')
          .where('import_batch.status', '=', 'uploaded')
          .where('import_batch.created_at', '<', before),
      ),
    )
    .execute();
  const result = await db
    .deleteFrom('import_batch')
    .where('status', '=', 'uploaded')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Batches

export async function insertBatchRow(
  db: Queryable,
  row: Omit<Selectable<ImportBatchTable>, 'created_by_name'>,
): Promise<void> {
  await db.insertInto('import_batch').values(row).execute();
}

function selectBatches(db: Queryable, practiceId: string) {
  return db
    .selectFrom('import_batch')
    .leftJoin('auth_user', 'auth_user.id', 'import_batch.created_by')
    .selectAll('import_batch')
    .select('auth_user.name as created_by_name')
    .where('import_batch.practice_id', '=', practiceId);
}

export async function findBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
): Promise<ImportBatchRow | undefined> {
  return selectBatches(db, practiceId).where('import_batch.id', '=', importId).executeTakeFirst();
}

/** A page of the practice's imports, newest first, after the cursor's (created_at, id). */
export async function listBatchRows(
  db: Queryable,
  practiceId: string,
  limit: number,
  after: { createdAt: string; id: string } | null,
): Promise<ImportBatchRow[]> {
  let q = selectBatches(db, practiceId);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('import_batch.created_at', '<', after.createdAt),
        eb.and([
          eb('import_batch.created_at', '=', after.createdAt),
          eb('import_batch.id', '<', after.id),
        ]),
      ]),
    );
  return q
    .orderBy('import_batch.created_at', 'desc')
    .orderBy('import_batch.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Moves an import from one status to the next only when it is still in `from` (a conditional
 * UPDATE: of two requests at once, one wins), with the other columns given. Answers whether it
 * moved.
 */
export async function moveBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
  from: readonly ImportStatus[],
  changes: Partial<Omit<Selectable<ImportBatchTable>, 'practice_id' | 'id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes over an undo that ended with its server: the import is `undone` without a result and
 * no undo has touched it since `staleBefore`. Answers whether this caller got it.
 */
export async function reclaimUndoRow(
  db: Queryable,
  practiceId: string,
  importId: string,
  staleBefore: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set({ updated_at: now })
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where('status', '=', 'undone')
    .where('undo', 'is', null)
    .where('updated_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Ends a run: the import takes `changes` (its final status) only while `runner` still holds it.
 * Answers whether it did.
 */
export async function finishBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
  runner: string,
  changes: Partial<Omit<Selectable<ImportBatchTable>, 'practice_id' | 'id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set({ ...changes, runner: null })
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an import that never started (its chunks are deleted by the caller). */
export async function deleteUploadedBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('import_batch')
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where('status', '=', 'uploaded')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Takes an import to run: a queued one, or a running one whose runner fell silent before
 * `staleBefore` (its server died; it resumes from `rows_done`). Answers whether it is ours.
 */
export async function claimBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
  runner: string,
  now: string,
  staleBefore: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set((eb) => ({
      status: 'running',
      runner,
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
      updated_at: now,
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type BatchProgress = {
  rows: number;
  created: number;
  merged: number;
  skipped: number;
  invalid: number;
};

/**
 * Adds a batch's rows and counts to the import, in the batch's own transaction, while `runner`
 * still holds it. Answers false when another runner took it over (the batch must roll back).
 */
export async function advanceBatchRow(
  db: Queryable,
  practiceId: string,
  importId: string,
  runner: string,
  progress: BatchProgress,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set((eb) => ({
      rows_done: eb('rows_done', '+', progress.rows),
      created_count: eb('created_count', '+', progress.created),
      merged_count: eb('merged_count', '+', progress.merged),
      skipped_count: eb('skipped_count', '+', progress.skipped),
      invalid_count: eb('invalid_count', '+', progress.invalid),
      updated_at: now,
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .where('runner', '=', runner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Imports a worker should run: queued ones, and running ones silent since `staleBefore`. */
export async function listRunnableBatches(
  db: Queryable,
  staleBefore: string,
  limit: number,
): Promise<{ practice_id: string; id: string }[]> {
  return db
    .selectFrom('import_batch')
    .select(['practice_id', 'id'])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Invalid rows

export async function insertProblemRows(
  db: Queryable,
  rows: readonly ImportProblemTable[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('import_problem')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A page of an import's invalid rows by line, after `afterLine`. */
export async function listProblemRows(
  db: Queryable,
  practiceId: string,
  importId: string,
  afterLine: number | null,
  limit: number,
) {
  let q = db
    .selectFrom('import_problem')
    .select(['line', 'reason'])
    .where('practice_id', '=', practiceId)
    .where('import_id', '=', importId);
  if (afterLine !== null) q = q.where('line', '>', afterLine);
  return q.orderBy('line').limit(limit).execute();
}

// ---------------------------------------------------------------------------------------------
// Contacts, as an import sees them

/** What duplicate detection and "fill" read of a contact. */
export type KnownContact = {
  id: string;
  name: string;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  phone_key: string | null;
  organization: string | null;
  notes: string | null;
  honorific: string | null;
  given_name: string | null;
  family_name: string | null;
  suffix: string | null;
};

const knownColumns = [
  'id',
  'name',
  'email',
  'email_key',
  'phone',
  'phone_key',
  'organization',
  'notes',
  'honorific',
  'given_name',
  'family_name',
  'suffix',
] as const;

/**
 * The practice's contacts having any of these email or phone keys, oldest first: one query per
 * kind of key and batch, each on its own index (a single query with OR and an ORDER BY was
 * planned as a walk over all the practice's contacts, quadratic over an import).
 */
export async function findContactsByKeys(
  db: Queryable,
  practiceId: string,
  emailKeys: readonly string[],
  phoneKeys: readonly string[],
): Promise<KnownContact[]> {
  const byKey = (column: 'email_key' | 'phone_key', keys: readonly string[]) =>
    keys.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('contact')
          .select([...knownColumns, 'created_at'])
          .where('practice_id', '=', practiceId)
          // One parameter holding every key (an array; SQLite: a JSON list), so that the
          // statement is the same whatever the count: parsed, planned and cached once.
          .where(
            isPostgres(db)
              ? sql<boolean>`${sql.ref(column)} = any(${[...keys]}::text[])`
              : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(keys)}))`,
          )
          .execute();
  const found = new Map<string, KnownContact & { created_at: string }>();
  // Both at once on PostgreSQL's pool (a transaction, or SQLite, runs them one after the other).
  const [byEmail, byPhone] = await Promise.all([
    byKey('email_key', emailKeys),
    byKey('phone_key', phoneKeys),
  ]);
  for (const row of [...byEmail, ...byPhone]) found.set(row.id, row);
  return [...found.values()]
    .sort((x, y) =>
      x.created_at === y.created_at
        ? x.id.localeCompare(y.id)
        : x.created_at.localeCompare(y.created_at),
    )
    .map(({ created_at: _, ...known }) => known);
}

/**
 * These contacts again inside the batch's transaction, held (PostgreSQL) against a concurrent
 * edit until the fill is written: "fill" must see what the practice typed last.
 */
export async function lockContactsById(
  db: Queryable,
  practiceId: string,
  ids: readonly string[],
): Promise<KnownContact[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('contact')
    .select(knownColumns)
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...ids]);
  if (db.isTransaction && isPostgres(db)) q = q.forNoKeyUpdate();
  return q.execute();
}

/**
 * Fresh planner statistics for the contacts an import looks up and fills, and their stage
 * history (PostgreSQL): batched inserts into a fresh practice were measured to go quadratic
 * until the planner knows the tables grew.
 */
export async function analyzeContactTables(db: Queryable): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`analyze contact, stage_change`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// Undo

/** A page of the contacts an import created, by id, locked (PostgreSQL) for their deletion. */
export async function lockImportedContacts(
  db: Queryable,
  practiceId: string,
  importId: string,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; created_at: string; updated_at: string }[]> {
  let q = db
    .selectFrom('contact')
    .select(['id', 'created_at', 'updated_at'])
    .where('practice_id', '=', practiceId)
    .where('import_id', '=', importId);
  if (afterId !== null) q = q.where('id', '>', afterId);
  q = q.orderBy('id').limit(limit);
  if (db.isTransaction && isPostgres(db)) q = q.forUpdate();
  return q.execute();
}

/**
 * Which of these contacts something points at: a referral (either side), a referral given
 * (either side), an interaction, a moment, an ask, a commitment, an incentive, a message (to,
 * copied or about them), a survey, a referral link, an agenda mark.
 */
export async function listContactsWithHistory(
  db: Queryable,
  practiceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (ids.length === 0) return found;
  const list = [...ids];
  const pointers = [
    ['referral', 'referrer_id'],
    ['referral', 'referred_id'],
    ['referral_given', 'person_id'],
    ['referral_given', 'partner_id'],
    ['interaction', 'contact_id'],
    ['moment', 'contact_id'],
    ['ask', 'contact_id'],
    ['commitment', 'contact_id'],
    ['incentive', 'recipient_contact_id'],
    ['message', 'recipient_contact_id'],
    ['message', 'cc_contact_id'],
    ['message', 'subject_id'],
    ['survey_recipient', 'contact_id'],
    ['referral_link', 'contact_id'],
  ] as const;
  for (const [table, column] of pointers) {
    const rows = await sql<{ id: string }>`
      select distinct ${sql.ref(column)} as id from ${sql.table(table)}
       where practice_id = ${practiceId} and ${sql.ref(column)} in (${sql.join(list)})`.execute(db);
    for (const r of rows.rows) found.add(r.id);
  }
  // An agenda mark names its subject inside its key (kind:subjectId[:version]).
  const marks = await db
    .selectFrom('agenda_mark')
    .select('item_key')
    .where('practice_id', '=', practiceId)
    .execute();
  const wanted = new Set(list);
  for (const m of marks)
    for (const part of m.item_key.split(':')) if (wanted.has(part)) found.add(part);
  return found;
}
