/**
 * The layers of docs/ARCHITECTURE.md, kept straight (issue 10): no import cycle, platform/
 * imports no feature, the web takes only types from the server and the server nothing from
 * the web (dependency-cruiser, rules in .dependency-cruiser.cjs), and SQL is built only in
 * repositories (a text scan: the cruiser sees imports, not queries). Each rule also runs on
 * fixtures/architecture, a tree that breaks it on purpose, so a rule that stops firing fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixtureRoot = path.join(repoRoot, 'fixtures/architecture');
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration;

/** Every rule broken under `root` (paths relative to it), as "rule: from → to". */
async function dependencyViolations(root: string): Promise<string[]> {
  const { output } = await cruise(['src', 'web/src'], {
    ...config.options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
  });
  const result = (typeof output === 'string' ? JSON.parse(output) : output) as ICruiseResult;
  return result.summary.violations
    .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    .sort((a, b) => a.localeCompare(b));
}

/** Kysely query building and raw `sql` templates: what only a repository may write. */
const sqlBuilding =
  /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(|\bsql(<[^>`]*>)?`|\bsql\.(raw|ref|table|id|lit|join|val)\(|\.schema\.(createTable|alterTable|dropTable|createIndex|dropIndex)\(/;

/** Repositories, migrations, the connection itself (pragmas, vacuum), and tests checking storage. */
const mayBuildSql = (file: string) =>
  file.endsWith('.repository.ts') ||
  file.endsWith('.test.ts') ||
  file.startsWith('src/platform/migrations/') ||
  file.startsWith('src/test-support/') ||
  file === 'src/platform/db.ts';

/** Timestamps are written by `toTimestamp` (clock.ts) and days by calendar.ts, nowhere else. */
const rawTimestamp = /\.toISOString\(\)/;
const mayWriteTimestamps = (file: string) =>
  file.endsWith('.test.ts') ||
  file.startsWith('src/test-support/') ||
  file === 'src/platform/clock.ts' ||
  file === 'src/platform/calendar.ts';

/** "file:line" of each code line under root/src matching `pattern`, outside the allowed files. */
function linesOutside(root: string, pattern: RegExp, allowed: (file: string) => boolean): string[] {
  const files = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.tsx?$/.test(f) && !allowed(f));
  return files
    .flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          pattern.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${file}:${i + 1}`] : [],
        ),
    )
    .sort((a, b) => a.localeCompare(b));
}

const sqlOutsideRepositories = (root: string) => linesOutside(root, sqlBuilding, mayBuildSql);
const rawTimestamps = (root: string) => linesOutside(root, rawTimestamp, mayWriteTimestamps);

describe('architecture', () => {
  it('has no import cycle, no upward import from platform/ and no server code in the web', async () => {
    expect(await dependencyViolations(repoRoot)).toEqual([]);
  });

  it('builds SQL only in repositories, migrations and platform/db.ts', () => {
    expect(sqlOutsideRepositories(repoRoot)).toEqual([]);
  });

  it('writes timestamps only through toTimestamp (platform/clock.ts)', () => {
    expect(rawTimestamps(repoRoot)).toEqual([]);
  });

  it('catches each kind of violation in a tree that breaks the rules on purpose', async () => {
    expect(await dependencyViolations(fixtureRoot)).toEqual([
      'every-import-resolves: src/orders/unresolved.ts → ./ghost.ts',
      'no-cycle: src/orders/order.rules.ts → src/orders/order.service.ts',
      'platform-is-the-ground-floor: src/platform/typed.ts → src/orders/order.schemas.ts',
      'platform-is-the-ground-floor: src/platform/upward.ts → src/app.ts',
      'platform-is-the-ground-floor: src/platform/upward.ts → src/orders/order.service.ts',
      'server-does-not-import-the-web: src/orders/order-check.ts → web/src/order-view.ts',
      'web-takes-only-types-from-the-server: web/src/orders-page.ts → src/orders/order.service.ts',
    ]);
    expect(sqlOutsideRepositories(fixtureRoot)).toEqual(['src/orders/order.service.ts:10']);
    expect(rawTimestamps(fixtureRoot)).toEqual(['src/orders/order.service.ts:14']);
  });
});
