import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import {
  cliEnv,
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
} from '../test-support/testing.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../cli.ts');
const T0 = '2026-03-02T09:00:00.000Z';

/** `vouch agenda` as a child process on the test's SQLite file. */
describe('vouch agenda (CLI)', () => {
  let ctx: TestContext;
  let a: SeededPractice;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { clock: fixedClock(T0) });
    a = await seedPractice(ctx, 'Cli Practice');
    const sarah = await a.session.json<{ id: string }>('POST', '/contacts', {
      name: 'Sarah Chen',
      stage: 'likes',
    });
    await a.session.json('POST', '/referrals', {
      referred: { name: 'Tom Ruiz' },
      referrer: { contactId: sarah.body.id },
      channel: 'phone',
    });
    env = cliEnv(ctx);
  });
  afterAll(async () => ctx?.close());

  it('prints the same agenda as JSON, for a given moment', async () => {
    const at = '2026-03-03T11:00:00.000Z';
    const { stdout } = await run(process.execPath, [cli, 'agenda', '--json', '--at', at], { env });
    const agenda = JSON.parse(stdout) as {
      at: string;
      items: { kind: string; title: string; why: string; urgency: string }[];
    };
    expect(agenda.at).toBe(at);
    const respond = agenda.items.find((i) => i.kind === 'respond');
    expect(respond).toMatchObject({ title: 'Call Tom Ruiz', urgency: 'overdue' });
    expect(respond?.why).toBe(
      'Sarah Chen referred Tom Ruiz 26 h ago — call Tom Ruiz; you are 2 h past your 24 h window.',
    );
    const api = await a.session.json<{ items: unknown[] }>('GET', `/agenda?at=${at}`);
    expect(agenda.items).toEqual(api.body.items);
  });

  it('prints a table, and takes --practice-id', async () => {
    const { stdout } = await run(
      process.execPath,
      [cli, 'agenda', '--practice-id', a.practiceId, '--at', '2026-03-02T10:00:00Z'],
      { env },
    );
    expect(stdout).toContain('Call Tom Ruiz');
    expect(stdout).toMatch(/when\s+what\s+why now/);
  });

  /** `vouch agenda …` that is expected to fail: its exit code and what it said. */
  const refused = (...args: string[]) =>
    run(process.execPath, [cli, 'agenda', ...args], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );

  it('refuses an unknown practice, a bad --at or an unknown option as bad usage (exit 2)', async () => {
    expect(await refused('--practice-id', 'nope')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('There is no practice nope'),
    });
    expect(await refused('--at', 'soon')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--at must be an ISO 8601 instant'),
    });
    expect(await refused('--tomorrow')).toMatchObject({ code: 2 });
  });

  it('asks which practice when the database holds several (exit 2)', async () => {
    await seedPractice(ctx, 'Second Practice');
    expect(await refused()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('several practices; choose one with --practice-id'),
    });
  });
});
