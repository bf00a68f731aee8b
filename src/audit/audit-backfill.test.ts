import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../platform/audit.ts';
import { fixedClock } from '../platform/clock.ts';
import { type DatabaseHandle, openDatabase } from '../platform/db.ts';
import { migrateToLatest, migrateUpTo } from '../platform/migrations/index.ts';
import { createPostgresDatabase, testTargets } from '../test-support/testing.ts';
import { verifyAuditChains } from './audit.service.ts';

/**
 * A database an older release left, with audit rows written before the chain: 0014 chains them
 * in the order they were written. Raw inserts are the point: no service writes the old shape.
 */
describe.each(testTargets)('migration 0014-audit-chain on %s', (target) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (target === 'postgres') {
      const pg = await createPostgresDatabase(process.env.DATABASE_URL_TEST ?? '');
      handle = openDatabase({ dialect: 'postgres', url: pg.url });
      cleanup = pg.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'vouch-migration-'));
      handle = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'vouch.db') });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await migrateUpTo(handle.db, handle.dialect, '0008-insight-groupings');
  });
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
  });

  it('chains existing rows per practice in written order, and new rows continue the chain', async () => {
    const { db } = handle;
    const now = '2026-01-01T00:00:00.000Z';
    for (const id of ['p1', 'p2'])
      await sql`insert into practice (id, name, profession, value_proposition, key_phrases,
        ideal_client, time_zone, postal_address, settings, created_at, updated_at)
        values (${id}, ${id}, 'other', '', '[]', '', 'UTC', '', '{}', ${now}, ${now})`.execute(db);
    // Inserted out of order: the chain must follow created_at, then id.
    const rows: [string, string, string, string | null][] = [
      [
        'p1',
        'c',
        '2026-01-03T00:00:00.000Z',
        '{"format":"csv","filter":{"q":"Zelda","status":"new"}}',
      ],
      ['p1', 'a', '2026-01-01T00:00:00.000Z', '{"ip":"127.0.0.1"}'],
      ['p2', 'z', '2026-01-02T00:00:00.000Z', null],
      ['p1', 'b', '2026-01-02T00:00:00.000Z', '{"toName":"Zelda Zimmerman","messageId":"m1"}'],
    ];
    for (const [practiceId, id, at, detail] of rows)
      await sql`insert into audit_log (practice_id, id, user_id, action, subject_type, subject_id,
        detail, created_at) values (${practiceId}, ${id}, null, ${`old.${id}`}, null, null,
        ${detail}, ${at})`.execute(db);

    await migrateToLatest(db, handle.dialect);

    const chained = await db
      .selectFrom('audit_log')
      .select(['practice_id', 'id', 'seq'])
      .orderBy('practice_id')
      .orderBy('seq')
      .execute();
    expect(chained.map((r) => [r.practice_id, r.id, Number(r.seq)])).toEqual([
      ['p1', 'a', 1],
      ['p1', 'b', 2],
      ['p1', 'c', 3],
      ['p2', 'z', 1],
    ]);
    expect(await verifyAuditChains({ db })).toEqual({ practices: 2, links: 4, broken: null });
    // Old details that named a person are written the way new ones are: ids only.
    const details = await db
      .selectFrom('audit_log')
      .select(['id', 'detail'])
      .where('id', 'in', ['b', 'c'])
      .orderBy('id')
      .execute();
    expect(details.map((r) => (r.detail ? JSON.parse(r.detail) : null))).toEqual([
      { messageId: 'm1' },
      { format: 'csv', filter: { status: 'new' }, textSearch: true },
    ]);

    await recordAudit(db, fixedClock('2026-02-01T00:00:00.000Z'), {
      practiceId: 'p1',
      userId: null,
      action: 'new.entry',
    });
    expect(await verifyAuditChains({ db }, { practiceId: 'p1' })).toEqual({
      practices: 1,
      links: 4,
      broken: null,
    });
  });
});
