import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../platform/db.ts';
import { migrateToLatest } from '../platform/migrations/index.ts';
import { countReferralsByStatus } from './referral.repository.ts';

describe('the board totals query (SQLite)', () => {
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it('reads an index alone, not every referral of the practice', async () => {
    const queries: { sql: string; parameters: readonly unknown[] }[] = [];
    handle = openDatabase(
      { dialect: 'sqlite', file: ':memory:' },
      { onQuery: (sql, parameters) => queries.push({ sql, parameters }) },
    );
    await migrateToLatest(handle.db, 'sqlite');
    queries.length = 0;
    await countReferralsByStatus(handle.db, 'practice-1', {});
    const [totals] = queries;
    expect(totals?.sql).toMatch(/count\(\*\)/);
    const plan = await handle.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${totals?.sql}`, [...(totals?.parameters ?? [])]),
    );
    expect(plan.rows.map((r) => r.detail)).toEqual([
      'SEARCH referral USING COVERING INDEX referral_board_totals (practice_id=?)',
    ]);
  });
});
