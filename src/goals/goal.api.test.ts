import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  countRows,
  type SeededPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import type { GoalProgress } from './goal.schemas.ts';

describe.each(testTargets)('goals and celebrations (%s)', (target) => {
  const clock = fixedClock('2026-07-02T12:00:00.000Z');

  async function client(p: SeededPractice, name: string, receivedAt: string, clientAt: string) {
    const r = await ok<{ id: string }>(p.session, 'POST', '/referrals', {
      referred: { name },
      referrer: { unknown: true },
      channel: 'email',
      receivedAt,
    });
    await ok(p.session, 'POST', `/referrals/${r.id}/status`, { status: 'client', at: clientAt });
    return r.id;
  }

  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Goal Practice', 'Other Practice']);
  beforeAll(async () => {
    await client(a, 'Last Year', '2025-12-01T10:00:00Z', '2025-12-20T10:00:00Z');
    await client(a, 'First', '2026-02-01T10:00:00Z', '2026-02-10T10:00:00Z');
    await client(a, 'Second', '2026-03-01T10:00:00Z', '2026-03-15T10:00:00Z');
  });

  it('no goal: current is null and the year is 404', async () => {
    expect(await ok(a.session, 'GET', '/goals/current')).toBeNull();
    await expectProblem(await a.session.request('GET', '/goals/2026'), 404, 'not_found');
  });

  it('sets a goal and reports the §3.8 arithmetic; reaching 25 % and 50 % celebrates once', async () => {
    const before = await countRows(ctx.deps);
    const g = await ok<GoalProgress>(a.session, 'PUT', '/goals/2026', {
      targetClients: 4,
      emailTeam: true,
    });
    expect(g).toMatchObject({
      year: 2026,
      targetClients: 4,
      monthlyTarget: 0.33,
      conversion: { source: 'default', rate: 0.67, closedLast12Months: 3 },
      referralsNeededPerMonth: 0.5,
      clientsThisYear: 2,
      clientsThisMonth: 0,
      referralsThisMonth: 0,
      percentOfGoal: 50,
    });
    // 2 July noon UTC: 182.5 of 365 days → 2 expected, 2 won.
    expect(g.expectedByToday).toBe(2);
    expect(g.pace).toBe('on_track');
    expect(g.forecastYearEnd).toBe(4);
    expect(g.celebrations).toEqual([
      { threshold: 25, reachedAt: '2026-02-10T10:00:00.000Z', seenByMe: false },
      { threshold: 50, reachedAt: '2026-03-15T10:00:00.000Z', seenByMe: false },
    ]);
    const after = await countRows(ctx.deps);
    expect(Number(after.celebration) - Number(before.celebration)).toBe(2);
    // one email per member per celebration, through the outbox
    expect(Number(after.message) - Number(before.message)).toBe(2);
    const again = await Promise.all(
      Array.from({ length: 5 }, () => ok<GoalProgress>(a.session, 'GET', '/goals/current')),
    );
    expect(again.every((x) => x.celebrations.length === 2)).toBe(true);
    expect(await countRows(ctx.deps)).toEqual(after);
  });

  it('concurrent reads after a new client record the 75 % celebration once', async () => {
    await client(a, 'Third', '2026-06-01T10:00:00Z', '2026-06-20T10:00:00Z');
    const before = await countRows(ctx.deps);
    await Promise.all(
      Array.from({ length: 6 }, () => ok<GoalProgress>(a.session, 'GET', '/goals/2026')),
    );
    const after = await countRows(ctx.deps);
    expect(Number(after.celebration) - Number(before.celebration)).toBe(1);
    expect(Number(after.message) - Number(before.message)).toBe(1);
  });

  it('a celebration is seen once per user', async () => {
    const res = await a.session.request('POST', '/celebrations/2026/25/seen', {});
    expect(res.status).toBe(204);
    expect((await a.session.request('POST', '/celebrations/2026/25/seen', {})).status).toBe(204);
    const g = await ok<GoalProgress>(a.session, 'GET', '/goals/2026');
    expect(g.celebrations.map((c) => [c.threshold, c.seenByMe])).toEqual([
      [25, true],
      [50, false],
      [75, false],
    ]);
    await expectProblem(
      await a.session.request('POST', '/celebrations/2026/100/seen', {}),
      404,
      'not_found',
    );
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await countRows(ctx.deps);
    const cases: [string, string, unknown, string][] = [
      ['PUT', '/goals/2026', { targetClients: 0 }, 'targetClients'],
      ['PUT', '/goals/2026', { targetClients: 10_001 }, 'targetClients'],
      ['PUT', '/goals/2026', {}, 'targetClients'],
      ['PUT', '/goals/2026', { targetClients: 2.5 }, 'targetClients'],
      ['PUT', '/goals/2026', { targetClients: 4, extra: 1 }, 'extra'],
      ['PUT', '/goals/2026', { targetClients: 4, emailTeam: 'yes' }, 'emailTeam'],
      ['PUT', '/goals/abc', { targetClients: 4 }, 'year'],
      ['GET', '/goals/1900', undefined, 'year'],
      ['POST', '/celebrations/2026/30/seen', {}, 'threshold'],
    ];
    for (const [method, url, body, field] of cases)
      await expectProblem(await a.session.request(method, url, body), 400, 'validation', [field]);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("another practice sees none of it; its seen-marks can't reach ours", async () => {
    const before = await countRows(ctx.deps);
    await expectProblem(await b.session.request('GET', '/goals/2026'), 404, 'not_found');
    expect(await ok(b.session, 'GET', '/goals/current')).toBeNull();
    await expectProblem(
      await b.session.request('POST', '/celebrations/2026/50/seen', {}),
      404,
      'not_found',
    );
    expect(await countRows(ctx.deps)).toEqual(before);
    expect((await caller401(ctx)).status).toBe(401);
  });
});

async function caller401(ctx: TestContext) {
  return ctx.app.request('/api/v1/goals/current');
}
