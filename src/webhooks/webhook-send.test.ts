/** The guarded POST (issue 14 §10): refusals before connecting, no redirects, the time limit. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-send.ts';

describe('postWebhook', () => {
  let hits = 0;
  let answer: 'ok' | 'redirect' | 'silent' = 'ok';
  let port = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    req.resume();
    if (answer === 'redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    } else if (answer === 'ok') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('y'.repeat(100_000));
    }
    // 'silent': never answers.
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    hits = 0;
    answer = 'ok';
  });
  const send = (
    url: string,
    allowPrivate: boolean,
    extra: Partial<Parameters<typeof postWebhook>[0]> = {},
  ) =>
    postWebhook({
      url,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      allowPrivate,
      ...extra,
    });

  it('refuses http://127.0.0.1 without the operator setting, and never connects', async () => {
    const outcome = await send(`http://127.0.0.1:${port}/hook`, false);
    expect(outcome).toMatchObject({ statusCode: null, error: expect.stringMatching(/^Refused/) });
    expect(hits).toBe(0);
  });

  it('refuses names of this machine, with or without the final dot', async () => {
    for (const host of ['localhost', 'localhost.', 'LOCALHOST'])
      expect((await send(`https://${host}:${port}/hook`, false)).error).toMatch(/^Refused/);
    expect(hits).toBe(0);
  });

  it('refuses a name the resolver maps to loopback, after resolving it', async () => {
    const outcome = await send(`https://dev-box.example.org:${port}/hook`, false, {
      resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }],
    });
    expect(outcome.error).toMatch(/Refused: dev-box\.example\.org resolves to ::ffff:127\.0\.0\.1/);
    expect(hits).toBe(0);
  });

  it('refuses when any resolved address is private (DNS answers are checked, then pinned)', async () => {
    const outcome = await send('https://mixed.example.org/hook', false, {
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
    });
    expect(outcome.error).toMatch(/169\.254\.169\.254/);
  });

  it('connects to the address it checked, whatever the name resolves to later', async () => {
    let lookups = 0;
    const outcome = await send(`http://receiver.test:${port}/hook`, true, {
      resolve: async () => {
        lookups += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(outcome).toMatchObject({ statusCode: 200, error: null });
    expect(outcome.excerpt).toHaveLength(256);
    expect(lookups).toBe(1);
    expect(hits).toBe(1);
  });

  it('does not follow a redirect', async () => {
    answer = 'redirect';
    const outcome = await send(`http://127.0.0.1:${port}/hook`, true);
    expect(outcome.statusCode).toBe(302);
    expect(outcome.error).toMatch(/do not follow redirects/);
    expect(hits).toBe(1);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    answer = 'silent';
    const outcome = await send(`http://127.0.0.1:${port}/hook`, true, { timeoutMs: 300 });
    expect(outcome).toMatchObject({ statusCode: null, error: 'No answer within 0.3 s.' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
  });
});
