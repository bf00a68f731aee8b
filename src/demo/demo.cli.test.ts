import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, createTestContext, type TestContext } from '../test-support/testing.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../cli.ts');

/** `vouch demo` as a child process on the test's SQLite file. */
describe('vouch demo (CLI)', () => {
  let ctx: TestContext;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    env = cliEnv(ctx);
  });
  afterAll(async () => ctx?.close());

  const demo = async (args: string[], extra: NodeJS.ProcessEnv) =>
    (
      await run(process.execPath, [cli, 'demo', '--contacts', '12', ...args], {
        env: { ...env, ...extra },
      })
    ).stdout;

  it('prints the address the server answers on: its port, or VOUCH_BASE_URL', async () => {
    const onPort = await demo(['--email', 'port@vouch.example', '--port', '4123'], {});
    expect(onPort).toContain('Sign in at http://localhost:4123/sign-in with port@vouch.example');
    const fromEnv = await demo(['--email', 'env@vouch.example'], { PORT: '8089' });
    expect(fromEnv).toContain('Sign in at http://localhost:8089/sign-in');
    const behindProxy = await demo(['--email', 'proxy@vouch.example', '--port', '4123'], {
      VOUCH_BASE_URL: 'https://vouch.example.org/',
    });
    expect(behindProxy).toContain('Sign in at https://vouch.example.org/sign-in');
    expect(behindProxy).not.toContain('localhost');
  }, 150_000);
});
