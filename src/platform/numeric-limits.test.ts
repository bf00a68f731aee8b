/**
 * Every number the API accepts fits where it is stored, on both databases (issue 9: the schema
 * allowed an incentive of 10^11 into a PostgreSQL `integer`). The inputs come from the OpenAPI
 * document, so a new numeric field without an entry below fails this test.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadOpenApi,
  type NumericInput,
  numericInputsOf,
} from '../test-support/openapi-testing.ts';
import { useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';

type Home =
  /** `table.column` */
  | string
  /** Kept inside a JSON text column: bounded only by the schema, which must be a safe integer. */
  | { json: string }
  /** Used for the request only (a page size, a preview). */
  | { notStored: string };

/** Where each numeric input lands. A key ending in `*` covers every field under it. */
const homes: Record<string, Home> = {
  'PATCH /practice/settings body.*': { json: 'practice.settings' },
  'GET /contacts query:limit': { notStored: 'page size' },
  'GET /referrals query:limit': { notStored: 'page size' },
  'GET /referrals/board query:limit': { notStored: 'page size' },
  'GET /referrals-given query:limit': { notStored: 'page size' },
  'GET /messages query:limit': { notStored: 'page size' },
  'GET /imports query:limit': { notStored: 'page size' },
  'GET /imports/{id}/problems query:limit': { notStored: 'page size' },
  'GET /audit query:limit': { notStored: 'page size' },
  'GET /webhooks/{id}/deliveries query:limit': { notStored: 'page size' },
  'GET /agenda query:perKind': { notStored: 'items per kind' },
  'POST /agenda/items/bulk body.olderThanDays': { notStored: 'days overdue to dismiss' },
  'POST /contacts body.keepInTouchDays': 'contact.keep_in_touch_days',
  'PATCH /contacts/{id} body.keepInTouchDays': 'contact.keep_in_touch_days',
  'PATCH /categories/{id} body.target': 'category.target',
  'POST /referrals body.valueMinor': 'referral.value_minor',
  'PATCH /referrals/{id} body.valueMinor': 'referral.value_minor',
  'PUT /smtp body.port': 'smtp_settings.port',
  'POST /contacts/{id}/moments body.score': 'moment.score',
  'POST /contacts/{id}/commitments body.promisedCount': 'commitment.promised_count',
  'PATCH /commitments/{id} body.promisedCount': 'commitment.promised_count',
  // The preview judges the incentive that would be created, so it takes the same limit.
  'POST /incentives/preview body.valueMinor': 'incentive.value_minor',
  'POST /incentives body.valueMinor': 'incentive.value_minor',
  'GET /goals/{year} path:year': 'goal.year',
  'PUT /goals/{year} path:year': 'goal.year',
  'PUT /goals/{year} body.targetClients': 'goal.target_clients',
  'POST /celebrations/{year}/{threshold}/seen path:year': 'celebration_seen.year',
  'POST /celebrations/{year}/{threshold}/seen path:threshold': 'celebration_seen.threshold',
};

const homeOf = (key: string): [string, Home] | undefined =>
  Object.entries(homes).find(([k]) =>
    k.endsWith('*') ? key.startsWith(k.slice(0, -1)) : k === key,
  );

/** The range of a column type; null when the type holds no integers (text, say). */
function rangeOf(dialect: string, dataType: string): { min: number; max: number } | null {
  const t = dataType.toLowerCase();
  // SQLite stores any INTEGER in up to 8 bytes: more than any JS number we accept.
  if (dialect === 'sqlite') return /int/.test(t) ? { min: -(2 ** 63), max: 2 ** 63 - 1 } : null;
  if (t === 'smallint') return { min: -32_768, max: 32_767 };
  if (t === 'integer') return { min: -2_147_483_648, max: 2_147_483_647 };
  if (t === 'bigint') return { min: -(2 ** 63), max: 2 ** 63 - 1 };
  return null;
}

describe.each(testTargets)('numeric limits fit their columns (%s)', (target) => {
  let inputs: NumericInput[];

  const ctx = useTestContext(target);
  beforeAll(async () => {
    inputs = numericInputsOf(await loadOpenApi(ctx));
  });

  async function columnType(table: string, column: string): Promise<string | null> {
    if (ctx.deps.dialect === 'postgres') {
      const { rows } = await sql<{ data_type: string }>`
        select data_type from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(
        ctx.deps.db,
      );
      return rows[0]?.data_type ?? null;
    }
    const { rows } = await sql<{ type: string }>`
      select type from pragma_table_info(${table}) where name = ${column}`.execute(ctx.deps.db);
    return rows[0]?.type ?? null;
  }

  it('finds the numeric inputs in the OpenAPI document', () => {
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.map((i) => i.key)).toContain('POST /incentives body.valueMinor');
  });

  it('knows where every numeric input is stored, and every entry is still an input', () => {
    const unmapped = inputs.filter((i) => !homeOf(i.key)).map((i) => i.key);
    expect(unmapped, 'add these to `homes` above').toEqual([]);
    const stale = Object.keys(homes).filter(
      (k) =>
        !inputs.some((i) => (k.endsWith('*') ? i.key.startsWith(k.slice(0, -1)) : i.key === k)),
    );
    expect(stale, 'these are no longer inputs').toEqual([]);
  });

  it('bounds every numeric input, within safe integers', () => {
    const unbounded = inputs
      .filter(
        ({ schema: s }) =>
          typeof s.minimum !== 'number' ||
          typeof s.maximum !== 'number' ||
          !Number.isSafeInteger(s.minimum) ||
          !Number.isSafeInteger(s.maximum),
      )
      .map((i) => i.key);
    expect(unbounded).toEqual([]);
  });

  it('keeps every stored maximum and minimum inside its column', async () => {
    const misfits: string[] = [];
    for (const { key, schema } of inputs) {
      const home = homeOf(key)?.[1];
      if (home === undefined || (typeof home === 'object' && 'notStored' in home)) continue;
      const [table, column] = (typeof home === 'string' ? home : home.json).split('.') as [
        string,
        string,
      ];
      const type = await columnType(table, column);
      if (type === null) {
        misfits.push(`${key}: no column ${table}.${column}`);
        continue;
      }
      if (typeof home === 'object') {
        if (!/text|json/i.test(type))
          misfits.push(`${key}: ${table}.${column} is ${type}, not JSON text`);
        continue;
      }
      const range = rangeOf(ctx.deps.dialect, type);
      const { minimum = -Infinity, maximum = Infinity } = schema;
      if (!range) misfits.push(`${key}: ${table}.${column} is ${type}, not a number`);
      else if (maximum > range.max || minimum < range.min)
        misfits.push(`${key}: [${minimum}, ${maximum}] does not fit ${table}.${column} (${type})`);
    }
    expect(misfits).toEqual([]);
  });
});
