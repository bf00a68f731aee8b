import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { cliEnv, testTargets } from '../test-support/testing.ts';
import { unzipText } from './export.test-support.ts';

const cli = path.resolve(import.meta.dirname, '../cli.ts');

/** `vouch …` as a child process: its exit code and what it printed. */
function vouch(env: NodeJS.ProcessEnv, ...args: string[]) {
  return promisify(execFile)(process.execPath, [cli, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe.each(testTargets)('vouch export (CLI, %s)', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Cli Export Practice']);
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-export-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the practice's zip, as the API does, and audits it as the CLI's", async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Sarah Chen', email: 'sarah@example.com' });
    const file = path.join(dir, 'export.zip');
    const run = await vouch(cliEnv(ctx), 'export', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Exported practice ${a.practiceId} to ${file}`);
    // The whole practice: readable by the file's owner alone.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const files = unzipText(readFileSync(file));
    expect(Object.keys(files)).toContain('README.md');
    const contacts = JSON.parse(files['contacts.json'] ?? '') as { name: string }[];
    expect(contacts.map((c) => c.name)).toEqual(['Sarah Chen']);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const audit = await ok<{ items: { user: unknown; detail: unknown }[] }>(
      a.session,
      'GET',
      '/audit?action=practice.exported',
    );
    expect(audit.items[0]).toMatchObject({ user: null, detail: { format: 'zip', via: 'cli' } });
  });

  it('refuses bad usage with exit 2: an existing file, an unknown or ambiguous practice', async () => {
    const file = path.join(dir, 'taken.zip');
    writeFileSync(file, 'mine');
    const taken = await vouch(cliEnv(ctx), 'export', file);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/exists; choose another name, or --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect((await vouch(cliEnv(ctx), 'export', file, '--force')).code).toBe(0);
    expect(Object.keys(unzipText(readFileSync(file)))).toContain('contacts.json');
    expect((await vouch(cliEnv(ctx), 'export')).code).toBe(2);
    const unknown = await vouch(
      cliEnv(ctx),
      'export',
      path.join(dir, 'x.zip'),
      '--practice-id',
      '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b',
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/no practice/) });
  });
});

describe('vouch export (CLI) with several practices', () => {
  const ctx = useTestContext('sqlite');
  const [, b] = usePractices(ctx, ['First', 'Second']);
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-export-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks which one, then exports the one named', async () => {
    const file = path.join(dir, 'second.zip');
    const ambiguous = await vouch(cliEnv(ctx), 'export', file);
    expect(ambiguous).toMatchObject({ code: 2, stderr: expect.stringMatching(/--practice-id/) });
    const run = await vouch(cliEnv(ctx), 'export', file, '--practice-id', b.practiceId);
    expect(run.code, run.stderr).toBe(0);
    const [practice] = JSON.parse(unzipText(readFileSync(file))['practice.json'] ?? '') as {
      id: string;
    }[];
    expect(practice?.id).toBe(b.practiceId);
  });
});
