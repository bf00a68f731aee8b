/**
 * An import through the real HTTP server (issue 13 point 5): the upload streams in chunked over
 * a socket, the server's own import worker runs it (started with the server, stopped with it),
 * and a file over the limit is refused before it is read whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { startServer } from '../server.ts';
import type { Import, UploadedImport } from './import.schemas.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A CSV of `rows` people, as a stream of small pieces (no Content-Length: chunked). */
function csvStream(rows: number): ReadableStream<Uint8Array> {
  let i = 0;
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      if (i === 0) controller.enqueue(encoder.encode('Name,Email,Phone\n'));
      const lines: string[] = [];
      for (let n = 0; n < 1000 && i < rows; n++, i++)
        lines.push(`Person ${i},person${i}@example.com,+1 415 ${String(i).padStart(7, '0')}`);
      controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      if (i >= rows) controller.close();
    },
  });
}

describe('an import through the real server (SQLite)', () => {
  let dir: string;
  let base: string;
  let cookie: string;
  let server: { close: () => Promise<void> };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vouch-import-server-'));
    const port = await freePort();
    const config = loadConfig(
      {
        VOUCH_DATA_DIR: dir,
        VOUCH_LOG: 'silent',
        HOST: '127.0.0.1',
        VOUCH_SECRET: 'x'.repeat(32),
        VOUCH_IMPORT_MAX_MB: '1',
      },
      { port },
    );
    server = await startServer(config);
    base = `http://127.0.0.1:${port}/api/v1`;
    const res = await fetch(`${base}/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        practiceName: 'Server Import',
        name: 'Sam Server',
        email: 'sam@example.com',
        password: 'correct horse battery',
      }),
    });
    expect(res.status).toBe(201);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (url: string, init: RequestInit = {}) =>
    fetch(`${base}${url}`, {
      ...init,
      headers: { cookie, ...(init.headers as Record<string, string>) },
      duplex: 'half',
    } as RequestInit);

  it('streams the upload in, and the server runs the job', async () => {
    const up = await send('/imports?fileName=people.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csvStream(15_000),
    });
    const uploaded = (await up.json()) as UploadedImport;
    expect(up.status, JSON.stringify(uploaded)).toBe(201);
    expect(uploaded.rowsTotal).toBe(15_000);
    const start = await send(`/imports/${uploaded.id}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(start.status).toBe(202);
    let imp: Import | null = null;
    for (let i = 0; i < 600; i++) {
      imp = (await (await send(`/imports/${uploaded.id}`)).json()) as Import;
      if (imp.status === 'done' || imp.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(imp).toMatchObject({ status: 'done', rowsDone: 15_000, summary: { created: 15_000 } });
  });

  it('refuses a file over the limit with 413 naming the file', async () => {
    const res = await send('/imports?fileName=big.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csvStream(60_000),
    });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['file']);
    const list = (await (await send('/imports')).json()) as { items: Import[] };
    expect(list.items.map((i) => i.fileName)).toEqual(['people.csv']);
  });
});
