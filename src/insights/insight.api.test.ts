/**
 * Insights against hand-computed values on a small practice built through the API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import type { Reciprocity } from '../referrals/reciprocity.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, testTargets } from '../test-support/testing.ts';
import { type Insights, insightCharts } from './insight.schemas.ts';
import { insightChartRegistry } from './insight.service.ts';

describe.each(testTargets)('insights (%s)', (target) => {
  const clock = fixedClock('2026-01-01T00:00:00.000Z');
  const c: Record<string, string> = {};

  async function referral(body: Record<string, unknown>, moves: [string, string][] = []) {
    const r = await ok<{ id: string }>(a.session, 'POST', '/referrals', body);
    for (const [status, at] of moves)
      await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status, at });
    return r.id;
  }

  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Insight Practice', 'Other Practice']);
  beforeAll(async () => {
    // Met on 1 January 2026.
    const cat = await ok<{ id: string }>(a.session, 'POST', '/categories', { name: 'Accountants' });
    const circle = await ok<{ id: string }>(a.session, 'POST', '/circles', { name: 'Rotary' });
    c.circle = circle.id;
    c.ann = (
      await ok<{ id: string }>(a.session, 'POST', '/contacts', {
        name: 'Ann Partner',
        categoryId: cat.id,
        roles: ['partner'],
        stage: 'trusts',
      })
    ).id;
    c.bob = (
      await ok<{ id: string }>(a.session, 'POST', '/contacts', {
        name: 'Bob Client',
        roles: ['client'],
        stage: 'likes',
      })
    ).id;
    clock.set('2026-06-15T12:00:00.000Z');
    await ok(a.session, 'POST', `/contacts/${c.ann}/asks`, { askedAt: '2026-02-20T10:00:00Z' });
    // r1: Ann, email, Monday, contacted after 4 h, client; thanked after 24 h
    const r1 = await referral(
      {
        referred: { name: 'P One' },
        referrer: { contactId: c.ann },
        channel: 'email',
        receivedAt: '2026-03-02T10:00:00Z',
        tags: ['tax'],
        valueMinor: 100_000,
        circleId: c.circle,
      },
      [
        ['contacted', '2026-03-02T14:00:00Z'],
        ['client', '2026-04-01T10:00:00Z'],
      ],
    );
    await ok(a.session, 'POST', `/referrals/${r1}/thanks`, {
      kind: 'referral',
      at: '2026-03-03T10:00:00Z',
    });
    // r2: Ann, phone, Tuesday, contacted after 48 h, not a fit
    await referral(
      {
        referred: { name: 'P Two' },
        referrer: { contactId: c.ann },
        channel: 'phone',
        receivedAt: '2026-04-07T10:00:00Z',
        tags: ['tax', 'divorce'],
      },
      [
        ['contacted', '2026-04-09T10:00:00Z'],
        ['not_a_fit', '2026-04-10T10:00:00Z'],
      ],
    );
    // r3: Bob, email with a warm handoff, Tuesday, contacted after 1 h, client; Bob told of
    // it 30 h after it became a client
    const r3 = await referral(
      {
        referred: { name: 'P Three' },
        referrer: { contactId: c.bob },
        channel: 'email',
        warmHandoff: true,
        consentToUpdate: true,
        receivedAt: '2026-05-05T09:00:00Z',
        valueMinor: 50_000,
      },
      [
        ['contacted', '2026-05-05T10:00:00Z'],
        ['client', '2026-05-20T10:00:00Z'],
      ],
    );
    await ok(a.session, 'POST', `/referrals/${r3}/referrer-updates`, {
      at: '2026-05-21T16:00:00Z',
    });
    // r4: unknown referrer, event, Sunday, still new and past its 24 h window
    await referral({
      referred: { name: 'P Four' },
      referrer: { unknown: true },
      channel: 'event',
      receivedAt: '2026-06-14T09:00:00Z',
    });
    // outside the default range
    await referral({
      referred: { name: 'P Old' },
      referrer: { contactId: c.bob },
      channel: 'text',
      receivedAt: '2025-01-10T09:00:00Z',
    });
    await ok(a.session, 'POST', '/referrals-given', {
      person: { name: 'G One' },
      partnerId: c.ann,
      givenAt: '2026-05-10T10:00:00Z',
    });
  });

  it('answers every section with the hand-computed values', async () => {
    const i = await ok<Insights>(a.session, 'GET', '/insights');
    expect(i.range).toEqual({ from: '2025-06-16', to: '2026-06-15' });
    expect(i.where?.byChannel).toEqual([
      { channel: 'email', referrals: 2, clients: 2 },
      { channel: 'event', referrals: 1, clients: 0 },
      { channel: 'phone', referrals: 1, clients: 0 },
    ]);
    expect(i.where?.byCircle).toEqual([
      { circle: { id: c.circle, name: 'Rotary' }, referrals: 1, clients: 1 },
    ]);
    expect(i.who?.topReferrers).toEqual([
      { contact: { id: c.ann, name: 'Ann Partner' }, referrals: 2, clients: 1, value: 100_000 },
      { contact: { id: c.bob, name: 'Bob Client' }, referrals: 1, clients: 1, value: 50_000 },
    ]);
    expect(
      i.who?.byCategory.map((x) => [x.category?.name ?? null, x.referrals, x.clients]),
    ).toEqual([
      ['Accountants', 2, 1],
      [null, 1, 1],
    ]);
    expect(i.who?.byRole).toEqual([
      { role: 'partner', referrals: 2, clients: 1, conversion: 0.5 },
      { role: 'client', referrals: 1, clients: 1, conversion: 1 },
    ]);
    expect(i.why?.byTag).toEqual([
      { tag: 'tax', referrals: 2, clients: 1 },
      { tag: 'divorce', referrals: 1, clients: 0 },
    ]);
    expect(i.when?.byMonth).toHaveLength(13);
    expect(i.when?.byMonth.filter((m) => m.referrals > 0)).toEqual([
      { month: '2026-03', referrals: 1, clients: 1 },
      { month: '2026-04', referrals: 1, clients: 0 },
      { month: '2026-05', referrals: 1, clients: 1 },
      { month: '2026-06', referrals: 1, clients: 0 },
    ]);
    expect(i.when?.byWeekday.map((d) => d.referrals)).toEqual([1, 1, 2, 0, 0, 0, 0]);
    // Ann met 1 Jan 00:00, first referral 2 Mar 10:00 → 60.4 days; Bob's first is out of range
    expect(i.when?.metToFirstReferralDays).toEqual({ median: 60.4, count: 1 });
    // asked 20 Feb 10:00 → 10 and 46 days → median 28
    expect(i.when?.askToReferralDays).toEqual({ median: 28, count: 2 });
    expect(i.conversion).toEqual({
      overall: 0.5,
      bySource: [
        { source: 'email', referrals: 1, clients: 1, conversion: 1, valueMinor: 100_000 },
        { source: 'event', referrals: 1, clients: 0, conversion: 0, valueMinor: 0 },
        { source: 'phone', referrals: 1, clients: 0, conversion: 0, valueMinor: 0 },
        { source: 'warm_handoff', referrals: 1, clients: 1, conversion: 1, valueMinor: 50_000 },
      ],
    });
    // 240, 2880 and 60 minutes; 2 inside of 4 due (r4 is past its window)
    expect(i.responsiveness).toEqual({
      medianMinutesToFirstContact: 240,
      shareInsideWindow: 0.5,
      thankLagHoursMedian: 24,
      updateLagHoursMedian: 30,
    });
    expect(i.reciprocity?.partners).toEqual([
      { partner: { id: c.ann, name: 'Ann Partner' }, received: 2, given: 1, balance: 1 },
      { partner: { id: c.bob, name: 'Bob Client' }, received: 1, given: 0, balance: 1 },
    ]);
    expect(i.mostWanted).toEqual([]);
    const growth = i.networkGrowth?.find((m) => m.month === '2026-01');
    expect(growth).toMatchObject({ trusts: 1, likes: 1 });
    expect(i.momentum?.perMonth.map((m) => m.referrals).slice(-4)).toEqual([1, 1, 1, 1]);
    expect(i.momentum?.trendPerMonth).toBeGreaterThan(0);
    expect(i.goal).toBeNull();
    // Contacted: r1, r2 and the warm r3; clients r1 and r3.
    expect(i.warmHandoff).toMatchObject({
      groups: [
        { group: 'warm', contacted: 1, clients: 1, rate: 1 },
        { group: 'other', contacted: 2, clients: 1, rate: 0.5 },
      ],
      timesAsOften: 2,
      explanation: expect.stringMatching(/three times as often/),
    });
  });

  it('every chart in the registry has its CSV and its place in the full answer, and nothing else does', async () => {
    const full = await ok<Record<string, unknown>>(a.session, 'GET', '/insights');
    const slots = new Set<string>();
    for (const [section, value] of Object.entries(full)) {
      if (section === 'range') continue;
      const grouped = ['where', 'who', 'why', 'when'].includes(section);
      if (!grouped) slots.add(section);
      else for (const key of Object.keys(value as object)) slots.add(`${section}.${key}`);
    }
    const placed = new Set<string>();
    for (const chart of insightCharts) {
      const entry = insightChartRegistry[chart];
      placed.add(entry.key !== undefined ? `${entry.section}.${entry.key}` : entry.section);
      const res = await a.session.request('GET', `/insights/${chart}.csv`);
      expect(res.status, chart).toBe(200);
      expect((await res.text()).split('\r\n')[0], chart).toBe(entry.columns.join(','));
    }
    expect([...placed].sort()).toEqual([...slots].sort());
    expect(placed.size).toBe(insightCharts.length);
    expect(Object.keys(insightChartRegistry).sort()).toEqual([...insightCharts].sort());
  });

  it('a narrower range and a subset of sections', async () => {
    const i = await ok<Insights>(
      a.session,
      'GET',
      '/insights?from=2026-04-01&to=2026-04-30&sections=where,when',
    );
    expect(Object.keys(i).sort()).toEqual(['range', 'when', 'where']);
    expect(i.where?.byChannel).toEqual([{ channel: 'phone', referrals: 1, clients: 0 }]);
    expect(i.when?.byMonth).toEqual([{ month: '2026-04', referrals: 1, clients: 0 }]);
  });

  it('each chart as CSV', async () => {
    const res = await a.session.request('GET', '/insights/byChannel.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe(
      'channel,referrals,clients\r\nemail,2,2\r\nevent,1,0\r\nphone,1,0\r\n',
    );
    const top = await (await a.session.request('GET', '/insights/topReferrers.csv')).text();
    expect(top.split('\r\n')[1]).toBe(`${c.ann},Ann Partner,2,1,100000`);
    expect(await (await a.session.request('GET', '/insights/warmHandoff.csv')).text()).toBe(
      'group,contacted,clients,rate\r\nwarm,1,1,1\r\nother,2,1,0.5\r\n',
    );
    for (const chart of ['responsiveness', 'momentum', 'goal', 'reciprocity', 'networkGrowth'])
      expect((await a.session.request('GET', `/insights/${chart}.csv`)).status).toBe(200);
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await countRows(ctx.deps);
    const cases: [string, string][] = [
      ['/insights?from=2026-13-01', 'from'],
      ['/insights?to=yesterday', 'to'],
      ['/insights?from=2026-05-01&to=2026-04-01', 'from'],
      ['/insights?from=2000-01-01&to=2026-01-01', 'from'],
      ['/insights?sections=where,nowhere', 'sections'],
      ['/insights?colour=blue', 'colour'],
      ['/insights/nothing.csv', 'chart'],
      ['/insights/byChannel.csv?sections=where', 'sections'],
    ];
    for (const [url, field] of cases)
      await expectProblem(await a.session.request('GET', url), 400, 'validation', [field]);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("another practice's insights show none of this practice's data", async () => {
    const i = await ok<Insights>(b.session, 'GET', '/insights');
    expect(i.where?.byChannel).toEqual([]);
    expect(i.who?.topReferrers).toEqual([]);
    expect(i.reciprocity).toEqual({ partners: [], owed: 0, threshold: 2 });
    expect(i.when?.byMonth.every((m) => m.referrals === 0)).toBe(true);
    expect(i.warmHandoff?.groups.map((g) => g.contacted)).toEqual([0, 0]);
    expect(await (await b.session.request('GET', '/insights/byChannel.csv')).text()).toBe(
      'channel,referrals,clients\r\n',
    );
    expect((await ctx.app.request('/api/v1/insights')).status).toBe(401);
  });
});

describe.each(testTargets)('the reciprocity chart of a large network (%s)', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [p] = usePractices(ctx, ['Many Partners']);

  it('lists the 100 most owed partners, ties by name, and leaves out the rest', async () => {
    const nameOf = (k: number) => `Partner ${String(k).padStart(3, '0')}`;
    const ids: string[] = [];
    for (let k = 0; k <= 102; k++) {
      const body = { name: nameOf(k), roles: ['partner'] };
      ids.push((await ok<{ id: string }>(p.session, 'POST', '/contacts', body)).id);
    }
    const referral = (referrer: number, name: string) =>
      ok(p.session, 'POST', '/referrals', {
        referred: { name },
        referrer: { contactId: ids[referrer] },
        channel: 'email',
        receivedAt: '2026-05-01T10:00:00Z',
      });
    await referral(50, 'R One');
    await referral(50, 'R Two');
    await referral(101, 'R Three');
    await ok(p.session, 'POST', '/referrals-given', {
      person: { name: 'G One' },
      partnerId: ids[0],
      givenAt: '2026-05-02T10:00:00Z',
    });
    const i = await ok<Insights>(p.session, 'GET', '/insights?sections=reciprocity');
    // Owed 2 and 1 first; then the balanced ones by name until 100; 100, 102 and the one
    // who owes (Partner 000, −1) are left out.
    const balanced = Array.from({ length: 100 }, (_, k) => k)
      .filter((k) => k !== 0 && k !== 50)
      .slice(0, 98);
    expect(i.reciprocity?.partners.map((x) => [x.partner.name, x.balance])).toEqual([
      [nameOf(50), 2],
      [nameOf(101), 1],
      ...balanced.map((k) => [nameOf(k), 0]),
    ]);
  });
});

describe.each(testTargets)('"owed" on Insights and on the reciprocity ledger (%s)', (target) => {
  const clock = fixedClock('2024-06-01T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [p, other] = usePractices(ctx, ['Owing Practice', 'Other Practice']);

  it("is one number: the ledger's isOwed (all time, at the threshold), whatever the range", async () => {
    const contact = async (name: string, roles: string[]) =>
      (await ok<{ id: string }>(p.session, 'POST', '/contacts', { name, roles })).id;
    const received = (referrerId: string, name: string, at: string) =>
      ok(p.session, 'POST', '/referrals', {
        referred: { name },
        referrer: { contactId: referrerId },
        channel: 'email',
        receivedAt: at,
      });
    const given = (partnerId: string, name: string, at: string) =>
      ok(p.session, 'POST', '/referrals-given', {
        person: { name },
        partnerId,
        givenAt: at,
      });
    const old = await contact('Olga Old', ['partner']); // 3 received in 2024: owed
    const one = await contact('Oscar One', ['client']); // 1 received in range: balance 1, not owed
    const two = await contact('Tina Two', ['partner']); // 2 received in range: owed
    const back = await contact('Ben Back', ['partner']); // 2 in range, 1 given in 2024: balance 1
    for (const k of [1, 2, 3]) await received(old, `Old ${k}`, '2024-04-01T10:00:00Z');
    await given(back, 'Given early', '2024-04-02T10:00:00Z');
    clock.set('2026-06-15T12:00:00.000Z');
    await received(one, 'One 1', '2026-05-01T10:00:00Z');
    await received(two, 'Two 1', '2026-05-01T10:00:00Z');
    await received(two, 'Two 2', '2026-05-02T10:00:00Z');
    await received(back, 'Back 1', '2026-05-03T10:00:00Z');
    await received(back, 'Back 2', '2026-05-04T10:00:00Z');
    // Another practice's debts are not counted.
    const stranger = (
      await ok<{ id: string }>(other.session, 'POST', '/contacts', { name: 'Sam', roles: [] })
    ).id;
    for (const k of [1, 2])
      await ok(other.session, 'POST', '/referrals', {
        referred: { name: `S ${k}` },
        referrer: { contactId: stranger },
        channel: 'email',
        receivedAt: '2026-05-01T10:00:00Z',
      });

    const ledger = await ok<Reciprocity>(p.session, 'GET', '/reciprocity');
    const owedByLedger = ledger.items.filter((x) => x.isOwed).map((x) => x.partner.id);
    expect(owedByLedger.sort()).toEqual([old, two].sort());
    for (const query of ['', '?sections=reciprocity', '?from=2026-05-01&to=2026-05-31']) {
      const i = await ok<Insights>(p.session, 'GET', `/insights${query}`);
      expect(i.reciprocity?.owed, query).toBe(owedByLedger.length);
      expect(i.reciprocity?.threshold).toBe(ledger.threshold);
    }
    // The range's bars still show the range's balances (Oscar and Ben at +1 in 2026).
    const i = await ok<Insights>(p.session, 'GET', '/insights?from=2026-01-01&to=2026-06-15');
    expect(
      Object.fromEntries(i.reciprocity?.partners.map((x) => [x.partner.name, x.balance]) ?? []),
    ).toMatchObject({ 'Oscar One': 1, 'Tina Two': 2, 'Ben Back': 2 });
  });
});

describe.each(testTargets)('completion of warm handoffs (%s)', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [p, other] = usePractices(ctx, ['Warm Practice', 'Other Practice']);

  it('counts contacted referrals and their clients, introductions beside the rest, in the range', async () => {
    const ann = (
      await ok<{ id: string }>(p.session, 'POST', '/contacts', {
        name: 'Ann Archer',
        email: 'ann@example.com',
      })
    ).id;
    const move = async (id: string, ...statuses: string[]) => {
      for (const status of statuses)
        await ok(p.session, 'POST', `/referrals/${id}/status`, { status });
    };
    const introduce = async (name: string, send: boolean) =>
      (
        await ok<{ referral: { id: string } }>(p.session, 'POST', '/introductions', {
          referrerId: ann,
          person: { name, email: `${name.toLowerCase()}@example.com` },
          send,
        })
      ).referral.id;
    const referral = async (name: string, extra: Record<string, unknown> = {}) =>
      (
        await ok<{ id: string }>(p.session, 'POST', '/referrals', {
          referred: { name },
          referrer: { contactId: ann },
          channel: 'phone',
          ...extra,
        })
      ).id;
    // Warm: four contacted (sending the introduction is the first contact), two clients.
    await move(await introduce('Wes', true), 'client');
    await move(await introduce('Wyn', true), 'not_a_fit');
    await move(await introduce('Wim', true), 'meeting', 'client');
    await introduce('Wil', false); // not contacted: left out
    const corrected = await referral('Wen', { warmHandoff: true });
    await move(corrected, 'contacted', 'client');
    await ok(p.session, 'POST', `/referrals/${corrected}/status`, {
      status: 'meeting',
      correction: true,
      reason: 'Recorded too soon.',
    });
    // The rest: five contacted, one client.
    await move(await referral('Ola'), 'contacted', 'client');
    await move(await referral('Oda'), 'contacted', 'meeting');
    await move(await referral('Oto'), 'contacted', 'declined');
    await move(await referral('Oli'), 'contacted');
    await move(await referral('Ora'), 'contacted');
    await referral('Ona'); // new
    await move(
      await referral('Old', { receivedAt: '2024-01-10T09:00:00Z' }),
      'contacted',
      'client',
    );
    // Another practice's warm client is not counted.
    const theirs = (
      await ok<{ id: string }>(other.session, 'POST', '/referrals', {
        referred: { name: 'Zed' },
        referrer: { unknown: true },
        channel: 'phone',
        warmHandoff: true,
      })
    ).id;
    await ok(other.session, 'POST', `/referrals/${theirs}/status`, { status: 'client' });

    const i = await ok<Insights>(p.session, 'GET', '/insights?sections=warmHandoff');
    expect(Object.keys(i).sort()).toEqual(['range', 'warmHandoff']);
    expect(i.warmHandoff).toEqual({
      groups: [
        { group: 'warm', contacted: 4, clients: 2, rate: 0.5 },
        { group: 'other', contacted: 5, clients: 1, rate: 0.2 },
      ],
      timesAsOften: 2.5,
      explanation: expect.stringMatching(/^In health care, referrals where the referrer made/),
    });
    // A range around the old referral only.
    const old = await ok<Insights>(
      p.session,
      'GET',
      '/insights?sections=warmHandoff&from=2024-01-01&to=2024-12-31',
    );
    expect(old.warmHandoff?.groups).toEqual([
      { group: 'warm', contacted: 0, clients: 0, rate: null },
      { group: 'other', contacted: 1, clients: 1, rate: 1 },
    ]);
    expect(old.warmHandoff?.timesAsOften).toBeNull();
  });
});
