import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { localDay } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { csvLine } from '../platform/csv.ts';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../platform/http.ts';
import type { VcardVersion } from '../platform/vcard.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import {
  type ContactCard,
  contactVcard,
  googleCsvHeader,
  googleCsvRecord,
} from './contact-export.rules.ts';
import {
  type ExportRow,
  listChildValues,
  listCircleNamesOf,
  listContactCardsPage,
  listMembersPage,
  listTableColumns,
  readExportPage,
} from './export.repository.ts';
import {
  columnsOf,
  csvRow,
  describeColumn,
  type ExportEntity,
  exportEntities,
  exportFileName,
  exportReadme,
  jsonRow,
  usersFile,
} from './export.rules.ts';
import { type ZipEntry, zipChunks } from './zip-stream.ts';

/** Who exports: a signed-in owner, or the CLI (no user; whoever runs it holds the database). */
export type Exporter = Pick<Actor, 'practiceId' | 'role'> & { userId: string | null };

/** A file being streamed: its name (without extension) and its bytes, read as they are sent. */
export type Download = { fileName: string; stream: ReadableStream<Uint8Array> };

export type ExportOptions = {
  /** Rows read per query: memory holds one page, however large the practice. */
  pageSize?: number;
  /** Recorded in the audit entry: the CLI's exports are told apart from the API's. */
  via?: 'cli';
};

/**
 * Rows per page while streaming: few queries, and a page dies young (pages of 1,000 wide rows
 * outlived the young generation and grew the heap).
 */
export const exportPageSize = 250;

/** One file of the zip: its columns and how its rows are read, page by page. */
type ExportSource = {
  file: string;
  describe: string;
  columns: string[];
  notes: Readonly<Record<string, string>>;
  jsonColumns: ReadonlySet<string>;
  pages: () => AsyncGenerator<ExportRow[]>;
};

/** A table's rows of the practice, page by page in key order, with its lists attached. */
async function* tablePages(
  deps: Deps,
  practiceId: string,
  entity: ExportEntity,
  tableColumns: string[],
  pageSize: number,
): AsyncGenerator<ExportRow[]> {
  const source = {
    table: entity.table,
    scope: entity.scope,
    key: entity.key,
    columns: tableColumns,
  };
  let after: unknown[] | null = null;
  for (;;) {
    const rows = await readExportPage(deps.db, practiceId, source, after, pageSize);
    if (rows.length === 0) return;
    for (const list of entity.lists ?? []) {
      const ids = rows.map((r) => String(r.id));
      const values = await listChildValues(deps.db, practiceId, list, ids);
      for (const row of rows) row[list.as] = values.get(String(row.id)) ?? [];
    }
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1) ?? {};
    after = entity.key.map((k) => last[k]);
  }
}

async function* memberPages(
  deps: Deps,
  practiceId: string,
  pageSize: number,
): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await listMembersPage(deps.db, practiceId, after, pageSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.id ?? null;
  }
}

/** The files of the export, from the tables as the database has them now. */
async function exportSources(deps: Deps, practiceId: string, pageSize: number) {
  const tables = await listTableColumns(deps.db);
  const sources: ExportSource[] = exportEntities.map((entity) => {
    const own = tables.get(entity.table);
    if (!own) throw new Error(`The export names a table the database lacks: ${entity.table}`);
    const drop = new Set(entity.drop ?? []);
    const selected = own.filter((c) => !drop.has(c));
    const listNotes = Object.fromEntries((entity.lists ?? []).map((l) => [l.as, l.describe]));
    return {
      file: entity.file,
      describe: entity.describe,
      columns: columnsOf(entity, own),
      notes: { ...listNotes, ...entity.notes },
      jsonColumns: new Set(entity.json ?? []),
      pages: () => tablePages(deps, practiceId, entity, selected, pageSize),
    };
  });
  const users: ExportSource = {
    file: usersFile.file,
    describe: usersFile.describe,
    columns: [...usersFile.columns],
    notes: usersFile.notes,
    jsonColumns: new Set(),
    pages: () => memberPages(deps, practiceId, pageSize),
  };
  // The practice first, then who works in it, then the rest in the order of exportEntities.
  return [...sources.slice(0, 1), users, ...sources.slice(1)];
}

/**
 * Text goes to the zip in pieces of about this many characters, not a page at a time: small
 * strings die young (a page's megabyte-long text went to V8's large-object space and grew the
 * heap by tens of MB before a full GC), and the event loop gets a turn between pieces.
 */
const pieceChars = 64 * 1024;

/** The text of `rows` rendered one by one, cut into pieces of about `pieceChars`. */
async function* piecesOf<T>(
  pages: AsyncIterable<readonly T[]>,
  render: (row: T, index: number) => string,
): AsyncGenerator<string> {
  let text = '';
  let index = 0;
  for await (const rows of pages)
    for (const row of rows) {
      text += render(row, index++);
      if (text.length >= pieceChars) {
        yield text;
        text = '';
      }
    }
  if (text) yield text;
}

async function* jsonFile(source: ExportSource): AsyncGenerator<string> {
  yield '[';
  let isEmpty = true;
  for await (const text of piecesOf(source.pages(), (row, i) => {
    isEmpty = false;
    return `${i === 0 ? '\n' : ',\n'}${jsonRow(row, source.columns, source.jsonColumns)}`;
  }))
    yield text;
  yield isEmpty ? ']\n' : '\n]\n';
}

async function* csvFile(source: ExportSource): AsyncGenerator<string> {
  yield csvLine(source.columns);
  yield* piecesOf(source.pages(), (row) => csvRow(row, source.columns));
}

/** A stream that pulls `chunks` only as its reader asks: a slow client slows the reads. */
function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* textChunks(texts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const text of texts) if (text) yield encoder.encode(text);
}

/**
 * The practice's full export (issue 13 §9, PRODUCT.md §8): a zip with `<entity>.json` and
 * `<entity>.csv` for every entity and a README.md describing them. Owners only; audited
 * (`practice.exported`, no names) before the first byte. Never a secret, another practice's
 * row or an erased person (erasure deleted them). Pages are read as the zip is read, so memory
 * stays flat; they are not one snapshot (a backup is, `vouch backup`).
 */
export async function exportPractice(
  deps: Deps,
  exporter: Exporter,
  options: ExportOptions = {},
): Promise<Download> {
  // The practice's data leaves only by an owner's hand (§8).
  requireOwner(exporter, "export the practice's data");
  const { practiceId } = exporter;
  const pageSize = options.pageSize ?? exportPageSize;
  const { row: practice, timeZone } = await loadPracticeContext(deps.db, practiceId);
  const sources = await exportSources(deps, practiceId, pageSize);
  const now = deps.clock.now();
  await recordAudit(deps.db, deps.clock, {
    practiceId,
    userId: exporter.userId,
    action: 'practice.exported',
    subjectType: 'practice',
    subjectId: practiceId,
    detail: { format: 'zip', files: sources.length, ...(options.via ? { via: options.via } : {}) },
  });
  const readme = exportReadme(
    practice.name,
    toTimestamp(now),
    sources.map((s) => ({
      file: s.file,
      describe: s.describe,
      columns: s.columns.map((name) => ({ name, describe: describeColumn(name, s.notes) })),
    })),
  );
  async function* entries(): AsyncGenerator<ZipEntry> {
    yield { name: 'README.md', content: [readme] };
    for (const source of sources) {
      yield { name: `${source.file}.json`, content: jsonFile(source) };
      yield { name: `${source.file}.csv`, content: csvFile(source) };
    }
  }
  return {
    fileName: exportFileName(localDay(now, timeZone)),
    stream: streamOf(zipChunks(entries(), now)),
  };
}

/** The practice's contacts as cards, page by page, each with its circles' names. */
async function* contactCards(
  deps: Deps,
  practiceId: string,
  pageSize: number,
): AsyncGenerator<{ card: ContactCard; circles: string[] }[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await listContactCardsPage(deps.db, practiceId, after, pageSize);
    if (rows.length === 0) return;
    const circles = await listCircleNamesOf(
      deps.db,
      practiceId,
      rows.map((r) => r.id),
    );
    yield rows.map((card) => ({ card, circles: circles.get(card.id) ?? [] }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.id ?? null;
  }
}

export type ContactsFormat = { kind: 'google_csv' } | { kind: 'vcard'; version: VcardVersion };

/**
 * The network for a contacts app (issue 13 §9): Google Contacts' CSV (circles as its labels)
 * or one vCard per contact. Owners only, audited (`contacts.exported`), streamed page by page.
 */
export async function exportContacts(
  deps: Deps,
  exporter: Exporter,
  format: ContactsFormat,
  options: ExportOptions = {},
): Promise<Download> {
  requireOwner(exporter, 'export the contacts');
  const { practiceId } = exporter;
  const pageSize = options.pageSize ?? exportPageSize;
  const { timeZone } = await loadPracticeContext(deps.db, practiceId);
  const now = deps.clock.now();
  await recordAudit(deps.db, deps.clock, {
    practiceId,
    userId: exporter.userId,
    action: 'contacts.exported',
    subjectType: 'practice',
    subjectId: practiceId,
    detail: { ...format, ...(options.via ? { via: options.via } : {}) },
  });
  async function* texts(): AsyncGenerator<string> {
    if (format.kind === 'google_csv') yield googleCsvHeader();
    yield* piecesOf(contactCards(deps, practiceId, pageSize), ({ card, circles }) =>
      format.kind === 'google_csv'
        ? googleCsvRecord(card, circles)
        : contactVcard(card, format.version),
    );
  }
  return {
    fileName: `contacts-${localDay(now, timeZone)}`,
    stream: streamOf(textChunks(texts())),
  };
}
