import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../test-support/suite.ts';
import { type Caller, caller, cookieFrom, testTargets } from '../test-support/testing.ts';
import { generateLargePractice, type LargePracticeStats } from './large-practice.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

/** Pages through a list to its end, checking that no id repeats. */
async function pageAll<T extends { id: string }>(api: Caller, url: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = url.includes('?') ? '&' : '?';
    const page: { status: number; body: Page<T> } = await api.json<Page<T>>(
      'GET',
      `${url}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(new Set(out.map((r) => r.id)).size).toBe(out.length);
  return out;
}

// The generator at a tenth of the benchmark's size (2,000 contacts, 6,000 referrals, …).
describe.each(testTargets)('a large practice on %s (1/10 scale)', (target) => {
  let api: Caller;
  let stats: LargePracticeStats;

  const ctx = useTestContext(target);
  beforeAll(async () => {
    stats = await generateLargePractice(ctx.deps, {
      contacts: 2000,
      seed: 1,
      email: 'large@example.com',
      password: 'many contacts walkthrough',
    });
    const res = await caller(ctx).request('POST', '/auth/sign-in', {
      email: 'large@example.com',
      password: 'many contacts walkthrough',
    });
    api = caller(ctx, { cookie: cookieFrom(res) });
  }, 120_000);

  it('generates the promised volumes, deterministically', () => {
    expect(stats).toMatchObject({
      contacts: 2000,
      referrals: 6000,
      given: 1000,
      interactions: 10000,
    });
  });

  it('pages through every contact exactly once', async () => {
    const all = await pageAll<{ id: string }>(api, '/contacts?sort=-createdAt');
    expect(all).toHaveLength(2000);
  });

  it('filters contacts exactly as the data says', async () => {
    const category = await ctx.deps.db
      .selectFrom('category')
      .select('id')
      .where('practice_id', '=', stats.practiceId)
      .where('most_wanted_rank', '=', 1)
      .executeTakeFirstOrThrow();
    const expected = await ctx.deps.db
      .selectFrom('contact')
      .select('id')
      .where('practice_id', '=', stats.practiceId)
      .where('stage', '=', 'trusts')
      .where('category_id', '=', category.id)
      .execute();
    const listed = await pageAll<{ id: string; stage: string }>(
      api,
      `/contacts?stage=trusts&categoryId=${category.id}&sort=name`,
    );
    expect(listed.map((c) => c.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(listed.every((c) => c.stage === 'trusts')).toBe(true);
    const partners = await pageAll<{ id: string; roles: string[] }>(api, '/contacts?role=partner');
    expect(partners.length).toBeGreaterThan(100);
    expect(partners.every((c) => c.roles.includes('partner'))).toBe(true);
  });

  it('keeps the board totals and order true to the referrals', async () => {
    const board = await api.json<{
      columns: { status: string; total: number; items: { status: string; receivedAt: string }[] }[];
    }>('GET', '/referrals/board');
    expect(board.status).toBe(200);
    const totals = Object.fromEntries(board.body.columns.map((c) => [c.status, c.total]));
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(6000);
    const open = await pageAll<{ id: string; status: string }>(api, '/referrals?status=open');
    expect(open).toHaveLength((totals.new ?? 0) + (totals.contacted ?? 0) + (totals.meeting ?? 0));
    for (const column of board.body.columns) {
      expect(column.items.length).toBe(Math.min(50, column.total));
      if (column.status === 'new' || column.status === 'contacted') {
        const received = column.items.map((i) => i.receivedAt);
        expect(received).toEqual([...received].sort());
        expect(column.items.every((i) => i.status === column.status)).toBe(true);
      }
    }
  });
});
