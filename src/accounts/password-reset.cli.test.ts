import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, cliEnv, testTargets } from '../test-support/testing.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../cli.ts');

type Outcome = { code: number; stdout: string; stderr: string };

/** `vouch user reset-password …` as a child process, with `input` on its standard input. */
function resetPassword(env: NodeJS.ProcessEnv, args: string[], input = ''): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'user', 'reset-password', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.each(testTargets)('vouch user reset-password on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Cli Reset']);
  const signIn = (password: string) =>
    caller(ctx).request('POST', '/auth/sign-in', { email: a.email, password });

  it('sets the password from --password, ends every session and audits it (exit 0)', async () => {
    const result = await resetPassword(cliEnv(ctx), [
      '--email',
      a.email,
      '--password',
      'lantern harvest pebble',
    ]);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`The password of ${a.email} is reset`);
    expect((await a.session.json('GET', '/me')).status).toBe(401);
    expect((await signIn('correct horse battery')).status).toBe(401);
    expect((await signIn('lantern harvest pebble')).status).toBe(200);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'account.password_reset')
      .where('user_id', '=', a.userId)
      .execute();
    expect(audit.map((r) => JSON.parse(r.detail ?? '{}'))).toEqual([
      { via: 'server', sessionsEnded: expect.any(Number) },
    ]);
  });

  it('reads the password from standard input when --password is left out', async () => {
    const result = await resetPassword(cliEnv(ctx), ['--email', a.email], 'orchid tundra velvet\n');
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect((await signIn('orchid tundra velvet')).status).toBe(200);
  });

  it('refuses an unknown email, a weak or short password and a missing --email (exit 2), changing nothing', async () => {
    const env = cliEnv(ctx);
    expect(
      await resetPassword(env, [
        '--email',
        'nobody@example.com',
        '--password',
        'lantern harvest pebble',
      ]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('No account uses this email') });
    expect(
      await resetPassword(env, ['--email', a.email, '--password', 'password123']),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('too common') });
    expect(await resetPassword(env, ['--email', a.email, '--password', 'short'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('8 to 128 characters'),
    });
    expect(await resetPassword(env, [])).toMatchObject({ code: 2 });
    expect((await signIn('orchid tundra velvet')).status).toBe(200);
  });
});

// Keeps `run` for a quick look at the help text, which lists the command under `user`.
describe('vouch user --help', () => {
  it('lists reset-password', async () => {
    const { stdout } = await run(process.execPath, [cli, 'user', '--help']);
    expect(stdout).toContain('reset-password');
  });
});
