/**
 * `npm run bench`: builds the large practice (20,000 contacts, 60,000 referrals, …) in a fresh
 * SQLite file, starts the real server and the raw-SQL floor server on it, and prints for each
 * scenario the median latency and req/s of both through HTTP, and their ratio.
 *
 * Options: --contacts N (default 20000), --seed S (1), --seconds T of load per scenario (3),
 * --iterations N sequential calls for the median (200), --concurrency C (8).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateLargePractice } from '../src/demo/large-practice.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDeps } from '../src/platform/deps.ts';
import { formatTable, measure, type Sample } from './measure.ts';

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '3' },
    iterations: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const opts = {
  iterations: Number(args.iterations),
  concurrency: Number(args.concurrency),
  seconds: Number(args.seconds),
};

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function peakRssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res.json();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'vouch-bench-'));
const children: ChildProcess[] = [];
try {
  const config = loadConfig({ VOUCH_DATA_DIR: dataDir, VOUCH_LOG: 'silent' });
  const deps = await openDeps(config, { rateLimit: false });
  const started = performance.now();
  const stats = await generateLargePractice(deps, {
    contacts: Number(args.contacts),
    seed: Number(args.seed),
    email: 'bench@example.com',
    password: 'bench-password',
  });
  console.log(
    `Large practice: ${stats.contacts} contacts, ${stats.referrals} referrals, ${stats.given} given, ` +
      `${stats.interactions} interactions, ${stats.categories} categories, ${stats.circles} circles ` +
      `(generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const category = await deps.db
    .selectFrom('category')
    .select('id')
    .where('practice_id', '=', stats.practiceId)
    .where('most_wanted_rank', '=', 1)
    .executeTakeFirstOrThrow();
  const busiest = await deps.db
    .selectFrom('referral')
    .select(['referrer_id', (eb) => eb.fn.countAll().as('n')])
    .where('practice_id', '=', stats.practiceId)
    .where('referrer_id', 'is not', null)
    .groupBy('referrer_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const contactIds = (
    await deps.db
      .selectFrom('contact')
      .select('id')
      .where('practice_id', '=', stats.practiceId)
      .execute()
  ).map((r) => r.id);
  await deps.close();
  const file = path.join(dataDir, 'vouch.db');

  const appPort = 3900 + Math.floor(Math.random() * 50);
  const floorPort = appPort + 50;
  // The flags `npm start` and bin/vouch.js run the server with (BENCH_NODE_FLAGS overrides).
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=4')
    .split(' ')
    .filter(Boolean);
  const app = spawn(
    process.execPath,
    [...nodeFlags, 'src/cli.ts', 'serve', '--port', String(appPort)],
    {
      cwd: root,
      env: { ...process.env, VOUCH_DATA_DIR: dataDir, VOUCH_LOG: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  children.push(app);
  const floor = fork(
    path.join(root, 'bench/floor-server.ts'),
    [file, stats.practiceId, String(floorPort)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.push(floor);
  const appUrl = `http://127.0.0.1:${appPort}/api/v1`;
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  await waitFor(`${appUrl}/health`, app);
  await waitFor(`${floorUrl}/board`, floor);

  const signIn = await fetch(`${appUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = (
    (await expectOk(
      await fetch(`${appUrl}/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: 'bench' }),
      }),
      'token',
    )) as { token: string }
  ).token;
  const auth = { authorization: `Bearer ${token}` };
  const get = async (url: string, headers: Record<string, string> = {}) => {
    await expectOk(await fetch(url, { headers }), url);
  };
  const pick = (i: number) => contactIds[(i * 7919) % contactIds.length] as string;

  type Scenario = {
    name: string;
    app: (i: number) => Promise<void>;
    floor: (i: number) => Promise<void>;
    target: string;
  };
  const scenarios: Scenario[] = [
    {
      name: 'list contacts (stage + category, 50)',
      app: () => get(`${appUrl}/contacts?stage=trusts&categoryId=${category.id}&limit=50`, auth),
      floor: () => get(`${floorUrl}/contacts?stage=trusts&categoryId=${category.id}`),
      target: '≤ 3× floor',
    },
    {
      name: 'referral board (5 columns × 50)',
      app: () => get(`${appUrl}/referrals/board`, auth),
      floor: () => get(`${floorUrl}/board`),
      target: '≤ 3× floor',
    },
    {
      name: 'contact timeline (busiest referrer)',
      app: () => get(`${appUrl}/contacts/${busiest.referrer_id}/timeline`, auth),
      floor: () => get(`${floorUrl}/timeline/${busiest.referrer_id}`),
      target: '≤ 3× floor',
    },
    {
      name: 'create referral',
      app: async (i) => {
        const res = await fetch(`${appUrl}/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify({
            referred: { contactId: pick(i) },
            referrer: { contactId: pick(i + 1) },
            channel: 'phone',
            need: 'bench need',
            tags: ['bench'],
          }),
        });
        await expectOk(res, 'create referral');
      },
      floor: async (i) => {
        const res = await fetch(`${floorUrl}/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            referredId: pick(i),
            referrerId: pick(i + 1),
            userId: stats.userId,
          }),
        });
        await expectOk(res, 'floor create referral');
      },
      target: '≥ 1,000 req/s',
    },
  ];

  const rows: string[][] = [
    [
      'scenario (SQLite)',
      'app median ms',
      'app req/s',
      'floor median ms',
      'floor req/s',
      'ratio',
      'target',
    ],
  ];
  const ms = (s: Sample) => s.medianMs.toFixed(2);
  const rps = (s: Sample) => Math.round(s.perSecond).toLocaleString('en-US');
  for (const s of scenarios) {
    const floorSample = await measure(s.floor, opts);
    const appSample = await measure(s.app, opts);
    rows.push([
      s.name,
      ms(appSample),
      rps(appSample),
      ms(floorSample),
      rps(floorSample),
      `${(appSample.medianMs / floorSample.medianMs).toFixed(2)}×`,
      s.target,
    ]);
  }
  console.log(`\n${formatTable(rows)}`);
  console.log(`\nPeak RSS of the app server: ${peakRssMb(app.pid).toFixed(0)} MB`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dataDir, { recursive: true, force: true });
}
