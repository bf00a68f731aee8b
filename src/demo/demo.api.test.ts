import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { seedMember, seedPractice, testTargets } from '../test-support/testing.ts';

describe.each(testTargets)('explore with demo data on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Fresh']);

  it('fills an empty practice with a two-year network that every page can show', async () => {
    const res = await a.session.json<{
      contacts: number;
      referrals: number;
      given: number;
      interactions: number;
    }>('POST', '/practice/demo-data', {});
    expect(res.status).toBe(201);
    expect(res.body.contacts).toBe(300);
    expect(res.body.referrals).toBeGreaterThanOrEqual(140);
    expect(res.body.given).toBe(30);
    const practice = await a.session.json<{ isSetUp: boolean; name: string }>('GET', '/practice');
    expect(practice.body).toMatchObject({ isSetUp: true, name: 'Fresh' });
    const mostWanted = await a.session.json<{ items: { coverage: number }[] }>(
      'GET',
      '/most-wanted',
    );
    expect(mostWanted.body.items).toHaveLength(7);
    expect(mostWanted.body.items.some((i) => i.coverage > 0)).toBe(true);
    const board = await a.session.json<{ columns: { status: string; total: number }[] }>(
      'GET',
      '/referrals/board',
    );
    const totals = Object.fromEntries(board.body.columns.map((c) => [c.status, c.total]));
    expect(totals.client).toBeGreaterThan(20);
    expect(totals.closed).toBeGreaterThan(10);
    const ledger = await a.session.json<{ items: unknown[] }>('GET', '/reciprocity');
    expect(ledger.body.items.length).toBeGreaterThan(5);
  });

  it('refuses a practice that already has contacts, and writes nothing', async () => {
    const before = await a.session.json<{ items: unknown[] }>('GET', '/contacts?limit=200');
    const res = await a.session.json<{ code: string }>('POST', '/practice/demo-data', {});
    expect(res.status).toBe(409);
    const after = await a.session.json<{ items: unknown[] }>('GET', '/contacts?limit=200');
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('is one transaction: a failure part-way leaves the practice as it was', async () => {
    const fresh = await seedPractice(ctx, 'Fails');
    const db = ctx.deps.db;
    // A real failure in the database at the last step (the referrals given), not a stub.
    if (ctx.deps.dialect === 'postgres') {
      await sql`create function vouch_test_fail() returns trigger language plpgsql
                as $$ begin raise exception 'injected failure'; end $$`.execute(db);
      await sql`create trigger vouch_test_fail before insert on referral_given
                for each row execute function vouch_test_fail()`.execute(db);
    } else
      await sql`create trigger vouch_test_fail before insert on referral_given
                begin select raise(abort, 'injected failure'); end`.execute(db);
    try {
      const res = await fresh.session.request('POST', '/practice/demo-data', {});
      expect(res.status).toBe(500);
    } finally {
      await sql`drop trigger vouch_test_fail${sql.raw(ctx.deps.dialect === 'postgres' ? ' on referral_given' : '')}`.execute(
        db,
      );
    }
    const count = async (table: 'contact' | 'referral' | 'category' | 'interaction') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('practice_id', '=', fresh.practiceId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const table of ['contact', 'referral', 'category', 'interaction'] as const)
      expect(await count(table), table).toBe(0);
    const practice = await fresh.session.json<{ isSetUp: boolean }>('GET', '/practice');
    expect(practice.body.isSetUp).toBe(false);
    // Nothing was left behind, so the owner can simply try again.
    expect((await fresh.session.request('POST', '/practice/demo-data', {})).status).toBe(201);
  });

  it('is for owners only', async () => {
    const b = await seedPractice(ctx, 'Other');
    const member = (await seedMember(ctx, b.practiceId, 'M')).session;
    expect((await member.json('POST', '/practice/demo-data', {})).status).toBe(403);
  });
});
