/**
 * The import benchmark (issue 13): a Google Contacts CSV of N rows imported into a fresh
 * practice through the running server (upload, start, poll until done), against the floor:
 * the same contacts and their stage history inserted in batches by plain prepared statements
 * into another fresh practice of the same database. While the app imports, a second client
 * reads a 50-contact page of the large practice: its median shows the server keeps answering.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createUser } from '../src/accounts/account.service.ts';
import { phoneKey, textKey } from '../src/contacts/contact.rules.ts';
import { loadConfig } from '../src/platform/config.ts';
import { bulkCheckpointPages } from '../src/platform/db.ts';
import { openDeps } from '../src/platform/deps.ts';
import { newId } from '../src/platform/ids.ts';

/** The columns of Google's current export that the generated file fills. */
const googleHeader = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Name Prefix',
  'Name Suffix',
  'Organization Name',
  'Notes',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
];

const given = ['Maya', 'Alan', 'Zoë', 'Jürgen', 'Priya', 'Tomás', 'Grace', 'Kenji', 'Amara', 'Leo'];
const family = ['Lopez', 'Reyes', 'Müller', 'Okafor', 'Tanaka', 'Nguyen', 'Smith', 'Haddad'];

type Person = { given: string; family: string; email: string; phone: string; org: string };

function personAt(i: number): Person {
  return {
    given: given[i % given.length] ?? 'Maya',
    family: family[(i * 7) % family.length] ?? 'Lopez',
    email: `person${i}@import-bench.example`,
    phone: `+1 (555) ${String(1_000_000 + i).slice(1, 4)}-${String(1_000_000 + i).slice(4)}`,
    org: `Firm ${i % 500}`,
  };
}

/** Writes the CSV as a stream (never one big string) and resolves with its size. */
export async function writeGoogleCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  out.write(`\uFEFF${googleHeader.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    const p = personAt(i);
    const line = [
      p.given,
      '',
      p.family,
      '',
      '',
      p.org,
      '',
      '* myContacts',
      '* Work',
      p.email,
      'Mobile',
      p.phone,
    ]
      .map(cell)
      .join(',');
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** A contact row as the floor writes it: what the import stores for one record. */
function floorRow(practiceId: string, importId: string, i: number, now: string) {
  const p = personAt(i);
  const name = `${p.given} ${p.family}`;
  return [
    practiceId,
    newId(),
    name,
    textKey(name),
    p.given,
    p.family,
    p.email,
    textKey(p.email),
    p.phone,
    phoneKey(p.phone),
    p.org,
    textKey(p.org),
    // The import's own, by which undo finds its contacts (an index the floor pays for too).
    importId,
    now,
    now,
  ];
}

const contactColumns = `practice_id, id, name, name_key, given_name, family_name, email, email_key,
  phone, phone_key, organization, organization_key, import_id, stage, stage_rank, email_consent,
  do_not_ask, is_treating_provider, created_at, updated_at`;
const batch = 500;

/**
 * SQLite floor: one transaction per batch of plain single-row prepared inserts (measured faster
 * than one 500-row statement), on a connection with the app's pragmas (src/platform/db.ts),
 * committed as the app's import batches are (`inRedoableTransaction`: synchronous NORMAL) and
 * checkpointed as they are (`withBulkWrites`).
 * Ids are the app's time-ordered ones: random UUIDs scatter the primary key's inserts over the
 * whole index and made this "floor" slower than the app.
 */
function sqliteFloorImport(file: string, practiceId: string, rows: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  // As the app's import runs its batches (`withBulkWrites`): fewer checkpoints of the WAL.
  db.pragma(`wal_autocheckpoint = ${bulkCheckpointPages}`);
  const started = performance.now();
  const now = new Date().toISOString();
  const insertContact = db.prepare(
    `insert into contact (${contactColumns})
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'met', 1, 0, 0, 0, ?, ?)`,
  );
  const insertStage = db.prepare(
    `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
     values (?, ?, ?, null, 'met', ?, null, null)`,
  );
  const importId = newId();
  const write = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const contact = floorRow(practiceId, importId, i, now);
      insertContact.run(contact);
      insertStage.run(practiceId, newId(), contact[1], now);
    }
  });
  for (let from = 0; from < rows; from += batch) write(from, Math.min(rows, from + batch));
  const ms = performance.now() - started;
  db.close();
  return ms;
}

/**
 * PostgreSQL floor: the same batches as named prepared statements, one transaction each,
 * committed as the app's import batches are (`inRedoableTransaction`: no wait for the disk).
 */
async function postgresFloorImport(url: string, practiceId: string, rows: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const now = new Date().toISOString();
  const importId = newId();
  const params = (n: number, width: number, tail: (k: number) => string) =>
    Array.from({ length: n }, (_, r) => tail(r * width)).join(',');
  for (let from = 0; from < rows; from += batch) {
    const n = Math.min(batch, rows - from);
    const contacts = [];
    for (let i = from; i < from + n; i++) contacts.push(floorRow(practiceId, importId, i, now));
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    await client.query({
      name: `floor-contacts-${n}`,
      text: `insert into contact (${contactColumns}) values ${params(n, 15, (k) => {
        const p = (j: number) => `$${k + j}`;
        return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}, 'met', 1, 0, 0, 0, ${p(14)}, ${p(15)})`;
      })}`,
      values: contacts.flat(),
    });
    await client.query({
      name: `floor-stages-${n}`,
      text: `insert into stage_change (practice_id, id, contact_id, from_stage, to_stage, changed_at, changed_by, reason)
             values ${params(n, 4, (k) => `($${k + 1}, $${k + 2}, $${k + 3}, null, 'met', $${k + 4}, null, null)`)}`,
      values: contacts.flatMap((c) => [practiceId, newId(), c[1], now]),
    });
    await client.query('commit');
    // As the app does: statistics after the first batches, so the planner sees the rows.
    if (from / batch === 1) await client.query('analyze contact, stage_change');
  }
  const ms = performance.now() - started;
  await client.end();
  return ms;
}

async function freshPractice(env: Record<string, string>, label: string) {
  const deps = await openDeps(loadConfig(env), { rateLimit: false });
  try {
    const email = `${label}-${randomUUID().slice(0, 8)}@import-bench.example`;
    const password = 'quiet harbour ledger';
    const { practiceId } = await createUser(deps, {
      name: 'Import Bench',
      email,
      password,
      practiceName: `Import bench ${label}`,
    });
    return { practiceId, email, password };
  } finally {
    await deps.close();
  }
}

/** Signs in and makes an API token: how each client of the benchmark calls the app. */
export async function tokenFor(appUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${appUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${appUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'import bench' }),
  });
  if (!created.ok) throw new Error(`token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

type ImportState = { id: string; status: string; rowsDone: number; summary: { created: number } };

/** Upload, start and wait: the time a practitioner waits from "upload" to the summary. */
async function appImport(appUrl: string, token: string, file: string, rows: number) {
  const auth = { authorization: `Bearer ${token}` };
  const started = performance.now();
  const upload = await fetch(`${appUrl}/imports?fileName=contacts.csv`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  const { id } = (await upload.json()) as ImportState;
  const start = await fetch(`${appUrl}/imports/${id}/start`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ duplicates: 'skip', defaults: {} }),
  });
  if (start.status !== 202) throw new Error(`start: ${start.status} ${await start.text()}`);
  for (;;) {
    const state = (await (
      await fetch(`${appUrl}/imports/${id}`, { headers: auth })
    ).json()) as ImportState;
    if (state.status === 'done') {
      if (state.summary.created !== rows)
        throw new Error(`import created ${state.summary.created} of ${rows} contacts`);
      return performance.now() - started;
    }
    if (state.status === 'failed') throw new Error(`import failed: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads a 50-contact page again and again until `done` settles; returns the median. */
async function pageWhile(appUrl: string, token: string, done: Promise<unknown>) {
  const times: number[] = [];
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  while (!finished) {
    const t = performance.now();
    const res = await fetch(`${appUrl}/contacts?limit=50`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`contacts page: ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, reads: times.length };
}

export type ImportBenchInput = {
  dialect: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** The SQLite file or the PostgreSQL URL the app runs on. */
  target: string;
  appUrl: string;
  /** A token of the large practice: the second client's. */
  token: string;
  csvFile: string;
  rows: number;
};

/** The two rows the benchmark table prints for one database. */
export async function benchImport(input: ImportBenchInput): Promise<string[][]> {
  const { dialect, env, appUrl, rows } = input;
  const floorPractice = await freshPractice(env, 'floor');
  const floorMs =
    dialect === 'sqlite'
      ? sqliteFloorImport(input.target, floorPractice.practiceId, rows)
      : await postgresFloorImport(input.target, floorPractice.practiceId, rows);
  const appPractice = await freshPractice(env, 'app');
  const appToken = await tokenFor(appUrl, appPractice.email, appPractice.password);
  const importing = appImport(appUrl, appToken, input.csvFile, rows);
  const [appMs, page] = await Promise.all([importing, pageWhile(appUrl, input.token, importing)]);
  const perSecond = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString('en-US');
  return [
    [
      `import ${rows.toLocaleString('en-US')} Google CSV rows [${dialect}]`,
      appMs.toFixed(0),
      `${perSecond(appMs)} rows`,
      floorMs.toFixed(0),
      `${perSecond(floorMs)} rows`,
      `${(appMs / floorMs).toFixed(2)}×`,
      '≤ 2× floor',
    ],
    [
      `50-contact page during the import [${dialect}] (${page.reads} reads)`,
      page.medianMs.toFixed(2),
      '',
      '',
      '',
      '',
      'median < 20 ms',
    ],
  ];
}
