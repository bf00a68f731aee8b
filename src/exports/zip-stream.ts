/**
 * A zip written while it is read. fflate lays out the archive (headers, data descriptors, the
 * central directory); each entry is deflated by Node's zlib on its thread pool rather than by
 * fflate in JavaScript, which took half of a large export's time on the event loop.
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';
import { type FlateError, Zip, ZipPassThrough } from 'fflate';

/** The deflate method of the zip format (APPNOTE 4.4.5). */
const deflated = 8;

/** The size of a piece of text handed to zlib, in UTF-8 bytes. */
const bufferBytes = 64 * 1024;

/**
 * An entry fflate takes as it takes its own: it counts the size and CRC of the text pushed
 * (ZipPassThrough's part), and here the text is compressed by zlib before it is handed on.
 */
class ZlibEntry extends ZipPassThrough {
  readonly #zlib = createDeflateRaw({ level: 6 });
  readonly #ended: Promise<unknown>;

  constructor(filename: string, mtime: Date) {
    super(filename);
    this.compression = deflated;
    this.mtime = mtime;
    // zlib's chunks are plain Buffers (never over a SharedArrayBuffer).
    this.#zlib.on('data', (data: Buffer<ArrayBuffer>) => this.ondata(null, data, false));
    this.#ended = once(this.#zlib, 'end').then(
      () => this.ondata(null, new Uint8Array(0), true),
      (error: unknown) => this.ondata(error as FlateError, new Uint8Array(0), true),
    );
  }

  #crc = 0;

  /**
   * ZipPassThrough's push with Node's native CRC-32: fflate's, in JavaScript, took about 6% of
   * the event loop's busy time in a large export.
   */
  override push(chunk: Uint8Array, final = false): void {
    this.#crc = crc32(chunk, this.#crc);
    this.size += chunk.length;
    if (final) this.crc = this.#crc;
    this.process(chunk, final);
  }

  /** Writes zlib has not finished with, oldest first. */
  readonly #inFlight: Promise<void>[] = [];

  protected override process(chunk: Uint8Array, final: boolean): void {
    if (chunk.length > 0)
      this.#inFlight.push(
        new Promise((resolve, reject) =>
          this.#zlib.write(chunk, (error) => (error ? reject(error) : resolve())),
        ),
      );
    if (final) this.#zlib.end();
  }

  /** Lets go of zlib's memory when the reader stopped before the end. */
  close(): void {
    this.#zlib.destroy();
  }

  /**
   * Waits until zlib holds at most `pending` pieces (one may compress on its thread while the
   * next page is read); after the last piece, until all its output was handed on.
   */
  async settle(pending = 1): Promise<void> {
    const ended = this.#zlib.writableEnded;
    while (this.#inFlight.length > (ended ? 0 : pending)) await this.#inFlight.shift();
    if (ended) await this.#ended;
  }
}

export type ZipEntry = { name: string; content: Iterable<string> | AsyncIterable<string> };

/**
 * The zip of `entries`, as chunks: each piece of an entry's text is compressed and its bytes
 * yielded before the next piece is asked for, so a reader that stops stops the reading.
 */
export async function* zipChunks(
  entries: AsyncIterable<ZipEntry>,
  mtime: Date,
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  // The text is encoded into these in turn rather than into a new array per piece (one malloc
  // less per 64 KB): settle() leaves at most one with zlib, so the other is free to fill.
  const buffers = [Buffer.allocUnsafeSlow(bufferBytes), Buffer.allocUnsafeSlow(bufferBytes)];
  let turn = 0;
  const ready: Uint8Array[] = [];
  let failure: unknown = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  async function* take() {
    if (failure) throw failure;
    if (ready.length === 1) yield ready.pop() as Uint8Array;
    else if (ready.length > 1) yield Buffer.concat(ready.splice(0));
  }
  let file: ZlibEntry | null = null;
  try {
    for await (const entry of entries) {
      file = new ZlibEntry(entry.name, mtime);
      zip.add(file);
      for await (const text of entry.content) {
        // The text in UTF-8, a buffer at a time: encodeInto may stop short of a full buffer.
        for (let read = 0; read < text.length; ) {
          const buffer = buffers[turn++ % buffers.length] as Uint8Array;
          const done = encoder.encodeInto(read === 0 ? text : text.slice(read), buffer);
          read += done.read;
          file.push(buffer.subarray(0, done.written));
          await file.settle();
          yield* take();
        }
      }
      file.push(new Uint8Array(0), true);
      await file.settle();
      yield* take();
    }
    zip.end();
    yield* take();
  } finally {
    file?.close();
  }
}
