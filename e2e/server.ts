import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect } from 'vitest';

/** Chromium from Debian, with the flags this closed network needs. */
/** Where the journeys put their screenshots. */
export const testOutput = path.resolve(import.meta.dirname, '../test-output');

/**
 * The real server (on a fresh data directory, or the one `prepareData` fills) and Chromium,
 * started before the enclosing describe's tests and stopped after them.
 */
export function useServerAndBrowser(prepareData?: () => string): {
  server: RunningServer;
  browser: Browser;
} {
  const running = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    mkdirSync(testOutput, { recursive: true });
    running.server = await startServer({}, prepareData?.());
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/** A desktop-sized page. */
export const newPage = (browser: Browser): Promise<Page> =>
  browser.newPage({ viewport: { width: 1280, height: 900 } });

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export type RunningServer = {
  url: string;
  dataDir: string;
  /** Stops the server; the data directory is removed unless `keepData`. */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
};

/**
 * Starts the real server (`vouch serve`) on SQLite: a fresh data directory, or `dataDir` to
 * restart on the same data (e.g. with VOUCH_CLOCK_OFFSET_DAYS to move time forward).
 */
export async function startServer(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'vouch-e2e-')),
): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['src/cli.ts', 'serve', '--port', String(port)],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: {
        ...process.env,
        VOUCH_DATA_DIR: dataDir,
        VOUCH_LOG: 'silent',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    stop: async (options = {}) => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A set-up practice, signed in in this page's browser context (through the real API). */
export async function signUpPractice(page: Page, url: string, email: string): Promise<void> {
  const signUpOnce = () =>
    page.request.post(`${url}/api/v1/auth/sign-up`, {
      data: {
        practiceName: 'Clear Path Coaching',
        name: 'Jane Morgan',
        email,
        password: 'correct horse battery',
      },
    });
  let signUp = await signUpOnce();
  // Sign-up is throttled per address, and every journey signs up from 127.0.0.1: wait as told.
  if (signUp.status() === 429) {
    const seconds = Number(signUp.headers()['retry-after'] ?? '10');
    await page.waitForTimeout(Math.min(seconds, 60) * 1000);
    signUp = await signUpOnce();
  }
  expect(signUp.status()).toBe(201);
  const setup = await page.request.patch(`${url}/api/v1/practice`, {
    data: {
      profession: 'coach',
      valueProposition: 'Jane helps small-business owners double their income.',
      keyPhrases: ['small business', 'double income', 'coaching'],
      timeZone: 'America/Chicago',
      postalAddress: '214 W Lake St, Chicago, IL 60606',
      markSetUp: true,
    },
  });
  expect(setup.status()).toBe(200);
}

/** POSTs (or PUTs) JSON through the page's session and returns the answer. */
export async function sendJson<T>(
  page: Page,
  method: 'POST' | 'PUT',
  url: string,
  data: unknown,
): Promise<T> {
  const res = await page.request.fetch(url, { method, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Chooses a time zone in the searchable picker: types part of the city, takes the match. */
export async function chooseTimeZone(page: Page, zone: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Time zone' });
  await picker.click();
  await picker.fill(zone.split('/').at(-1)?.replace(/_/g, ' ') ?? zone);
  await page.getByRole('option', { name: new RegExp(`^${zone} — `) }).click();
}

/** A message as the SMTP sink received it: its envelope and raw text. */
export type ReceivedEmail = { from: string; to: string[]; raw: string };

/** A real SMTP peer without sign-in that keeps every message it receives, for the journeys. */
export async function startSmtpSink(): Promise<{
  port: number;
  messages: ReceivedEmail[];
  close: () => Promise<void>;
}> {
  const messages: ReceivedEmail[] = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Registers a `beforeAll` that starts an SMTP sink and an `afterAll` that stops it. */
export function useSmtpSink(): { port: number; messages: ReceivedEmail[] } {
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => sink?.close());
  return {
    get port() {
      return sink?.port ?? 0;
    },
    get messages() {
      return sink?.messages ?? [];
    },
  };
}

/** Sets the signed-in practice's SMTP to the sink, so that its outbox sends there. */
export async function sendThroughSink(page: Page, base: string, smtp: { port: number }) {
  await sendJson(page, 'PUT', `${base}/api/v1/smtp`, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    fromEmail: 'jane@clearpath.example',
    fromName: 'Jane Morgan',
  });
}
