/**
 * `npm run bench`: builds the large practice (20,000 contacts, 60,000 referrals, …) in a fresh
 * SQLite file and a fresh PostgreSQL database, starts the real server and the raw-SQL floor
 * server on each, and prints per scenario the median latency and req/s of both through HTTP,
 * their ratio, and the server's peak RSS.
 *
 * Options: --contacts N (20000), --seed S (1), --seconds T of load per scenario (3),
 * --iterations N sequential calls for the median (200), --concurrency C (8),
 * --dialect sqlite|postgres|both (both), --import-rows N rows of the import scenario (100000).
 * BENCH_ONLY=import (or export) runs only the import (or the full export). PostgreSQL: BENCH_DATABASE_URL, else
 * DATABASE_URL_TEST, else postgres://postgres@127.0.0.1:5432/postgres (a database is created
 * and dropped).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getAgenda } from '../src/agenda/agenda.service.ts';
import { generateLargePractice } from '../src/demo/large-practice.ts';
import { getInsights } from '../src/insights/insight.service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDeps } from '../src/platform/deps.ts';
import { createPostgresDatabase } from '../src/test-support/testing.ts';
import { benchExport } from './export-bench.ts';
import { benchImport, tokenFor, writeGoogleCsv } from './import-bench.ts';
import { formatTable, measure, type Sample } from './measure.ts';
import { type BenchContext, scenarios } from './scenarios.ts';

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '3' },
    iterations: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    dialect: { type: 'string', default: 'both' },
    'import-rows': { type: 'string', default: '100000' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
/** The generated practice's owner; the password passes the strength rules (no email part). */
const benchOwner = { email: 'bench@example.com', password: 'quiet harbour ledger' };
const opts = {
  iterations: Number(args.iterations),
  concurrency: Number(args.concurrency),
  seconds: Number(args.seconds),
};
// The flags `npm start` and bin/vouch.js run the server with (BENCH_NODE_FLAGS overrides).
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=4 --optimize-for-size')
  .split(' ')
  .filter(Boolean);

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
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL_TEST ??
  'postgres://postgres@127.0.0.1:5432/postgres';

type DialectResult = { rows: string[][]; rssMb: number };

async function benchDialect(dialect: 'sqlite' | 'postgres'): Promise<DialectResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vouch-bench-'));
  const database =
    dialect === 'postgres' ? await createPostgresDatabase(adminUrl, 'vouch_bench') : null;
  const databaseUrl = database ? database.url : `file:${path.join(dataDir, 'vouch.db')}`;
  const children: ChildProcess[] = [];
  try {
    const env = {
      VOUCH_DATA_DIR: dataDir,
      VOUCH_LOG: 'silent',
      DATABASE_URL: databaseUrl,
      // The intake scenario posts thousands of forms from one address through one link.
      VOUCH_INTAKE_PER_ADDRESS: '1000000000',
      VOUCH_INTAKE_PER_LINK: '1000000000',
    };
    const deps = await openDeps(loadConfig(env), { rateLimit: false });
    const started = performance.now();
    const stats = await generateLargePractice(deps, {
      contacts: Number(args.contacts),
      seed: Number(args.seed),
      ...benchOwner,
    });
    console.log(
      `[${dialect}] large practice: ${stats.contacts} contacts, ${stats.referrals} referrals, ${stats.given} given, ` +
        `${stats.interactions} interactions, ${stats.categories} categories, ${stats.circles} circles ` +
        `(generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const base = await collectIds(deps, stats.practiceId);
    await deps.close();
    const queryFile = path.join(dataDir, 'floor-queries.json');
    writeFileSync(queryFile, JSON.stringify(await captureQuerySets(env, stats)));

    const appPort = 3900 + Math.floor(Math.random() * 50);
    const floorPort = appPort + 50;
    const app = spawn(
      process.execPath,
      [...nodeFlags, 'src/cli.ts', 'serve', '--port', String(appPort)],
      {
        cwd: root,
        // As `npm start` runs it (package.json): two malloc arenas, a fixed mmap threshold.
        env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...process.env, ...env },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push(app);
    const floorTarget = database ? database.url : path.join(dataDir, 'vouch.db');
    const floor = fork(
      path.join(root, 'bench/floor-server.ts'),
      [dialect, floorTarget, stats.practiceId, String(floorPort), queryFile],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    children.push(floor);
    const appUrl = `http://127.0.0.1:${appPort}/api/v1`;
    const floorUrl = `http://127.0.0.1:${floorPort}`;
    await waitFor(`${appUrl}/health`, app);
    await waitFor(`${floorUrl}/board`, floor);
    const token = await tokenFor(appUrl, benchOwner.email, benchOwner.password);
    const ctx: BenchContext = {
      ...base,
      appUrl,
      floorUrl,
      userId: stats.userId,
      token,
      intakeCode: await referralLinkCode(appUrl, token, base.busiestReferrerId),
    };

    const rows: string[][] = [];
    const ms = (s: Sample) => s.medianMs.toFixed(2);
    const rps = (s: Sample) => Math.round(s.perSecond).toLocaleString('en-US');
    // BENCH_ONLY=agenda,insights runs only the scenarios whose names contain one of the words.
    const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
    for (const s of scenarios.filter(
      (x) => only.length === 0 || only.some((w) => x.name.includes(w)),
    )) {
      const floorSample = await measure((i) => s.floor(ctx, i), opts);
      const appSample = await measure((i) => s.app(ctx, i), opts);
      rows.push([
        `${s.name} [${dialect}]`,
        ms(appSample),
        rps(appSample),
        ms(floorSample),
        rps(floorSample),
        `${(appSample.medianMs / floorSample.medianMs).toFixed(2)}×`,
        s.target,
      ]);
    }
    if ((only.length === 0 || only.includes('export')) && app.pid)
      rows.push(await benchExport(appUrl, token, app.pid, dialect));
    if (only.length === 0 || only.includes('import')) {
      const csvFile = path.join(dataDir, 'google-contacts.csv');
      const importRows = Number(args['import-rows']);
      await writeGoogleCsv(csvFile, importRows);
      rows.push(
        ...(await benchImport({
          dialect,
          env,
          target: floorTarget,
          appUrl,
          token,
          csvFile,
          rows: importRows,
        })),
      );
    }
    return { rows, rssMb: peakRssMb(app.pid) };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The floor of the agenda and of insights is the app's own query set, replayed raw: every
 * SELECT the services run for one answer is recorded here (SQL text and parameters) and the
 * floor server runs them as prepared statements, with no framework around them.
 */
async function captureQuerySets(
  env: Record<string, string>,
  stats: { practiceId: string; userId: string },
) {
  let sink: { sql: string; parameters: unknown[] }[] | null = null;
  const deps = await openDeps(loadConfig(env), {
    rateLimit: false,
    onQuery: (sql, parameters) => {
      if (sink && /^\s*(select|with)\b/i.test(sql)) sink.push({ sql, parameters: [...parameters] });
    },
  });
  const actor = {
    userId: stats.userId,
    practiceId: stats.practiceId,
    role: 'owner' as const,
    via: 'session' as const,
  };
  const record = async (run: () => Promise<unknown>) => {
    sink = [];
    await run();
    const out = sink;
    sink = null;
    return out;
  };
  try {
    return {
      agenda: await record(() => getAgenda(deps, actor, {})),
      insights: await record(() => getInsights(deps, actor, {})),
    };
  } finally {
    await deps.close();
  }
}

async function collectIds(deps: Awaited<ReturnType<typeof openDeps>>, practiceId: string) {
  const category = await deps.db
    .selectFrom('category')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('most_wanted_rank', '=', 1)
    .executeTakeFirstOrThrow();
  const busiest = await deps.db
    .selectFrom('referral')
    .select(['referrer_id', (eb) => eb.fn.countAll().as('n')])
    .where('practice_id', '=', practiceId)
    .where('referrer_id', 'is not', null)
    .groupBy('referrer_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const contactIds = (
    await deps.db.selectFrom('contact').select('id').where('practice_id', '=', practiceId).execute()
  ).map((r) => r.id);
  return {
    practiceId,
    categoryId: category.id,
    busiestReferrerId: busiest.referrer_id ?? '',
    contactIds,
  };
}

async function referralLinkCode(appUrl: string, token: string, contactId: string) {
  const res = await fetch(`${appUrl}/referral-links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ contactId }),
  });
  if (!res.ok) throw new Error(`referral link: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

const dialects: ('sqlite' | 'postgres')[] =
  args.dialect === 'both'
    ? ['sqlite', 'postgres']
    : [args.dialect === 'postgres' ? 'postgres' : 'sqlite'];
const header = [
  'scenario',
  'app median ms',
  'app req/s',
  'floor median ms',
  'floor req/s',
  'ratio',
  'target',
];
const table: string[][] = [header];
const rss: string[] = [];
for (const dialect of dialects) {
  const result = await benchDialect(dialect);
  table.push(...result.rows);
  rss.push(`${dialect}: ${result.rssMb.toFixed(0)} MB`);
}
console.log(`\n${formatTable(table)}`);
console.log(`\nPeak RSS of the app server (target ≤ 200 MB): ${rss.join(', ')}`);
