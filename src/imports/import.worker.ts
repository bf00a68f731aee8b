import {
  findContactRowByEmail,
  insertContactRows,
  insertMembershipRows,
  type NewContactRow,
  updateContactRow,
} from '../contacts/contact.repository.ts';
import { normalizeRoles, stageRank, textKey } from '../contacts/contact.rules.ts';
import { listCircleRows } from '../network/circle.repository.ts';
import { findGroupRows } from '../network/group.repository.ts';
import { createGroup, groupNameKey } from '../network/group.service.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { toTimestamp } from '../platform/clock.ts';
import {
  type Db,
  inRedoableTransaction,
  inTransaction,
  type Tx,
  withBulkWrites,
} from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import { limits } from '../platform/fields.ts';
import { newId } from '../platform/ids.ts';
import { startJobQueue } from '../platform/job-queue.ts';
import { startPollLoop } from '../platform/poll-loop.ts';
import {
  advanceBatchRow,
  analyzeContactTables,
  type BatchProgress,
  chunkSource,
  claimBatchRow,
  deleteChunkRows,
  deleteOrphanChunkRows,
  deleteStaleUploads,
  findBatchRow,
  findContactsByKeys,
  finishBatchRow,
  insertProblemRows,
  type KnownContact,
  listRunnableBatches,
  lockContactsById,
} from './import.repository.ts';
import {
  batchSizes,
  fillChanges,
  type ImportOptions,
  keysOf,
  knownBySlot,
  notesOf,
  outcomeOf,
  rememberRecord,
} from './import.rules.ts';
import {
  type ColumnMapping,
  type ContactCandidate,
  type FileShape,
  type ImportRecord,
  readRecords,
} from './import-file.ts';

const queueName = 'import.run';
/** A running import whose runner wrote nothing for this long lost its server: it resumes. */
const staleMs = 2 * 60_000;
/** An import uploaded but never started is discarded (its file with it) after this long. */
const staleUploadMs = 24 * 60 * 60_000;
/** Chunks of an upload that never became an import are deleted after this long. */
const orphanMs = 60 * 60_000;
/**
 * The batch after which PostgreSQL's statistics are refreshed, once: with none for the new rows
 * its plans for the next batches go quadratic; each ANALYZE costs a quarter of a second.
 */
const analyzeAfterBatch = 2;

/** Records read between two turns given to the server's other work. */
const yieldEvery = 20;

/**
 * Lets the event loop serve what waits (requests) before going on: the parser and the batches
 * run without ever reaching it otherwise, and the server would stall for a whole import.
 */
const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Wakes the import worker of this database after a start (set by a running worker). */
const wakers = new WeakMap<Db, () => void>();

export function wakeImports(db: Db): void {
  wakers.get(db)?.();
}

/** What a run needs of the server's dependencies. */
export type ImportDeps = Pick<Deps, 'db' | 'dialect' | 'clock' | 'config'>;

export type ImportProgress = { rowsDone: number; rowsTotal: number };

/** Another runner took the import over: this one's batch rolls back and it stops. */
class LostClaim extends Error {}

type RunState = {
  practiceId: string;
  importId: string;
  runner: string;
  createdBy: string | null;
  options: ImportOptions;
  /** The records met so far, by key: a later record with one of their keys is a repeat. */
  seen: Set<string>;
  /** The practice's circles by name key (labels become circles). */
  circles: Map<string, string>;
  batches: number;
};

type RunOptions = {
  clock?: Clock;
  onProgress?: (progress: ImportProgress) => void;
  /** Asked between batches: true hands the import back to the queue (a server stopping). */
  isStopping?: () => boolean;
};

/**
 * Runs an import (issue 13 point 5): claims it (queued, or running but silent: a resumed
 * run skips the `rows_done` records already handled), reads its stored chunks through the file
 * reader and writes a batch of records per transaction, which also advances the progress and
 * the counts. Then `done` (or `failed`, with why), the chunks deleted and the end audited.
 * Answers what became of it; `skipped` when it was not this runner's to run.
 */
export async function runImport(
  deps: ImportDeps,
  practiceId: string,
  importId: string,
  options: RunOptions = {},
): Promise<'done' | 'failed' | 'skipped'> {
  const clock = options.clock ?? deps.clock;
  const now = () => toTimestamp(clock.now());
  const runner = newId();
  const staleBefore = toTimestamp(new Date(clock.now().getTime() - staleMs));
  if (!(await claimBatchRow(deps.db, practiceId, importId, runner, now(), staleBefore)))
    return 'skipped';
  const row = await findBatchRow(deps.db, practiceId, importId);
  if (!row?.options) return 'skipped';
  const state: RunState = {
    practiceId,
    importId,
    runner,
    createdBy: row.created_by,
    options: await withReferencesThatExist(deps, practiceId, JSON.parse(row.options)),
    seen: new Set(),
    circles: await circlesByName(deps, practiceId),
    batches: 0,
  };
  const shape = JSON.parse(row.shape) as FileShape;
  const mapping = JSON.parse(row.mapping) as ColumnMapping;
  let rowsDone = row.rows_done;
  // PostgreSQL: a batch is written while the next one is read and parsed (the writes wait on
  // the server, not on this process); one batch in flight at a time, so their order holds.
  // SQLite's calls are synchronous: nothing would overlap.
  const overlaps = deps.dialect === 'postgres';
  const batchSize = batchSizes[deps.dialect];
  const flight: { current: Promise<void> | null } = { current: null };
  const settle = async () => {
    const pending = flight.current;
    flight.current = null;
    if (pending) await pending;
  };
  // SQLite checkpoints its WAL less often while the batches run.
  return withBulkWrites(deps.db, async () => {
    try {
      let index = 0;
      let batch: ImportRecord[] = [];
      const write = async () => {
        const records = batch;
        batch = [];
        await settle();
        const written = (async () => {
          await giveWay();
          await writeBatch(deps, clock, state, records);
          rowsDone += records.length;
          options.onProgress?.({ rowsDone, rowsTotal: row.rows_total });
        })();
        if (!overlaps) return written;
        // Its failure is met at the next settle(); until then it must not count as unhandled.
        written.catch(() => {});
        flight.current = written;
      };
      for await (const record of readRecords(
        chunkSource(deps.db, practiceId, importId),
        shape,
        mapping,
      )) {
        // Handled before a restart: only remembered, so that repeats are found as before.
        if (index++ < row.rows_done) {
          if ('candidate' in record) rememberRecord(state.seen, record);
          continue;
        }
        batch.push(record);
        if (batch.length % yieldEvery === 0) await giveWay();
        if (batch.length >= batchSize) {
          await write();
          if (options.isStopping?.()) {
            await settle();
            await finishBatchRow(deps.db, practiceId, importId, runner, {
              status: 'queued',
              updated_at: now(),
            });
            return 'skipped';
          }
        }
      }
      if (batch.length > 0) await write();
      await settle();
      return await finish(deps, clock, state, { status: 'done', error: null });
    } catch (error) {
      // A batch still being written ends before the import's end is recorded.
      await flight.current?.catch(() => {});
      if (error instanceof LostClaim) return 'skipped';
      const message =
        error instanceof AppError
          ? error.message
          : 'The import stopped on an unexpected error (it has been logged); the rows done before it stay imported.';
      if (!(error instanceof AppError) && deps.config.log !== 'silent')
        console.error(`[vouch] import ${importId} failed:`, error);
      return await finish(deps, clock, state, { status: 'failed', error: message });
    }
  });
}

/** The default circles and category that still exist (one may be deleted since the start). */
async function withReferencesThatExist(
  deps: ImportDeps,
  practiceId: string,
  options: ImportOptions,
): Promise<ImportOptions> {
  const { categoryId, circleIds } = options.defaults;
  const circles = await findGroupRows(deps.db, 'circle', practiceId, circleIds);
  const category = categoryId
    ? await findGroupRows(deps.db, 'category', practiceId, [categoryId])
    : [];
  return {
    ...options,
    defaults: {
      ...options.defaults,
      circleIds: circleIds.filter((id) => circles.some((c) => c.id === id)),
      categoryId: category.length > 0 ? categoryId : null,
    },
  };
}

async function circlesByName(deps: ImportDeps, practiceId: string): Promise<Map<string, string>> {
  const rows = await listCircleRows(deps.db, practiceId);
  return new Map(rows.map((c) => [c.name_key, c.id]));
}

/** Circles for the labels of new contacts: found by name (case-insensitive), else made once. */
async function ensureCircles(deps: ImportDeps, clock: Clock, state: RunState, labels: Set<string>) {
  for (const label of labels) {
    if (label.length > limits.name || state.circles.has(groupNameKey(label))) continue;
    try {
      const made = await createGroup({ db: deps.db, clock }, 'circle', state.practiceId, label);
      state.circles.set(groupNameKey(label), made.id);
    } catch (error) {
      // Made by someone else at this moment: theirs is the one.
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      state.circles = await circlesByName(deps, state.practiceId);
    }
  }
}

/** A new contact from a record, with the run's defaults. */
function contactRowOf(
  state: RunState,
  candidate: ContactCandidate,
  at: string,
): NewContactRow & { id: string } {
  const { defaults } = state.options;
  const email = candidate.emails[0] ?? null;
  const parts = [candidate.honorific, candidate.givenName, candidate.familyName, candidate.suffix];
  return {
    practice_id: state.practiceId,
    id: newId(),
    name: candidate.name,
    name_key: textKey(candidate.name),
    // Without parts of its own, the name is split as a contact's typed name is.
    ...(parts.some((p) => p !== null)
      ? {
          honorific: candidate.honorific,
          given_name: candidate.givenName,
          family_name: candidate.familyName,
          suffix: candidate.suffix,
        }
      : {}),
    email,
    email_key: email === null ? null : textKey(email),
    phone: candidate.phones[0] ?? null,
    organization: candidate.organization,
    organization_key: candidate.organization === null ? null : textKey(candidate.organization),
    category_id: defaults.categoryId,
    stage: defaults.stage,
    stage_rank: stageRank(defaults.stage),
    met_where: null,
    met_how: null,
    email_consent: defaults.emailConsent,
    do_not_ask: false,
    notes: notesOf(candidate),
    last_touch_at: null,
    keep_in_touch_days: null,
    is_treating_provider: false,
    import_id: state.importId,
    created_at: at,
    updated_at: at,
  };
}

/**
 * One batch: what each record is (invalid, a repeat within the file, a duplicate of a contact,
 * new; one query for the duplicates), the circles its labels need, then ONE transaction that
 * inserts the new contacts (multi-row, with roles, circles and first stage), fills the
 * duplicates' empty fields (`fill`), records the invalid rows and advances the progress.
 */
async function writeBatch(
  deps: ImportDeps,
  clock: Clock,
  state: RunState,
  records: readonly ImportRecord[],
): Promise<void> {
  // Each record's keys, worked out once for the lookup, its outcome and the memory of the file.
  const keyed = records.map((r) => ({
    record: r,
    keys: 'candidate' in r ? keysOf(r.candidate) : null,
  }));
  const emailKeys = new Set<string>();
  const phoneKeys = new Set<string>();
  for (const { keys } of keyed) {
    if (keys === null) continue;
    for (const k of keys.emails) emailKeys.add(k);
    for (const k of keys.phones) phoneKeys.add(k);
  }
  const known = knownBySlot(
    await findContactsByKeys(deps.db, state.practiceId, [...emailKeys], [...phoneKeys]),
  );
  const news: ContactCandidate[] = [];
  const duplicates: { contactId: string; candidate: ContactCandidate }[] = [];
  const problems: { line: number; reason: string }[] = [];
  let repeats = 0;
  for (const { record, keys } of keyed) {
    const outcome = outcomeOf(record, state.seen, known, keys ?? undefined);
    if ('candidate' in record && keys) rememberRecord(state.seen, record, keys);
    if (outcome.kind === 'invalid') problems.push({ line: record.line, reason: outcome.reason });
    else if (outcome.kind === 'repeat') repeats += 1;
    else if ('candidate' in record) {
      if (outcome.kind === 'new') news.push(record.candidate);
      else duplicates.push({ contactId: outcome.contact.id, candidate: record.candidate });
    }
  }
  await ensureCircles(deps, clock, state, new Set(news.flatMap((c) => c.labels)));

  await giveWay();
  const at = toTimestamp(clock.now());
  // Lost to a power cut, a batch is done again: the progress it advances is lost with it.
  await inRedoableTransaction(deps.db, async (trx) => {
    const created = await insertNewContacts(trx, state, news, at);
    const merged =
      state.options.duplicates === 'fill' ? await fillDuplicates(trx, state, duplicates, at) : 0;
    await insertProblemRows(
      trx,
      problems.map((p) => ({
        practice_id: state.practiceId,
        import_id: state.importId,
        line: p.line,
        reason: p.reason,
      })),
    );
    const progress: BatchProgress = {
      rows: records.length,
      created,
      merged,
      // Duplicates not merged, repeats, and new rows whose email another writer took meanwhile.
      skipped: repeats + (duplicates.length - merged) + (news.length - created),
      invalid: problems.length,
    };
    if (!(await advanceBatchRow(trx, state.practiceId, state.importId, state.runner, progress, at)))
      throw new LostClaim();
  });
  state.batches += 1;
  if (state.batches === analyzeAfterBatch) await analyzeContactTables(deps.db);
}

/** Inserts the new contacts and their roles, circles and first stage; answers how many. */
async function insertNewContacts(
  trx: Tx,
  state: RunState,
  candidates: readonly ContactCandidate[],
  at: string,
): Promise<number> {
  if (candidates.length === 0) return 0;
  const { defaults } = state.options;
  const rows = candidates.map((c) => ({ candidate: c, row: contactRowOf(state, c, at) }));
  const made = await insertContactRows(
    trx,
    rows.map((r) => r.row),
  );
  const roles = normalizeRoles(defaults.roles);
  const memberships = {
    roles: [] as { practice_id: string; contact_id: string; role: (typeof roles)[number] }[],
    circles: [] as { practice_id: string; contact_id: string; circle_id: string }[],
    stageChanges: [] as {
      practice_id: string;
      id: string;
      contact_id: string;
      from_stage: null;
      to_stage: typeof defaults.stage;
      changed_at: string;
      changed_by: string | null;
      reason: null;
    }[],
  };
  for (const { candidate, row } of rows) {
    if (!made.has(row.id)) continue;
    const base = { practice_id: state.practiceId, contact_id: row.id };
    for (const role of roles) memberships.roles.push({ ...base, role });
    const circleIds = new Set(defaults.circleIds);
    for (const label of candidate.labels) {
      const id = state.circles.get(groupNameKey(label));
      if (id) circleIds.add(id);
    }
    for (const circleId of circleIds) memberships.circles.push({ ...base, circle_id: circleId });
    memberships.stageChanges.push({
      ...base,
      id: newId(),
      from_stage: null,
      to_stage: defaults.stage,
      changed_at: at,
      changed_by: state.createdBy,
      reason: null,
    });
  }
  await insertMembershipRows(trx, memberships);
  return made.size;
}

/**
 * `fill`: each duplicate's contact, read again under its lock, gets what it lacks from the
 * record; never anything over what is there. Answers how many duplicates were merged.
 */
async function fillDuplicates(
  trx: Tx,
  state: RunState,
  duplicates: readonly { contactId: string; candidate: ContactCandidate }[],
  at: string,
): Promise<number> {
  const ids = [...new Set(duplicates.map((d) => d.contactId))];
  const fresh = new Map<string, KnownContact>(
    (await lockContactsById(trx, state.practiceId, ids)).map((c) => [c.id, c]),
  );
  let merged = 0;
  for (const { contactId, candidate } of duplicates) {
    const contact = fresh.get(contactId);
    if (!contact) continue; // erased meanwhile: nothing to merge into
    const changes = fillChanges(contact, candidate);
    // An email another contact took since the lookup stays theirs (emails are unique).
    if (
      changes?.email &&
      (await findContactRowByEmail(trx, state.practiceId, textKey(changes.email)))
    )
      delete changes.email;
    // A contact that lacks nothing the row has is not merged: the row counts as skipped.
    if (!changes || Object.keys(changes).length === 0) continue;
    merged += 1;
    Object.assign(contact, changes);
    await updateContactRow(trx, state.practiceId, contactId, {
      ...changes,
      ...(changes.email === undefined ? {} : { email_key: textKey(changes.email ?? '') }),
      ...(changes.organization === undefined
        ? {}
        : { organization_key: textKey(changes.organization ?? '') }),
      updated_at: at,
    });
  }
  return merged;
}

/** Ends the run: its status, the chunks deleted (client data must not linger), audited. */
async function finish(
  deps: ImportDeps,
  clock: Clock,
  state: RunState,
  end: { status: 'done' | 'failed'; error: string | null },
): Promise<'done' | 'failed' | 'skipped'> {
  const at = toTimestamp(clock.now());
  return inTransaction(deps.db, async (trx) => {
    const ended = await finishBatchRow(trx, state.practiceId, state.importId, state.runner, {
      status: end.status,
      error: end.error,
      finished_at: at,
      updated_at: at,
    });
    if (!ended) return 'skipped';
    await deleteChunkRows(trx, state.practiceId, state.importId);
    const row = await findBatchRow(trx, state.practiceId, state.importId);
    await recordAudit(trx, clock, {
      practiceId: state.practiceId,
      userId: state.createdBy,
      action: end.status === 'done' ? 'import.finished' : 'import.failed',
      subjectType: 'import',
      subjectId: state.importId,
      // Counts only: no names or file contents in the audit log.
      detail: {
        rows: row?.rows_done ?? 0,
        created: row?.created_count ?? 0,
        merged: row?.merged_count ?? 0,
        skipped: row?.skipped_count ?? 0,
        invalid: row?.invalid_count ?? 0,
      },
    });
    return end.status;
  });
}

export type ImportWorker = {
  /** Runs one pass now (SQLite: runs what is waiting, to the end; PostgreSQL: enqueues it). */
  drain: () => Promise<void>;
  /** Stops the loop (and pg-boss) and waits for the run in flight. */
  close: () => Promise<void>;
};

export type ImportWorkerOptions = { clock?: Clock; pollMs?: number };

/**
 * The import worker, on the outbox's pattern (outbox.worker.ts). SQLite: an in-process loop
 * that runs waiting imports one after another. PostgreSQL: pg-boss jobs (`import.run`,
 * singleton key = import id), so any server runs them; the loop only enqueues what waits.
 * Each pass also deletes the chunks of uploads that never became an import.
 */
export async function startImportWorker(
  deps: Deps,
  options: ImportWorkerOptions = {},
): Promise<ImportWorker> {
  const clock = options.clock ?? deps.clock;
  const pollMs = options.pollMs ?? 5_000;
  let stopped = false;
  let bossWorker: string | null = null;
  // Both run imports in this process, reading and judging records between requests. SQLite: a
  // batch's writes and commit hold the event loop (batchSizes keeps that short), and no import
  // transaction stays open across a turn of it. A worker thread ran them before: as fast without
  // a second client, but its copy of the code took the server past its 200 MB (233-238 MB,
  // against 180-191 MB in process). PostgreSQL: the next batch is read while one is written.
  let boss = await startJobQueue(deps, 'import', 2);
  if (boss) {
    // `stately` + singleton key: at most one waiting and one running job per import. A job left
    // active by a server that died holds its key until it expires (10 minutes): then the silent
    // import is queued again and resumes; a live runner is never silent that long (staleMs).
    await boss
      .createQueue(queueName, { policy: 'stately', retryLimit: 0, expireInSeconds: 600 })
      .catch(() => {});
    bossWorker = await boss.work<{ practiceId: string; id: string }>(
      queueName,
      { pollingIntervalSeconds: Math.max(0.5, pollMs / 1000), batchSize: 1 },
      async ([job]) => {
        if (!job) return;
        await runImport(deps, job.data.practiceId, job.data.id, {
          clock,
          isStopping: () => stopped,
        });
      },
    );
  }

  const pass = async () => {
    const now = clock.now().getTime();
    await deleteOrphanChunkRows(deps.db, toTimestamp(new Date(now - orphanMs)));
    await inTransaction(deps.db, (trx) =>
      deleteStaleUploads(trx, toTimestamp(new Date(now - staleUploadMs))),
    );
    const waiting = await listRunnableBatches(deps.db, toTimestamp(new Date(now - staleMs)), 10);
    for (const w of waiting) {
      if (stopped) return;
      if (boss) {
        await boss.send(
          queueName,
          { practiceId: w.practice_id, id: w.id },
          { singletonKey: w.id, retryLimit: 0 },
        );
        // Else the job waits for pg-boss's next poll (pollMs: 5 s by default) before it starts.
        if (bossWorker) boss.notifyWorker(bossWorker);
      } else await runImport(deps, w.practice_id, w.id, { clock, isStopping: () => stopped });
    }
  };
  const loop = startPollLoop(pass, {
    pollMs,
    onError: (error) => {
      if (deps.config.log !== 'silent') console.error('[vouch] imports:', error);
    },
  });
  wakers.set(deps.db, loop.wake);

  return {
    drain: loop.drain,
    close: async () => {
      stopped = true;
      wakers.delete(deps.db);
      await loop.stop();
      if (boss) await boss.stop({ graceful: true, timeout: 5_000 });
      boss = null;
    },
  };
}
