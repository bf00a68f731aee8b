/**
 * Reading an import CSV as a stream (issue 13): decoding (UTF-8 or Windows-1252, BOM dropped),
 * the delimiter Excel chose (comma, or semicolon in European locales, or tab), csv-parse for
 * quoting, and the physical line where each record starts. A pass holds one record at a time
 * and the first lines for the delimiter, never the file.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, type Options, parse } from 'csv-parse';
import { fieldError } from '../platform/errors.ts';
import {
  type ColumnMapping,
  type CsvShape,
  candidateOfCells,
  detectFormat,
  type ImportRecord,
  isBlankRecord,
  type OpenBytes,
  suggestMapping,
} from './import-columns.rules.ts';

export type CsvDelimiter = CsvShape['delimiter'];
export type CsvEncoding = CsvShape['encoding'];

/** A record longer than this is refused: it is almost always a quote left open, eating the file. */
export const maxRecordChars = 1_000_000;

const utf8Bom = [0xef, 0xbb, 0xbf];

/** The bytes without a leading UTF-8 BOM, even when the chunks cut it in pieces. */
export async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: number[] | null = [];
  for await (const chunk of chunks) {
    if (head === null) {
      yield chunk;
      continue;
    }
    let i = 0;
    while (i < chunk.length && head.length < 3 && chunk[i] === utf8Bom[head.length]) {
      head.push(chunk[i] as number);
      i++;
    }
    if (head.length === 3) {
      head = null;
      if (i < chunk.length) yield chunk.subarray(i);
    } else if (i < chunk.length) {
      // Not a BOM after all: what looked like its start is text.
      const held = Uint8Array.from(head);
      head = null;
      if (held.length > 0) yield held;
      yield chunk.subarray(i);
    }
  }
  if (head !== null && head.length > 0) yield Uint8Array.from(head);
}

/** The file's text in the given encoding, chunk by chunk; a character cut between chunks stays whole. */
export async function* decodeText(open: OpenBytes, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  for await (const chunk of withoutBom(open())) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

const delimiters: readonly CsvDelimiter[] = [',', ';', '\t'];

/** How many of each delimiter each line holds outside quotes (a quoted line break does not end a line). */
function delimiterCounts(text: string, isComplete: boolean): Record<CsvDelimiter, number>[] {
  const lines: Record<CsvDelimiter, number>[] = [];
  let counts = { ',': 0, ';': 0, '\t': 0 };
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') isQuoted = !isQuoted;
    else if (isQuoted) continue;
    else if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      lines.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0 };
    }
  }
  if (isComplete || lines.length === 0) lines.push(counts);
  return lines;
}

/**
 * The delimiter of the first lines: the one the header holds that the most following lines
 * hold as often (a comma in a note does not beat the semicolons of European Excel), then the
 * one the header holds most, then comma, semicolon, tab. A one-column file reads as comma.
 */
export function detectDelimiter(firstLines: string, isComplete = true): CsvDelimiter {
  // Lines of spaces before the header say nothing.
  const text = firstLines.replace(/^( *(\r\n|\n|\r))+/, '');
  const [header, ...rest] = delimiterCounts(text, isComplete);
  if (!header) return ',';
  let best: CsvDelimiter = ',';
  let bestScore: [number, number] = [-1, -1];
  for (const d of delimiters) {
    if (header[d] === 0) continue;
    const score: [number, number] = [
      rest.filter((line) => line[d] === header[d]).length,
      header[d],
    ];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** The physical line breaks in a record's raw text: CRLF, LF or a lone CR. */
function lineBreaksIn(raw: string): number {
  let breaks = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\n') breaks++;
    else if (ch === '\r') {
      breaks++;
      if (raw[i + 1] === '\n') i++;
    }
  }
  return breaks;
}

/** Why csv-parse stopped, in words for the person who exported the file. */
function csvErrorReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " is missing)';
    case 'CSV_MAX_RECORD_SIZE':
      return `a record is longer than ${maxRecordChars.toLocaleString('en')} characters (is a quote left open?)`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted cell has text after its closing quote';
    default:
      return error.message;
  }
}

const unreadable = (line: number, reason: string) =>
  fieldError('file', `is not a CSV file Vouch can read: line ${line}: ${reason}.`, 'unprocessable');

/** One record: its cells as written and the physical line it starts on (1-based). */
export type CsvRow = { line: number; cells: string[] };

/** Excel's hint on the first line, `sep=;`, names the delimiter. */
const sepHint = /^sep=(.)(\r\n|\n|\r|$)/i;

const peekLimit = { lines: 20, chars: 64 * 1024 };

/** Characters handed to the parser at a time (about a hundred records of a contacts export). */
export const pieceChars = 16 * 1024;

function* piecesOf(text: string): Generator<string> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + pieceChars);
    // Never between the two halves of a character beyond 16 bits (an emoji in a name): the
    // parser would take each half for a broken character.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(at, end);
    at = end;
  }
}

/**
 * The records of a CSV text stream, each with the line it starts on. The delimiter is the
 * one given, else Excel's `sep=` hint, else detected from the first lines.
 */
export async function* csvRows(
  text: AsyncIterable<string>,
  delimiter?: CsvDelimiter,
): AsyncGenerator<CsvRow & { delimiter: CsvDelimiter }> {
  const source = text[Symbol.asyncIterator]();
  try {
    let head = '';
    let headLines = 0;
    let isComplete = false;
    while (head.length < peekLimit.chars && headLines < peekLimit.lines) {
      const next = await source.next();
      if (next.done) {
        isComplete = true;
        break;
      }
      head += next.value;
      headLines += lineBreaksIn(next.value);
    }
    let line = 1;
    const hint = sepHint.exec(head);
    if (hint) {
      head = head.slice(hint[0].length);
      line = 2;
    }
    const hinted = delimiters.find((d) => d === hint?.[1]);
    const chosen = delimiter ?? hinted ?? detectDelimiter(head, isComplete);

    // csv-parse parses all it is handed in one go: pieces of a few thousand characters keep
    // each of those steps short, so that a server reading a large import goes on answering.
    async function* all(): AsyncGenerator<string> {
      yield* piecesOf(head);
      if (isComplete) return;
      for (let next = await source.next(); !next.done; next = await source.next())
        yield* piecesOf(next.value);
    }

    // Lines are counted as csv-parse hands over each record, in order, so that an error
    // names the line of the record it stopped in.
    let next = line;
    // With `raw`, csv-parse hands each record as { record, raw }; its types do not say so.
    const rowOf = ({ record, raw }: { record: string[]; raw: string }) => {
      const row = { line: next, cells: record, delimiter: chosen };
      next += lineBreaksIn(raw);
      return row;
    };
    const parser = parse({
      delimiter: chosen,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // A hand-made file has a 5" screen unquoted, or a space before a quoted cell.
      relax_quotes: true,
      trim: true,
      raw: true,
      max_record_size: maxRecordChars,
      on_record: rowOf as unknown as Options['on_record'],
    });
    const done = pipeline(Readable.from(all()), parser);
    done.catch(() => {}); // its failure reaches the loop below through the parser
    try {
      yield* parser as AsyncIterable<CsvRow & { delimiter: CsvDelimiter }>;
      await done;
    } catch (error) {
      if (error instanceof CsvError) throw unreadable(next, csvErrorReason(error));
      throw error;
    } finally {
      parser.destroy();
    }
  } finally {
    await source.return?.();
  }
}

const emptyFile = (why: string) => fieldError('file', why, 'unprocessable');

/**
 * The shape of a CSV: its header (the first record with something in it), the format its
 * columns say, the mapping to suggest, and how many records with something in them follow.
 */
export async function inspectCsv(open: OpenBytes, encoding: CsvEncoding): Promise<CsvShape> {
  let headers: string[] | null = null;
  let delimiter: CsvDelimiter = ',';
  let rows = 0;
  for await (const row of csvRows(decodeText(open, encoding))) {
    if (isBlankRecord(row.cells)) continue;
    if (headers === null) {
      headers = row.cells.map((cell) => cell.trim());
      delimiter = row.delimiter;
    } else rows++;
  }
  if (headers === null) throw emptyFile('is empty.');
  if (rows === 0) throw emptyFile('is empty: it has a header row but no contacts under it.');
  const format = detectFormat(headers);
  return {
    kind: 'csv',
    encoding,
    delimiter,
    headers,
    format,
    mapping: suggestMapping(headers, format),
    rows,
  };
}

/** The data records of a CSV inspected before, each as a candidate or a problem. */
export async function* readCsvRecords(
  open: OpenBytes,
  shape: CsvShape,
  mapping: ColumnMapping,
): AsyncGenerator<ImportRecord> {
  if (mapping.length !== shape.headers.length)
    throw fieldError('mapping', `must give one field per column (${shape.headers.length}).`);
  let isHeaderRead = false;
  for await (const { line, cells } of csvRows(decodeText(open, shape.encoding), shape.delimiter)) {
    if (isBlankRecord(cells)) continue;
    if (!isHeaderRead) {
      isHeaderRead = true;
      continue;
    }
    const outcome = candidateOfCells(cells, shape.headers, mapping, shape.format);
    yield 'candidate' in outcome
      ? { line, candidate: outcome.candidate }
      : { line, problem: outcome.problem };
  }
}
