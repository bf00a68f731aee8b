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

  it('fails clearly on an unknown practice or a bad --at', async () => {
    const bad = await run(process.execPath, [cli, 'agenda', '--practice-id', 'nope'], {
      env,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr).toContain('There is no practice nope');
    const badAt = await run(process.execPath, [cli, 'agenda', '--at', 'soon'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((badAt as { stderr: string }).stderr).toContain('--at must be an ISO 8601 instant');
  });
});
