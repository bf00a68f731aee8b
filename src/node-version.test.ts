/**
 * Issue 11: on a Node too old to run the TypeScript sources, `npm start` and `npx vouch` died
 * with ERR_UNKNOWN_FILE_EXTENSION ".ts". They now say in one line what they need, what they
 * found and where the README says how, and exit 1. Run here with the machine's old Node
 * (/usr/bin/node is Node 20 on CI); skipped, saying why, when there is none.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const oldNodePath = process.env.VOUCH_OLD_NODE ?? '/usr/bin/node';

function versionOf(node: string): string | null {
  if (!existsSync(node)) return null;
  const out = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().replace(/^v/, '') : null;
}

/** The checker's own verdict, asked of the Node running the tests. */
function supported(versions: string[]): boolean[] {
  const out = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(path.join(root, 'scripts/check-node.js'))});
       console.log(JSON.stringify(${JSON.stringify(versions)}.map(m.supported)));`,
    ],
    { encoding: 'utf8' },
  );
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout) as boolean[];
}

const oldVersion = versionOf(oldNodePath);
const [major = 0, minor = 0] = (oldVersion ?? '0.0').split('.').map(Number);
const oldNode = oldVersion !== null && (major < 22 || (major === 22 && minor < 18) || major === 23);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sentence = `Vouch needs Node\\.js 24 or later \\(or 22\\.18\\+ on the 22 line; not 23\\); found Node ${escaped(oldVersion ?? '')} at \\S+\\. README\\.md, "Getting Node 24", says how to install it beside this one\\.`;
/** Exactly one line, nothing else. */
const line = new RegExp(`^${sentence}\\n$`);

describe('the Node version check', () => {
  it('accepts 22.18+ on the 22 line and 24+, nothing older and not 23', () => {
    expect(
      supported([
        '20.20.2',
        'v22.12.0',
        '22.17.1',
        '22.18.0',
        '22.20.0',
        '23.11.0',
        '24.0.0',
        '26.1.0',
      ]),
    ).toEqual([false, false, false, true, true, false, true, true]);
  });

  it('lets the Node running the tests through', () => {
    const out = spawnSync(process.execPath, [path.join(root, 'scripts/check-node.js')], {
      encoding: 'utf8',
    });
    expect({ status: out.status, stderr: out.stderr }).toEqual({ status: 0, stderr: '' });
  });

  describe.skipIf(!oldNode)(
    `with the machine's old Node (${oldNodePath} ${oldVersion ?? 'missing'}${oldNode ? '' : ': skipped, no Node older than 22.18 here; set VOUCH_OLD_NODE to one'})`,
    () => {
      for (const [what, args] of [
        ['scripts/check-node.js', [path.join(root, 'scripts/check-node.js')]],
        ['npx vouch (bin/vouch.js)', [path.join(root, 'bin/vouch.js'), 'serve']],
      ] as const) {
        it(`${what} prints one line and exits 1`, () => {
          const out = spawnSync(oldNodePath, args, { encoding: 'utf8', cwd: root });
          expect(out.stderr).toMatch(line);
          expect(out.stdout).toBe('');
          expect(out.status).toBe(1);
        });
      }

      it('npm start stops at the check, before any .ts is loaded', () => {
        const bin = path.dirname(oldNodePath);
        const out = spawnSync('npm', ['start', '--silent'], {
          encoding: 'utf8',
          cwd: root,
          env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
        });
        expect(out.stderr).toMatch(new RegExp(`^${sentence}$`, 'm'));
        expect(out.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
        expect(out.status).not.toBe(0);
      });
    },
  );
});
