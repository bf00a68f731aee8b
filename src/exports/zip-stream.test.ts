import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unzipText } from './export.test-support.ts';
import { type ZipEntry, zipChunks } from './zip-stream.ts';

const mtime = new Date('2026-06-15T12:00:00.000Z');

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('zipChunks', () => {
  it('writes entries of many pieces, empty ones and UTF-8 names that any reader opens', async () => {
    const piece = (i: number) =>
      `${JSON.stringify({ i, name: 'Zoë Müller', note: 'x'.repeat(i % 97) })}\n`;
    async function* many() {
      for (let i = 0; i < 5000; i++) yield piece(i);
    }
    async function* entries(): AsyncGenerator<ZipEntry> {
      yield { name: 'README.md', content: ['# Hello\n'] };
      yield { name: 'big.json', content: many() };
      yield { name: 'empty.csv', content: [] };
      yield { name: 'ü/naïve.txt', content: ['a', '', 'b'] };
    }
    const files = unzipText(await collect(zipChunks(entries(), mtime)));
    expect(Object.keys(files)).toEqual(['README.md', 'big.json', 'empty.csv', 'ü/naïve.txt']);
    expect(files['big.json']).toBe(Array.from({ length: 5000 }, (_, i) => piece(i)).join(''));
    expect(files['empty.csv']).toBe('');
    expect(files['ü/naïve.txt']).toBe('ab');
  });

  it('reads the next piece only when the reader asks: a reader that stops stops the reading', async () => {
    let asked = 0;
    let isClosed = false;
    // Text that does not compress, so that every piece gives output at once.
    async function* endless() {
      try {
        for (;;) {
          asked += 1;
          yield `${randomBytes(60_000).toString('base64')}\n`;
        }
      } finally {
        isClosed = true;
      }
    }
    async function* entries(): AsyncGenerator<ZipEntry> {
      yield { name: 'endless.txt', content: endless() };
    }
    const chunks = zipChunks(entries(), mtime);
    for (let i = 0; i < 3; i++) await chunks.next();
    await chunks.return(undefined);
    // A few pieces ahead at most, however long the entry would be, and then no more.
    expect(asked).toBeLessThan(10);
    expect(isClosed).toBe(true);
  });
});
