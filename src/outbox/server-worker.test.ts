/** The server starts the outbox worker with itself and stops it cleanly on close. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { startServer } from '../server.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

it('starts and stops the server together with its outbox worker', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-server-'));
  try {
    const port = await freePort();
    const config = loadConfig(
      { VOUCH_DATA_DIR: dir, VOUCH_LOG: 'silent', HOST: '127.0.0.1', VOUCH_SECRET: 'x'.repeat(32) },
      { port },
    );
    const server = await startServer(config);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(res.status).toBe(200);
    await server.close();
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
