import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Practice } from '../practices/practice.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  countRows,
  createTestContext,
  seedMember,
  seedPractice,
  testTargets,
} from '../test-support/testing.ts';
import { demoCategoryOrganizations, otherOrganizations } from './demo.data.ts';
import { createDemoPractice, deleteDemoPractice } from './demo.service.ts';

type DemoState = { exists: boolean; open: boolean; practiceName: string | null };
const setup = {
  name: 'Rivera Coaching',
  profession: 'coach',
  valueProposition: 'Sam helps founders grow without burning out.',
  keyPhrases: ['founders', 'grow', 'burning out'],
  timeZone: 'Europe/Berlin',
  markSetUp: true,
};

describe.each(testTargets)('the demo practice on %s', (target) => {
  const ctx = useTestContext(target);
  const [sam] = usePractices(ctx, ['Sam']);

  /** Every row in any practice-keyed table of this practice (the audit log included). */
  const rowsOf = async (practiceId: string) => {
    const out: Record<string, number> = {};
    const tables = Object.keys(await countRows(ctx.deps)).filter(
      (t) => !t.startsWith('auth_') && t !== 'practice',
    );
    for (const table of [...tables, 'audit_log', 'audit_head']) {
      const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
        table,
      )} where practice_id = ${practiceId}`.execute(ctx.deps.db);
      out[table] = Number(row.rows[0]?.n);
    }
    return out;
  };

  it('is a separate practice, created after setup, with every page at work', async () => {
    await ok(sam.session, 'PATCH', '/practice', setup);
    const own = await ok<Practice>(sam.session, 'GET', '/practice');
    expect(await ok<DemoState>(sam.session, 'GET', '/demo')).toEqual({
      exists: false,
      open: false,
      practiceName: null,
    });
    const res = await sam.session.json<DemoState & { contacts: number; referrals: number }>(
      'POST',
      '/demo',
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      exists: true,
      open: true,
      practiceName: 'Clear Path Coaching',
    });
    expect(res.body.referrals).toBeGreaterThanOrEqual(140);

    // The session now works in the demo, clearly marked; the own practice is untouched.
    const demo = await ok<Practice>(sam.session, 'GET', '/practice');
    expect(demo).toMatchObject({ name: 'Clear Path Coaching', isDemo: true, isSetUp: true });
    expect(demo.id).not.toBe(own.id);
    const ownRow = await ctx.deps.db
      .selectFrom('practice')
      .selectAll()
      .where('id', '=', own.id)
      .executeTakeFirstOrThrow();
    expect(ownRow).toMatchObject({
      name: 'Rivera Coaching',
      value_proposition: setup.valueProposition,
      updated_at: own.updatedAt,
    });
    // The API token stays in the practice it was made in, which has nothing of the demo.
    expect((await ok<{ items: unknown[] }>(sam.bearer, 'GET', '/contacts')).items).toEqual([]);

    // Every page has something to show.
    const list = async (url: string) =>
      (await ok<{ items: unknown[] }>(sam.session, 'GET', url)).items.length;
    expect(await list('/contacts?limit=200')).toBeGreaterThan(100);
    expect(await list('/commitments')).toBeGreaterThan(0);
    expect(await list('/incentives')).toBeGreaterThan(0);
    expect(await list('/messages')).toBeGreaterThan(0);
    expect(await ok(sam.session, 'GET', '/goals/current')).toMatchObject({ targetClients: 40 });
    const surveys = await ok<{ items: { recipients: { answer: string | null }[] }[] }>(
      sam.session,
      'GET',
      '/surveys',
    );
    expect(surveys.items[0]?.recipients.filter((r) => r.answer).length).toBe(3);
    const board = await ok<{ columns: { status: string; total: number }[] }>(
      sam.session,
      'GET',
      '/referrals/board',
    );
    const totals = Object.fromEntries(board.columns.map((c) => [c.status, c.total]));
    expect(totals.client).toBeGreaterThan(20);
    expect((await list('/reciprocity')) > 5).toBe(true);
    // Nothing was sent anywhere: the letters wait, and the demo has no SMTP.
    const sent = await ctx.deps.db
      .selectFrom('message')
      .select('id')
      .where('practice_id', '=', demo.id)
      .where('status', '=', 'sent')
      .execute();
    expect(sent).toEqual([]);
  }, 900_000);

  it('has plausible rows: nobody refers before they are known, organisations fit categories, all within two years', async () => {
    const demo = await ok<Practice>(sam.session, 'GET', '/practice');
    const db = ctx.deps.db;
    const now = Date.now();
    const early = await db
      .selectFrom('referral as r')
      .innerJoin('contact as c', (j) =>
        j.onRef('c.practice_id', '=', 'r.practice_id').onRef('c.id', '=', 'r.referrer_id'),
      )
      .select(['r.id', 'r.received_at', 'c.created_at'])
      .where('r.practice_id', '=', demo.id)
      .whereRef('r.received_at', '<', 'c.created_at')
      .execute();
    expect(early).toEqual([]);
    const referredLater = await db
      .selectFrom('referral as r')
      .innerJoin('contact as c', (j) =>
        j.onRef('c.practice_id', '=', 'r.practice_id').onRef('c.id', '=', 'r.referred_id'),
      )
      .select(['r.id'])
      .where('r.practice_id', '=', demo.id)
      .whereRef('r.received_at', '<', 'c.created_at')
      .execute();
    expect(referredLater).toEqual([]);
    const givenEarly = await db
      .selectFrom('referral_given as g')
      .innerJoin('contact as c', (j) =>
        j
          .onRef('c.practice_id', '=', 'g.practice_id')
          .on((eb) =>
            eb.or([
              eb('c.id', '=', eb.ref('g.partner_id')),
              eb('c.id', '=', eb.ref('g.person_id')),
            ]),
          ),
      )
      .select('g.id')
      .where('g.practice_id', '=', demo.id)
      .whereRef('g.created_at', '<', 'c.created_at')
      .execute();
    expect(givenEarly).toEqual([]);
    const touchesEarly = await db
      .selectFrom('interaction as i')
      .innerJoin('contact as c', (j) =>
        j.onRef('c.practice_id', '=', 'i.practice_id').onRef('c.id', '=', 'i.contact_id'),
      )
      .select('i.id')
      .where('i.practice_id', '=', demo.id)
      .whereRef('i.occurred_at', '<', 'c.created_at')
      .execute();
    expect(touchesEarly).toEqual([]);

    const contacts = await db
      .selectFrom('contact as c')
      .leftJoin('category as k', (j) =>
        j.onRef('k.practice_id', '=', 'c.practice_id').onRef('k.id', '=', 'c.category_id'),
      )
      .select(['c.name', 'c.organization', 'c.created_at', 'k.name as category'])
      .where('c.practice_id', '=', demo.id)
      .execute();
    const byCategory = demoCategoryOrganizations as Record<string, readonly string[]>;
    for (const c of contacts) {
      const at = Date.parse(c.created_at);
      expect(at, c.name).toBeGreaterThanOrEqual(now - 731 * 86_400_000);
      expect(at, c.name).toBeLessThanOrEqual(now);
      if (c.organization === null) continue;
      const allowed = c.category ? byCategory[c.category] : otherOrganizations;
      expect(allowed, `${c.name}: ${c.organization} under ${c.category}`).toContain(c.organization);
    }
    const referrals = await db
      .selectFrom('referral')
      .select('received_at')
      .where('practice_id', '=', demo.id)
      .execute();
    for (const r of referrals)
      expect(Date.parse(r.received_at)).toBeGreaterThanOrEqual(now - 731 * 86_400_000);
  });

  it('switches between the demo and the own practice', async () => {
    const back = await ok<DemoState>(sam.session, 'PUT', '/demo/open', { open: false });
    expect(back).toMatchObject({ exists: true, open: false });
    expect(await ok<Practice>(sam.session, 'GET', '/practice')).toMatchObject({
      name: 'Rivera Coaching',
      isDemo: false,
    });
    await ok(sam.session, 'PUT', '/demo/open', { open: true });
    expect((await ok<Practice>(sam.session, 'GET', '/practice')).isDemo).toBe(true);
    // In the demo the user is a guest: a token or feed made there could never sign in.
    await expectProblem(
      await sam.session.request('POST', '/tokens', { name: 'In the demo' }),
      403,
      'forbidden',
    );
    await expectProblem(await sam.session.request('POST', '/calendar-feeds', {}), 403, 'forbidden');
    // One demo per user; and the demo is the session's, never an API token's.
    expect((await sam.session.json('POST', '/demo', {})).status).toBe(409);
    expect((await sam.bearer.json('PUT', '/demo/open', { open: false })).status).toBe(403);
    expect((await sam.bearer.request('DELETE', '/demo')).status).toBe(403);
  });

  it('is deleted in one request, leaving nothing behind and the own practice as it was', async () => {
    const demo = await ok<Practice>(sam.session, 'GET', '/practice');
    // A real account someone added to the demo practice is not deleted with it.
    const real = await seedMember(ctx, demo.id, 'Real Person');
    const res = await sam.session.request('DELETE', '/demo');
    expect(res.status).toBe(204);
    expect(Object.values(await rowsOf(demo.id)).every((n) => n === 0)).toBe(true);
    const practiceRows = await ctx.deps.db
      .selectFrom('practice')
      .select('id')
      .where('id', '=', demo.id)
      .execute();
    expect(practiceRows).toEqual([]);
    const madeUpOwners = await ctx.deps.db
      .selectFrom('auth_user')
      .select('id')
      .where('email', 'like', '%@demo.invalid')
      .execute();
    expect(madeUpOwners).toEqual([]);
    const realUser = await ctx.deps.db
      .selectFrom('auth_user')
      .select('id')
      .where('email', '=', real.email)
      .execute();
    expect(realUser).toHaveLength(1);
    expect(await ok<Practice>(sam.session, 'GET', '/practice')).toMatchObject({
      name: 'Rivera Coaching',
      isDemo: false,
      valueProposition: setup.valueProposition,
    });
    expect(await ok<DemoState>(sam.session, 'GET', '/demo')).toMatchObject({ exists: false });
    expect((await sam.session.request('DELETE', '/demo')).status).toBe(404);
  });

  it('is one transaction: a failure part-way leaves nothing behind, and can be tried again', async () => {
    const fresh = await seedPractice(ctx, 'Fails');
    const db = ctx.deps.db;
    const before = await countRows(ctx.deps);
    // A real failure in the database at the last step (the referrals given), not a stub.
    if (ctx.deps.dialect === 'postgres') {
      await sql`create function vouch_test_fail() returns trigger language plpgsql
                as $$ begin raise exception 'injected failure'; end $$`.execute(db);
      await sql`create trigger vouch_test_fail before insert on referral_given
                for each row execute function vouch_test_fail()`.execute(db);
    } else
      await sql`create trigger vouch_test_fail before insert on referral_given
                begin select raise(abort, 'injected failure'); end`.execute(db);
    // Through the use case, with a smaller network than the route's, to keep the test short.
    const actor = {
      userId: fresh.userId,
      practiceId: fresh.practiceId,
      role: 'owner',
      via: 'session',
    } as const;
    try {
      await expect(createDemoPractice(ctx.deps, actor, 60)).rejects.toThrow(/injected failure/);
    } finally {
      await sql`drop trigger vouch_test_fail${sql.raw(ctx.deps.dialect === 'postgres' ? ' on referral_given' : '')}`.execute(
        db,
      );
    }
    expect(await countRows(ctx.deps)).toEqual(before);
    expect(await ok<DemoState>(fresh.session, 'GET', '/demo')).toMatchObject({ exists: false });
    expect((await ok<Practice>(fresh.session, 'GET', '/practice')).name).toBe('Fails');
    // Nothing was left behind, so the user can simply try again.
    await expect(createDemoPractice(ctx.deps, actor, 60)).resolves.toMatchObject({ open: true });
    expect((await ok<Practice>(fresh.session, 'GET', '/practice')).isDemo).toBe(true);
  }, 300_000);

  it('made twice at the same moment: one demo, and the other request is a 409 that leaves nothing', async () => {
    const twice = await seedPractice(ctx, 'Twice');
    const actor = {
      userId: twice.userId,
      practiceId: twice.practiceId,
      role: 'owner',
      via: 'session',
    } as const;
    const results = await Promise.allSettled([
      createDemoPractice(ctx.deps, actor, 24),
      createDemoPractice(ctx.deps, actor, 24),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'conflict' });
    const demos = await ctx.deps.db
      .selectFrom('practice')
      .select('id')
      .where('demo_of_user_id', '=', twice.userId)
      .execute();
    expect(demos).toHaveLength(1);
    // The loser's made-up owner went with its half-made practice: one per demo, no more.
    const owners = await ctx.deps.db
      .selectFrom('auth_user')
      .select('id')
      .where('email', 'like', '%@demo.invalid')
      .execute();
    const allDemos = await ctx.deps.db
      .selectFrom('practice')
      .select('id')
      .where('demo_of_user_id', 'is not', null)
      .execute();
    expect(owners).toHaveLength(allDemos.length);
    expect(await ok<DemoState>(twice.session, 'GET', '/demo')).toMatchObject({ exists: true });
  }, 300_000);
});

describe('creating demo practices over and over', () => {
  it('is refused after three in an hour with 429 and Retry-After; the own practice is untouched', async () => {
    const ctx = await createTestContext('sqlite', { rateLimit: true });
    try {
      const rita = await seedPractice(ctx, 'Rita');
      const actor = {
        userId: rita.userId,
        practiceId: rita.practiceId,
        role: 'owner',
        via: 'session',
      } as const;
      for (let i = 0; i < 3; i++) {
        await createDemoPractice(ctx.deps, actor, 24);
        await deleteDemoPractice(ctx.deps, actor);
      }
      const res = await rita.session.request('POST', '/demo', {});
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const problem = await expectProblem(res, 429, 'rate_limited');
      expect(problem.detail).toMatch(/^Too many demo practices created\. Wait \d+ minutes/);
      expect(await ok<DemoState>(rita.session, 'GET', '/demo')).toMatchObject({ exists: false });
      // Another user is not held back by Rita's count.
      const sam = await seedPractice(ctx, 'Sam');
      expect((await sam.session.request('POST', '/demo', {})).status).toBe(201);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
