import { deleteContactRows } from '../contacts/contact.repository.ts';
import { normalizeRoles } from '../contacts/contact.rules.ts';
import { findGroupRows } from '../network/group.repository.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { csvRows, decodeText } from './csv-read.ts';
import {
  chunkSource,
  deleteChunkRows,
  deleteUploadedBatchRow,
  findBatchRow,
  findContactsByKeys,
  type ImportBatchRow,
  insertBatchRow,
  insertChunkRow,
  listBatchRows,
  listContactsWithHistory,
  listProblemRows,
  lockImportedContacts,
  moveBatchRow,
  reclaimUndoRow,
} from './import.repository.ts';
import {
  type ImportOptions,
  keysOf,
  knownBySlot,
  outcomeOf,
  rememberRecord,
  rowsPerSecond,
  type SeenRecord,
  type UndoResult,
  undoResult,
} from './import.rules.ts';
import type { Import, ImportPreview, StartImport, UploadedImport } from './import.schemas.ts';
import { wakeImports } from './import.worker.ts';
import { suggestMapping } from './import-columns.rules.ts';
import {
  type ColumnMapping,
  type FileShape,
  type ImportFormat,
  type ImportRecord,
  inspectFile,
  mappingProblem,
  type OpenBytes,
  readRecords,
} from './import-file.ts';

/** Who imports: a signed-in user, or `vouch import` on the command line (no user). */
export type Importer = Pick<Actor, 'practiceId'> & { userId: string | null };

/** Bytes per stored chunk of an upload. */
const chunkBytes = 256 * 1024;
/** Records shown in a preview. */
const previewRows = 10;
/** Contacts per transaction when an import is undone. */
const undoBatch = 500;
/** An undo that has not removed a page for this long ended with its server: it may be resumed. */
const undoStaleMs = 2 * 60_000;

function toImport(row: ImportBatchRow, now: Date): Import {
  const shape = JSON.parse(row.shape) as FileShape;
  const mapping = shape.kind === 'csv' ? (JSON.parse(row.mapping) as ColumnMapping) : [];
  const rowsDone = Number(row.rows_done);
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    rowsTotal: Number(row.rows_total),
    rowsDone,
    perSecond: rowsPerSecond(row.status, rowsDone, row.started_at, now),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdBy:
      row.created_by && row.created_by_name
        ? { id: row.created_by, name: row.created_by_name }
        : null,
    headers: shape.kind === 'csv' ? shape.headers : [],
    mapping,
    mappingProblem: shape.kind === 'csv' ? mappingProblem(mapping) : null,
    summary: {
      created: Number(row.created_count),
      merged: Number(row.merged_count),
      skipped: Number(row.skipped_count),
      invalid: Number(row.invalid_count),
    },
    undo: row.undo === null ? null : (JSON.parse(row.undo) as UndoResult),
    error: row.error,
    createdAt: row.created_at,
  };
}

async function requireBatch(db: Queryable, practiceId: string, importId: string) {
  const row = await findBatchRow(db, practiceId, importId);
  if (!row) throw notFound('The import');
  return row;
}

const wrongStatus = (status: string, what: string) =>
  new AppError('conflict', `This import is ${status}: ${what}`);

/** A file name as shown: no folders, no control characters, at most 255 characters. */
function plainFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const plain = base
    .replace(/\p{Cc}+/gu, ' ')
    .trim()
    .slice(0, 255);
  return plain === '' ? 'contacts' : plain;
}

function tooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 100) / 100;
  const message = `is larger than ${mb} MB, the most this server imports at once (VOUCH_IMPORT_MAX_MB). Split the file in parts, or ask the operator to raise the limit.`;
  return new AppError('payload_too_large', `file: ${message}`, [{ field: 'file', message }]);
}

/**
 * Streams the body into ~256 KB chunk rows (never the whole file in memory), refusing it past
 * `maxBytes`. Answers the bytes stored.
 */
async function storeChunks(
  deps: Deps,
  practiceId: string,
  importId: string,
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<number> {
  let seq = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (isLast: boolean) => {
    while (pendingBytes >= chunkBytes || (isLast && pendingBytes > 0)) {
      const all = Buffer.concat(pending, pendingBytes);
      const take = Math.min(chunkBytes, all.length);
      await insertChunkRow(deps.db, {
        practice_id: practiceId,
        import_id: importId,
        seq,
        data: all.subarray(0, take),
        // Each chunk's own time: the orphan sweep must not take a slow upload's first chunks.
        created_at: toTimestamp(deps.clock.now()),
      });
      seq += 1;
      const rest = all.subarray(take);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  };
  for await (const part of body) {
    total += part.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    pending.push(Buffer.from(part));
    pendingBytes += part.byteLength;
    if (pendingBytes >= chunkBytes) await flush(false);
  }
  await flush(true);
  return total;
}

/** A file read as another format than detected: a CSV's columns as Google's, say. */
function asFormat(shape: FileShape, format: ImportFormat): FileShape {
  if (shape.kind === 'vcard' || format === 'vcard') {
    if (shape.format === format) return shape;
    throw fieldError(
      'format',
      `cannot be ${format}: the file is ${shape.kind === 'vcard' ? 'a vCard file' : 'a CSV file'}.`,
      'unprocessable',
    );
  }
  return { ...shape, format, mapping: suggestMapping(shape.headers, format) };
}

/**
 * POST /imports (issue 13 points 1, 8): the body streams into chunk rows (bounded memory, the
 * size limit enforced as it comes), then the file is read once to know what it is. A file that
 * is too large, empty or not a CSV or vCard leaves nothing behind: the chunks are deleted and
 * no import exists, since the import row is written only once the file is known.
 */
export async function uploadImport(
  deps: Deps,
  who: Importer,
  input: {
    fileName: string;
    body: AsyncIterable<Uint8Array>;
    declaredBytes?: number;
    /** The CLI's own limit (a file on the server's disk); else VOUCH_IMPORT_MAX_MB. */
    maxBytes?: number;
    /** The CLI's `--format`: read the CSV as this format's columns, whatever its headers say. */
    format?: ImportFormat;
  },
): Promise<UploadedImport> {
  const maxBytes = input.maxBytes ?? deps.config.importMaxBytes;
  if (input.declaredBytes !== undefined && input.declaredBytes > maxBytes) throw tooLarge(maxBytes);
  const id = newId();
  const { practiceId } = who;
  const source = chunkSource(deps.db, practiceId, id);
  let shape: FileShape;
  try {
    await storeChunks(deps, practiceId, id, input.body, maxBytes);
    shape = await inspectFile(source);
    if (input.format !== undefined) shape = asFormat(shape, input.format);
  } catch (error) {
    await deleteChunkRows(deps.db, practiceId, id);
    throw error;
  }
  const mapping = shape.kind === 'csv' ? shape.mapping : [];
  const at = toTimestamp(deps.clock.now());
  await insertBatchRow(deps.db, {
    practice_id: practiceId,
    id,
    created_by: who.userId,
    file_name: plainFileName(input.fileName),
    format: shape.format,
    status: 'uploaded',
    shape: JSON.stringify(shape),
    mapping: JSON.stringify(mapping),
    options: null,
    rows_total: shape.rows,
    rows_done: 0,
    created_count: 0,
    merged_count: 0,
    skipped_count: 0,
    invalid_count: 0,
    started_at: null,
    finished_at: null,
    error: null,
    undo: null,
    runner: null,
    created_at: at,
    updated_at: at,
  });
  const row = await requireBatch(deps.db, practiceId, id);
  return {
    ...toImport(row, deps.clock.now()),
    preview: await previewOf(deps.db, practiceId, source, shape, mapping),
  };
}

/** The raw cells of the CSV records starting on these lines. */
async function cellsByLine(
  open: OpenBytes,
  shape: Extract<FileShape, { kind: 'csv' }>,
  lines: readonly number[],
): Promise<Map<number, string[]>> {
  const wanted = new Set(lines);
  const last = Math.max(0, ...lines);
  const found = new Map<number, string[]>();
  for await (const row of csvRows(decodeText(open, shape.encoding), shape.delimiter)) {
    if (row.line > last) break;
    if (wanted.has(row.line)) found.set(row.line, row.cells);
  }
  return found;
}

/**
 * The first records and what would become of them (point 3): new, a duplicate (of a contact
 * of the practice, or of an earlier record shown) or invalid, with why. Writes nothing.
 */
async function previewOf(
  db: Queryable,
  practiceId: string,
  open: OpenBytes,
  shape: FileShape,
  mapping: ColumnMapping,
): Promise<ImportPreview> {
  const records: ImportRecord[] = [];
  for await (const record of readRecords(open, shape, mapping)) {
    records.push(record);
    if (records.length >= previewRows) break;
  }
  const emailKeys = new Set<string>();
  const phoneKeys = new Set<string>();
  for (const r of records) {
    if (!('candidate' in r)) continue;
    const keys = keysOf(r.candidate);
    for (const k of keys.emails) emailKeys.add(k);
    for (const k of keys.phones) phoneKeys.add(k);
  }
  const known = knownBySlot(
    await findContactsByKeys(db, practiceId, [...emailKeys], [...phoneKeys]),
  );
  const cells =
    shape.kind === 'csv'
      ? await cellsByLine(
          open,
          shape,
          records.map((r) => r.line),
        )
      : null;
  const seen = new Map<string, SeenRecord>();
  const counts = { new: 0, duplicate: 0, invalid: 0 };
  const rows = records.map((record) => {
    const outcome = outcomeOf(record, seen, known);
    const candidate = 'candidate' in record ? record.candidate : null;
    if (candidate) rememberRecord(seen, { line: record.line, candidate });
    const kind: keyof typeof counts =
      outcome.kind === 'new' ? 'new' : outcome.kind === 'invalid' ? 'invalid' : 'duplicate';
    counts[kind] += 1;
    return {
      line: record.line,
      cells: cells ? (cells.get(record.line) ?? []) : null,
      candidate,
      outcome: kind,
      reason: outcome.kind === 'new' ? null : outcome.reason,
    };
  });
  return { rows, counts, mappingProblem: shape.kind === 'csv' ? mappingProblem(mapping) : null };
}

/** The mapping a request gives (else the one stored), checked against the CSV's columns. */
function mappingFor(shape: FileShape, stored: string, given: ColumnMapping | undefined) {
  if (shape.kind !== 'csv') return [];
  const mapping = given ?? (JSON.parse(stored) as ColumnMapping);
  if (mapping.length !== shape.headers.length)
    throw fieldError(
      'mapping',
      `must give one field per column: the file has ${shape.headers.length} columns, the mapping ${mapping.length} fields.`,
    );
  return mapping;
}

/** POST /imports/{id}/preview: the first rows under this mapping (or the detected one). */
export async function previewImport(
  deps: Deps,
  actor: Importer,
  importId: string,
  input: { mapping?: ColumnMapping | undefined },
): Promise<ImportPreview> {
  const row = await requireBatch(deps.db, actor.practiceId, importId);
  if (row.status !== 'uploaded')
    throw wrongStatus(row.status, 'a preview is only for an import not started yet.');
  const shape = JSON.parse(row.shape) as FileShape;
  const mapping = mappingFor(shape, row.mapping, input.mapping);
  return previewOf(
    deps.db,
    actor.practiceId,
    chunkSource(deps.db, actor.practiceId, importId),
    shape,
    mapping,
  );
}

/** The default circles and category must be this practice's: another's id is a 404. */
async function checkDefaults(
  db: Queryable,
  practiceId: string,
  defaults: ImportOptions['defaults'],
): Promise<void> {
  if (defaults.categoryId) {
    const found = await findGroupRows(db, 'category', practiceId, [defaults.categoryId]);
    if (found.length === 0)
      throw new AppError('not_found', 'defaults.categoryId: no such category in this practice.', [
        { field: 'defaults.categoryId', message: 'No such category in this practice.' },
      ]);
  }
  if (defaults.circleIds.length > 0) {
    const found = await findGroupRows(db, 'circle', practiceId, defaults.circleIds);
    if (found.length !== defaults.circleIds.length)
      throw new AppError('not_found', 'defaults.circleIds: a circle is not in this practice.', [
        {
          field: 'defaults.circleIds',
          message: 'One of these circles does not exist in this practice.',
        },
      ]);
  }
}

/**
 * POST /imports/{id}/start (point 4): the mapping must be able to name a contact; the defaults'
 * circles and category must be the practice's. Queues the import (of two starts at once, one
 * wins; the other is a 409) and wakes the worker.
 */
export async function startImport(
  deps: Deps,
  who: Importer,
  importId: string,
  input: StartImport,
): Promise<Import> {
  const row = await requireBatch(deps.db, who.practiceId, importId);
  if (row.status !== 'uploaded')
    throw wrongStatus(row.status, 'only an uploaded import can start.');
  const shape = JSON.parse(row.shape) as FileShape;
  const mapping = mappingFor(shape, row.mapping, input.mapping);
  const problem = shape.kind === 'csv' ? mappingProblem(mapping) : null;
  if (problem) throw fieldError('mapping', problem, 'unprocessable');
  const d = input.defaults ?? {};
  const options: ImportOptions = {
    duplicates: input.duplicates ?? 'skip',
    defaults: {
      roles: normalizeRoles(d.roles ?? []),
      stage: d.stage ?? 'met',
      circleIds: [...new Set(d.circleIds ?? [])],
      categoryId: d.categoryId ?? null,
      emailConsent: d.emailConsent ?? false,
    },
  };
  await checkDefaults(deps.db, who.practiceId, options.defaults);
  const queued = await moveBatchRow(deps.db, who.practiceId, importId, ['uploaded'], {
    status: 'queued',
    mapping: JSON.stringify(mapping),
    options: JSON.stringify(options),
    updated_at: toTimestamp(deps.clock.now()),
  });
  if (!queued) throw wrongStatus('started already', 'it was started by another request.');
  wakeImports(deps.db);
  return getImport(deps, who, importId);
}

export async function getImport(deps: Deps, who: Importer, importId: string): Promise<Import> {
  return toImport(await requireBatch(deps.db, who.practiceId, importId), deps.clock.now());
}

const encodeCursor = (parts: (string | number)[]) =>
  Buffer.from(JSON.stringify(parts)).toString('base64url');

function decodeCursor(cursor: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // Falls through to the refusal below.
  }
  throw badCursor();
}

const badCursor = () => fieldError('cursor', 'This cursor is not valid; start again without it.');

/** GET /imports: the practice's imports, newest first. */
export async function listImports(
  deps: Deps,
  who: Importer,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: Import[]; nextCursor: string | null }> {
  let after: { createdAt: string; id: string } | null = null;
  if (query.cursor) {
    const [kind, createdAt, id] = decodeCursor(query.cursor);
    if (kind !== 'imports' || typeof createdAt !== 'string' || typeof id !== 'string')
      throw badCursor();
    after = { createdAt, id };
  }
  const rows = await listBatchRows(deps.db, who.practiceId, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const now = deps.clock.now();
  return {
    items: page.map((r) => toImport(r, now)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(['imports', last.created_at, last.id])
        : null,
  };
}

/** GET /imports/{id}/problems: the invalid rows by line, with why. */
export async function listImportProblems(
  deps: Deps,
  who: Importer,
  importId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: { line: number; reason: string }[]; nextCursor: string | null }> {
  await requireBatch(deps.db, who.practiceId, importId);
  let afterLine: number | null = null;
  if (query.cursor) {
    const [kind, line] = decodeCursor(query.cursor);
    if (kind !== 'problems' || !Number.isSafeInteger(line)) throw badCursor();
    afterLine = line as number;
  }
  const rows = await listProblemRows(deps.db, who.practiceId, importId, afterLine, query.limit + 1);
  const page = rows.slice(0, query.limit).map((r) => ({ line: Number(r.line), reason: r.reason }));
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(['problems', last.line]) : null,
  };
}

/**
 * POST /imports/{id}/undo (point 6): removes the contacts the import created that nothing has
 * touched since (never edited; no referral, interaction, message… naming them), 500 to a
 * transaction, and says how many it kept and why. Of two undos at once, one runs (the status
 * moves first); the other is a 409. Fields merged into existing contacts are not taken back.
 */
export async function undoImport(deps: Deps, who: Importer, importId: string): Promise<Import> {
  const row = await requireBatch(deps.db, who.practiceId, importId);
  const from = ['done', 'failed'] as const;
  // An undo that never wrote its result ended with its server: undoing again removes the rest.
  const isResumed = row.status === 'undone' && row.undo === null;
  if (!from.some((s) => s === row.status) && !isResumed)
    throw wrongStatus(row.status, 'only a finished import can be undone.');
  const { practiceId } = who;
  const at = () => toTimestamp(deps.clock.now());
  const claimed = isResumed
    ? await reclaimUndoRow(
        deps.db,
        practiceId,
        importId,
        toTimestamp(new Date(deps.clock.now().getTime() - undoStaleMs)),
        at(),
      )
    : await moveBatchRow(deps.db, practiceId, importId, from, {
        status: 'undone',
        updated_at: at(),
      });
  if (!claimed) throw wrongStatus('being undone', 'another request is undoing it.');
  const counts = { removed: 0, edited: 0, history: 0 };
  try {
    let after: string | null = null;
    for (;;) {
      const last: string | null = await inTransaction(deps.db, async (trx) => {
        const contacts = await lockImportedContacts(trx, practiceId, importId, after, undoBatch);
        if (contacts.length === 0) return null;
        const touched = await listContactsWithHistory(
          trx,
          practiceId,
          contacts.map((c) => c.id),
        );
        const untouched: string[] = [];
        for (const c of contacts) {
          if (touched.has(c.id)) counts.history += 1;
          else if (c.updated_at !== c.created_at) counts.edited += 1;
          else untouched.push(c.id);
        }
        counts.removed += await deleteContactRows(trx, practiceId, untouched);
        // A page removed: this undo is alive (another request may resume it only when silent).
        await moveBatchRow(trx, practiceId, importId, ['undone'], { updated_at: at() });
        return contacts.at(-1)?.id ?? null;
      });
      if (last === null) break;
      after = last;
    }
  } catch (error) {
    // What was removed stays removed; the import can be undone again for the rest (a resumed
    // undo stays `undone` without a result, to be resumed again).
    if (!isResumed)
      await moveBatchRow(deps.db, practiceId, importId, ['undone'], { status: row.status });
    throw error;
  }
  const result = undoResult(counts.removed, counts.edited, counts.history);
  await inTransaction(deps.db, async (trx) => {
    await moveBatchRow(trx, practiceId, importId, ['undone'], {
      undo: JSON.stringify(result),
      updated_at: toTimestamp(deps.clock.now()),
    });
    await recordAudit(trx, deps.clock, {
      practiceId,
      userId: who.userId,
      action: 'import.undone',
      subjectType: 'import',
      subjectId: importId,
      detail: { removed: result.removed, kept: result.kept },
    });
  });
  return getImport(deps, who, importId);
}

/** DELETE /imports/{id}: an import not started is discarded, its file with it. */
export async function discardImport(deps: Deps, who: Importer, importId: string): Promise<void> {
  const row = await requireBatch(deps.db, who.practiceId, importId);
  if (row.status !== 'uploaded')
    throw wrongStatus(
      row.status,
      'only an import not started yet can be discarded; undo it instead.',
    );
  await inTransaction(deps.db, async (trx) => {
    if (!(await deleteUploadedBatchRow(trx, who.practiceId, importId)))
      throw wrongStatus('started', 'it was started meanwhile.');
    await deleteChunkRows(trx, who.practiceId, importId);
  });
}
