/**
 * Reading an import file (PRODUCT.md §8, issue 13): what kind of file it is, and its records as
 * contact candidates, streamed chunk by chunk so that a 100,000-row file never sits in memory
 * whole. Pure of the database: the caller opens the bytes (an upload's stored chunks, or a file
 * on disk for the CLI) and writes the contacts.
 *
 * CONTRACT: the job and the routes code against the types and the three functions here. The
 * types are declared in import-columns.rules.ts (so that the readers use them without an
 * import cycle) and re-exported; CSVs are read by csv-read.ts, vCards by vcard-read.ts.
 */
import { fieldError } from '../platform/errors.ts';
import { inspectCsv, readCsvRecords } from './csv-read.ts';
import type { ColumnMapping, FileShape, ImportRecord, OpenBytes } from './import-columns.rules.ts';
import { countVcards, readVcardRecords } from './vcard-read.ts';

export {
  type ColumnMapping,
  type ContactCandidate,
  type CsvShape,
  type FileShape,
  type ImportField,
  type ImportFormat,
  type ImportRecord,
  importFields,
  importFormats,
  mappingProblem,
  type OpenBytes,
  type VcardShape,
} from './import-columns.rules.ts';

/** How much of the file's start is kept to recognise it. */
const sniffBytes = 4096;

/** File types people upload by mistake, by their first bytes, and what to say about them. */
const signatures: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx workbook is one)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Office document (an Excel .xls workbook, perhaps)'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

const saveAsCsv = 'export the contacts as CSV or vCard and upload that file';
const notContacts = (what: string) =>
  fieldError(
    'file',
    `is not a CSV or vCard file: it is ${what}. Please ${saveAsCsv}.`,
    'unprocessable',
  );

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, i) => bytes[i] === byte);

const utf8Bom = [0xef, 0xbb, 0xbf];

/** Tab, LF, vertical tab (FileMaker's line break in a cell), form feed, CR and space. */
const isWhitespaceByte = (byte: number) => (byte >= 0x09 && byte <= 0x0d) || byte === 0x20;

/** Control characters that no text export holds (whitespace and DOS's end-of-file mark aside). */
const isControlByte = (byte: number) => byte < 0x20 && !isWhitespaceByte(byte) && byte !== 0x1a;

type Sniffed = { kind: 'csv' | 'vcard'; encoding: 'utf-8' | 'windows-1252' };

/**
 * One pass over the file: refuses what is not text (a NUL anywhere, a known binary signature,
 * control characters at the start) or holds nothing but whitespace; tells a vCard from a CSV;
 * and checks that the whole file is UTF-8, else it is read as Windows-1252.
 */
async function sniffFile(open: OpenBytes): Promise<Sniffed> {
  const head = new Uint8Array(sniffBytes);
  let headSize = 0;
  let hasNul = false;
  let hasText = false;
  let isUtf8 = true;
  let offset = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of open()) {
    if (headSize < sniffBytes) {
      const piece = chunk.subarray(0, sniffBytes - headSize);
      head.set(piece, headSize);
      headSize += piece.length;
    }
    if (chunk.includes(0)) {
      hasNul = true;
      break;
    }
    // A UTF-8 BOM at the very start is not text.
    const isBomByte = (byte: number, i: number) => offset + i < 3 && byte === utf8Bom[offset + i];
    hasText ||= chunk.some((byte, i) => !isWhitespaceByte(byte) && !isBomByte(byte, i));
    if (isUtf8)
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    offset += chunk.length;
  }
  if (isUtf8 && !hasNul)
    try {
      decoder.decode();
    } catch {
      isUtf8 = false;
    }

  const start = head.subarray(0, headSize);
  if (startsWith(start, [0xff, 0xfe]) || startsWith(start, [0xfe, 0xff]))
    throw fieldError(
      'file',
      `is UTF-16 text, which Vouch does not read: save it as "CSV UTF-8" (or ${saveAsCsv}).`,
      'unprocessable',
    );
  const known = signatures.find(([signature]) => startsWith(start, signature));
  if (known) throw notContacts(known[1]);
  const controls = start.reduce((n, byte) => n + (isControlByte(byte) ? 1 : 0), 0);
  if (hasNul || controls > headSize / 100) throw notContacts('binary data, not text');
  if (!hasText) throw fieldError('file', 'is empty.', 'unprocessable');

  const body = startsWith(start, utf8Bom) ? start.subarray(3) : start;
  const text = new TextDecoder(isUtf8 ? 'utf-8' : 'windows-1252').decode(body).trimStart();
  if (/^<(\?xml|!doctype|html)/i.test(text)) throw notContacts('a web page or XML document');
  const kind = /^BEGIN:VCARD/i.test(text) ? 'vcard' : 'csv';
  return { kind, encoding: isUtf8 ? 'utf-8' : 'windows-1252' };
}

/**
 * Reads the whole file once (bounded memory) and describes it. Throws AppError 422 naming the
 * field `file` for: empty, not a CSV or vCard (binary, zip, PDF…), a CSV with no header, a
 * vCard without a single card. A CSV whose columns name neither a name nor an email is NOT
 * refused here (the user may map it); `mappingProblem` says so.
 *
 * It passes over the bytes twice: once to recognise them and settle the encoding, once to
 * read the header and count the records. A CSV with a header and no records is empty.
 */
export async function inspectFile(open: OpenBytes): Promise<FileShape> {
  const sniffed = await sniffFile(open);
  if (sniffed.kind === 'vcard')
    return { kind: 'vcard', format: 'vcard', rows: await countVcards(open) };
  return inspectCsv(open, sniffed.encoding);
}

/**
 * The file's records in order, each a candidate or the reason it cannot be one. For a CSV the
 * mapping says what each column fills (its length must equal the headers'); vCards ignore it.
 */
export function readRecords(
  open: OpenBytes,
  shape: FileShape,
  mapping: ColumnMapping,
): AsyncIterable<ImportRecord> {
  return shape.kind === 'vcard' ? readVcardRecords(open) : readCsvRecords(open, shape, mapping);
}
