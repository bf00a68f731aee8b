import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { hourMs as H } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type SeededPractice, seedPractice, testTargets } from '../test-support/testing.ts';
import type { ReferralGiven } from './given.schemas.ts';
import type { Reciprocity } from './reciprocity.schemas.ts';
import type { Board, Referral, ReferralDetail } from './referral.schemas.ts';
import { exportReferralsCsv } from './referral-export.service.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

const start = '2026-03-02T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(start) + ms).toISOString();

describe.each(testTargets)('referral pipeline API on %s', (target) => {
  const clock = fixedClock(start);
  let lee: ContactDetail;
  let circleId: string;
  let categoryId: string;

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Counseling']);
  beforeAll(async () => {
    categoryId = (await ok<{ id: string }>(a.session, 'POST', '/categories', { name: 'CPAs' })).id;
    circleId = (await ok<{ id: string }>(a.session, 'POST', '/circles', { name: 'Rotary' })).id;
    lee = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Dr. Lee Wong',
      stage: 'likes',
      categoryId,
      roles: ['partner'],
    });
  });

  const stageReasons = async (contactId: string) =>
    ctx.deps.db
      .selectFrom('stage_change')
      .select(['from_stage', 'to_stage', 'reason'])
      .where('contact_id', '=', contactId)
      .orderBy('changed_at')
      .orderBy('id')
      .execute();

  it('quick-adds a referral: creates the person, promotes the referrer with a reason, logs created', async () => {
    const res = await a.session.json<ReferralDetail>('POST', '/referrals', {
      referred: { name: 'Maria Garcia', email: 'maria@example.com' },
      referrer: { contactId: lee.id },
      need: 'Anxiety after a move',
      tags: ['Anxiety', ' anxiety ', 'Relocation'],
      channel: 'phone',
      circleId,
      valueMinor: 45000,
    });
    expect(res.status).toBe(201);
    const r = res.body;
    expect(r).toMatchObject({
      referrer: { id: lee.id, name: 'Dr. Lee Wong' },
      referred: { name: 'Maria Garcia' },
      receivedAt: start,
      channel: 'phone',
      circle: { id: circleId, name: 'Rotary' },
      tags: ['anxiety', 'relocation'],
      status: 'new',
      currency: 'USD',
      consentToUpdate: false,
      owner: { id: a.userId, name: 'Harbor Counseling Owner' },
      clock: { state: 'due', dueAt: later(24 * H), firstContactAt: null },
      thanks: { referral: { state: 'due', dueAt: later(48 * H) } },
      referrerUpdate: { state: 'not_allowed' },
    });
    expect(r.events).toMatchObject([{ kind: 'created', toStatus: 'new', by: { id: a.userId } }]);
    const person = await ok<ContactDetail>(a.session, 'GET', `/contacts/${r.referred?.id}`);
    expect(person).toMatchObject({ stage: 'met', roles: ['prospect'], email: 'maria@example.com' });
    const referrer = await ok<ContactDetail>(a.session, 'GET', `/contacts/${lee.id}`);
    expect(referrer.stage).toBe('refers');
    expect((await stageReasons(lee.id)).at(-1)).toEqual({
      from_stage: 'likes',
      to_stage: 'refers',
      reason: 'first referral received',
    });
  });

  it('never moves a referrer twice and never downward', async () => {
    const before = (await stageReasons(lee.id)).length;
    await ok(a.session, 'POST', '/referrals', {
      referred: { name: 'Second Person' },
      referrer: { contactId: lee.id },
      channel: 'email',
    });
    expect(await stageReasons(lee.id)).toHaveLength(before);
  });

  it('takes an explicitly unknown referrer: nobody to thank or update', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Walk In' },
      referrer: { unknown: true },
      channel: 'other',
      consentToUpdate: true,
    });
    expect(r.referrer).toBeNull();
    expect(r.thanks.referral.state).toBe('not_applicable');
    expect(r.referrerUpdate.state).toBe('not_allowed');
    const thanks = await a.session.json('POST', `/referrals/${r.id}/thanks`, { kind: 'referral' });
    expect(thanks.status).toBe(409);
  });

  it('refuses a referrer who is the referred person (422)', async () => {
    const res = await a.session.json<{ errors: { field: string }[] }>('POST', '/referrals', {
      referred: { contactId: lee.id },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.field).toBe('referrer.contactId');
  });

  it('moves forward with timestamps and authored events; refuses going back with a reason', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Flow Person' },
      referrer: { contactId: lee.id },
      channel: 'in_person',
    });
    clock.set(later(30 * H));
    const overdue = await ok<Referral>(a.session, 'GET', `/referrals/${r.id}`);
    expect(overdue.clock).toMatchObject({ state: 'overdue', overdueByMinutes: 360 });
    const meeting = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'meeting',
      at: later(20 * H),
      note: 'Booked for Tuesday',
    });
    expect(meeting).toMatchObject({
      status: 'meeting',
      firstContactAt: later(20 * H),
      meetingAt: later(20 * H),
      statusChangedAt: later(20 * H),
      clock: { state: 'met', tookMinutes: 20 * 60 },
    });
    expect(meeting.events.at(-1)).toMatchObject({
      kind: 'status',
      fromStatus: 'new',
      toStatus: 'meeting',
      note: 'Booked for Tuesday',
      by: { name: 'Harbor Counseling Owner' },
    });
    const client = await ok<Referral>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'client',
    });
    expect(client).toMatchObject({ clientAt: later(30 * H), firstContactAt: later(20 * H) });
    expect(client.thanks.conversion).toMatchObject({ state: 'due', dueAt: later(78 * H) });
    const back = await a.session.json<{ detail: string; errors: { field: string }[] }>(
      'POST',
      `/referrals/${r.id}/status`,
      { status: 'meeting' },
    );
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('A referral that became a client cannot go back to meeting');
    const reopen = await a.session.json('POST', `/referrals/${r.id}/reopen`, {});
    expect(reopen.status).toBe(409);
    clock.set(start);
  });

  it('refuses a status time before receipt or in the future', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Timing' },
      referrer: { unknown: true },
      channel: 'text',
    });
    for (const at of [later(-H), later(48 * H)]) {
      const res = await a.session.json<{ errors: { field: string }[] }>(
        'POST',
        `/referrals/${r.id}/status`,
        { status: 'contacted', at },
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.errors[0]?.field).toBe('at');
    }
  });

  it('closes and reopens to the last open status, logged as reopened', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Closer' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const closed = await ok<Referral>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'declined',
    });
    expect(closed.closedAt).toBe(start);
    const blocked = await a.session.json('POST', `/referrals/${r.id}/status`, {
      status: 'meeting',
    });
    expect(blocked.status).toBe(409);
    const reopened = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/reopen`, {
      note: 'They called back',
    });
    expect(reopened).toMatchObject({ status: 'contacted', closedAt: null });
    expect(reopened.events.at(-1)).toMatchObject({
      kind: 'reopened',
      fromStatus: 'declined',
      toStatus: 'contacted',
      note: 'They called back',
    });
  });

  it('records thanks once per kind, the conversion only for a client', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Thankful' },
      referrer: { contactId: lee.id },
      channel: 'email',
    });
    const early = await a.session.json('POST', `/referrals/${r.id}/thanks`, {
      kind: 'conversion',
    });
    expect(early.status).toBe(409);
    const thanked = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/thanks`, {
      kind: 'referral',
    });
    expect(thanked.thanks.referral).toEqual({
      state: 'done',
      dueAt: later(48 * H),
      thankedAt: start,
    });
    expect(thanked.events.at(-1)?.kind).toBe('thanked');
    const twice = await a.session.json('POST', `/referrals/${r.id}/thanks`, { kind: 'referral' });
    expect(twice.status).toBe(409);
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'client' });
    const conv = await ok<Referral>(a.session, 'POST', `/referrals/${r.id}/thanks`, {
      kind: 'conversion',
    });
    expect(conv.thanks.conversion.state).toBe('done');
  });

  it('records referrer updates only with consent; consent changes are audited', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Private Person' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    const refused = await a.session.json<{ detail: string }>(
      'POST',
      `/referrals/${r.id}/referrer-updates`,
      {},
    );
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('did not consent');
    const consented = await ok<Referral>(a.session, 'PATCH', `/referrals/${r.id}`, {
      consentToUpdate: true,
    });
    expect(consented.referrerUpdate.state).toBe('up_to_date');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const due = await ok<Referral>(a.session, 'GET', `/referrals/${r.id}`);
    expect(due.referrerUpdate.state).toBe('due');
    const told = await ok<Referral>(a.session, 'POST', `/referrals/${r.id}/referrer-updates`, {});
    expect(told.referrerUpdate).toEqual({
      state: 'up_to_date',
      toldStatus: 'contacted',
      toldAt: start,
    });
    await ok(a.session, 'PATCH', `/referrals/${r.id}`, { consentToUpdate: true });
    await ok(a.session, 'PATCH', `/referrals/${r.id}`, { consentToUpdate: false });
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'user_id'])
      .where('subject_id', '=', r.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(audits.map((x) => [x.action, x.detail])).toEqual([
      ['referral.consent_changed', '{"consentToUpdate":true}'],
      ['referral.referrer_updated', `{"referrerId":"${lee.id}","toldStatus":"contacted"}`],
      ['referral.consent_changed', '{"consentToUpdate":false}'],
    ]);
    expect(audits.every((x) => x.user_id === a.userId)).toBe(true);
  });

  it('edits fields, tags, circle and referrer; a new referrer is promoted too', async () => {
    const r = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Editable' },
      referrer: { unknown: true },
      channel: 'phone',
      tags: ['one'],
      circleId,
    });
    const kim = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Kim Park' });
    const edited = await ok<Referral>(a.session, 'PATCH', `/referrals/${r.id}`, {
      referrer: { contactId: kim.id },
      tags: ['Two', 'three'],
      circleId: null,
      place: 'Coffee shop',
      valueMinor: null,
      currency: 'EUR',
      warmHandoff: true,
      need: '',
    });
    expect(edited).toMatchObject({
      referrer: { id: kim.id },
      tags: ['three', 'two'],
      circle: null,
      place: 'Coffee shop',
      currency: 'EUR',
      warmHandoff: true,
      need: null,
    });
    expect((await ok<ContactDetail>(a.session, 'GET', `/contacts/${kim.id}`)).stage).toBe('refers');
  });

  describe('lists, board, export and ledger', () => {
    let b: SeededPractice;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      b = await seedPractice(ctx, 'Listing Practice');
      const cat = await ok<{ id: string }>(b.session, 'POST', '/categories', { name: 'Lawyers' });
      const circle = await ok<{ id: string }>(b.session, 'POST', '/circles', { name: 'BNI' });
      const ann = await ok<ContactDetail>(b.session, 'POST', '/contacts', {
        name: 'Ann Attorney',
        categoryId: cat.id,
        roles: ['partner'],
      });
      const bob = await ok<ContactDetail>(b.session, 'POST', '/contacts', { name: 'Bob Banker' });
      const cy = await ok<ContactDetail>(b.session, 'POST', '/contacts', {
        name: 'Cy Partner',
        roles: ['partner'],
      });
      Object.assign(ids, { cat: cat.id, circle: circle.id, ann: ann.id, bob: bob.id, cy: cy.id });
      // 12 referrals over 12 hours: the even ones from Ann (in BNI), the odd ones from Bob,
      // every third one with an unknown referrer.
      for (let i = 0; i < 12; i++) {
        clock.set(later(i * H));
        const referrer = i % 3 === 2 ? { unknown: true } : { contactId: i % 2 ? bob.id : ann.id };
        const r = await ok<Referral>(b.bearer, 'POST', '/referrals', {
          referred: { name: `Client ${String(i).padStart(2, '0')}` },
          referrer,
          channel: i % 2 ? 'email' : 'phone',
          ...(i % 2 === 0 ? { circleId: circle.id } : {}),
          need: i === 5 ? 'Needs "help", urgently\nsecond line' : undefined,
          valueMinor: i === 5 ? 1999 : undefined,
          tags: i === 5 ? ['=cmd'] : undefined,
        });
        ids[`r${i}`] = r.id;
      }
      clock.set(later(40 * H));
      await ok(b.session, 'POST', `/referrals/${ids.r3}/status`, { status: 'contacted' });
      await ok(b.session, 'POST', `/referrals/${ids.r4}/status`, { status: 'meeting' });
      await ok(b.session, 'POST', `/referrals/${ids.r6}/status`, { status: 'client' });
      await ok(b.session, 'POST', `/referrals/${ids.r7}/status`, { status: 'not_a_fit' });
      await ok(b.session, 'POST', `/referrals/${ids.r9}/status`, { status: 'no_response' });
      await ok(b.session, 'POST', '/referrals-given', {
        person: { name: 'Given Person' },
        partnerId: ids.ann,
        givenAt: later(39 * H),
      });
    });

    const list = async (query: string) =>
      (await ok<Page<Referral>>(b.session, 'GET', `/referrals?limit=200&${query}`)).items.map(
        (r) => r.referred?.name,
      );

    it('filters by status groups, referrer, unknown, category, channel, circle, owner, dates and q', async () => {
      expect(await list('status=open')).toHaveLength(9);
      expect(await list('status=closed')).toEqual(['Client 09', 'Client 07']);
      expect(await list('status=client,contacted')).toEqual(['Client 06', 'Client 03']);
      expect(await list(`referrerId=${ids.ann}`)).toEqual([
        'Client 10',
        'Client 06',
        'Client 04',
        'Client 00',
      ]);
      expect(await list('referrer=unknown')).toEqual([
        'Client 11',
        'Client 08',
        'Client 05',
        'Client 02',
      ]);
      expect(await list(`categoryId=${ids.cat}`)).toHaveLength(4);
      expect(await list('channel=email')).toHaveLength(6);
      expect(await list(`circleId=${ids.circle}`)).toHaveLength(6);
      expect(await list(`ownerId=${b.userId}`)).toHaveLength(12);
      expect(await list(`ownerId=${a.userId}`)).toHaveLength(0);
      expect(await list(`from=${later(10 * H)}`)).toEqual(['Client 11', 'Client 10']);
      expect(await list(`to=${encodeURIComponent(later(H))}`)).toEqual(['Client 01', 'Client 00']);
      expect(await list('from=2026-03-02&to=2026-03-02')).toHaveLength(12);
      expect(await list('to=2026-03-01')).toHaveLength(0);
      expect(await list('q=client%2001')).toEqual(['Client 01']);
      expect(await list('q=ATTORNEY')).toHaveLength(4);
      expect(await list('q=%25')).toEqual([]);
    });

    it('pages every sort with cursors, without gaps or repeats; due puts overdue new ones first', async () => {
      for (const sort of ['-receivedAt', 'receivedAt', 'due']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/referrals?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
          const page: Page<Referral> = await ok<Page<Referral>>(b.bearer, 'GET', url);
          seen.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor && pages < 10);
        expect(pages).toBe(3);
        expect(new Set(seen).size).toBe(12);
        const all = await ok<Page<Referral>>(b.bearer, 'GET', `/referrals?sort=${sort}&limit=200`);
        expect(seen).toEqual(all.items.map((r) => r.id));
      }
      const due = await ok<Page<Referral>>(b.bearer, 'GET', '/referrals?sort=due&limit=200');
      const states = due.items.map((r) => `${r.status}:${r.clock.state}`);
      expect(states.slice(0, 7)).toEqual(Array(7).fill('new:overdue'));
      expect(due.items.slice(7).every((r) => r.status !== 'new')).toBe(true);
    });

    it('shows the board: columns with totals, oldest (overdue) first in open columns', async () => {
      const board = await ok<Board>(b.session, 'GET', '/referrals/board?limit=3');
      expect(board.columns.map((c) => [c.status, c.total, c.items.length])).toEqual([
        ['new', 7, 3],
        ['contacted', 1, 1],
        ['meeting', 1, 1],
        ['client', 1, 1],
        ['closed', 2, 2],
      ]);
      expect(board.columns[0]?.items.map((r) => r.referred?.name)).toEqual([
        'Client 00',
        'Client 01',
        'Client 02',
      ]);
      expect(board.columns[4]?.items.map((r) => r.status).sort()).toEqual([
        'no_response',
        'not_a_fit',
      ]);
      const filtered = await ok<Board>(b.session, 'GET', `/referrals/board?referrerId=${ids.ann}`);
      expect(filtered.columns.map((c) => c.total)).toEqual([2, 0, 1, 1, 0]);
    });

    it('exports the filtered list as streamed CSV with safe cells', async () => {
      const res = await b.session.request('GET', '/referrals/export.csv?sort=receivedAt');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await res.text();
      const lines = text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'received_at,referred,referrer,referrer_category,channel,circle,need,tags,status,first_contact_at,response_minutes,clock,thanked_at,value,currency,owner',
      );
      expect(lines[1]).toBe(
        `${start},Client 00,Ann Attorney,Lawyers,phone,BNI,,,new,,,overdue,,,USD,Listing Practice Owner`,
      );
      expect(text).toContain(
        `Client 05,unknown,,email,,"Needs ""help"", urgently\nsecond line",'=cmd,new,,,overdue,,19.99,USD`,
      );
      expect(text).toContain(
        'Client 03,Bob Banker,,email,,,,contacted,2026-03-04T01:00:00.000Z,2220,late',
      );
      const filtered = await (
        await b.session.request('GET', '/referrals/export.csv?status=closed')
      ).text();
      expect(filtered.trimEnd().split('\r\n')).toHaveLength(3);
      const audit = await ctx.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('practice_id', '=', b.practiceId)
        .where('action', '=', 'referrals.exported')
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('streams the same CSV when it reads the rows in many small pages', async () => {
      const whole = await (await b.session.request('GET', '/referrals/export.csv?sort=due')).text();
      const me = {
        userId: b.userId,
        practiceId: b.practiceId,
        role: 'owner' as const,
        via: 'session' as const,
      };
      const stream = await exportReferralsCsv(ctx.deps, me, { sort: 'due' }, 5);
      const chunks: string[] = [];
      const decoder = new TextDecoder();
      for await (const chunk of stream) chunks.push(decoder.decode(chunk));
      expect(chunks).toHaveLength(1 + 3);
      expect(chunks.join('')).toBe(whole);
    });

    it('keeps the reciprocity ledger per partner, owed first', async () => {
      const ledger = await ok<Reciprocity>(b.session, 'GET', '/reciprocity');
      expect(ledger.threshold).toBe(2);
      expect(
        ledger.items.map((i) => [i.partner.name, i.received, i.given, i.balance, i.isOwed]),
      ).toEqual(
        [
          ['Ann Attorney', 4, 1, 3, true],
          ['Bob Banker', 4, 0, 4, true],
          ['Cy Partner', 0, 0, 0, false],
        ].sort((x, y) => Number(y[4]) - Number(x[4]) || Number(y[3]) - Number(x[3])),
      );
      const ann = ledger.items.find((i) => i.partner.id === ids.ann);
      expect(ann).toMatchObject({
        lastExchangeAt: later(39 * H),
        partner: { category: { id: ids.cat, name: 'Lawyers' } },
      });
      const owed = await ok<Reciprocity>(b.session, 'GET', '/reciprocity?owed=true');
      expect(owed.items.map((i) => i.partner.name)).toEqual(['Bob Banker', 'Ann Attorney']);
    });
  });

  describe('referrals given', () => {
    it('creates with a new person, lists, updates outcome, notification and check-in, deletes', async () => {
      clock.set(start);
      const created = await a.session.json<ReferralGiven>('POST', '/referrals-given', {
        person: { name: 'Sam Seeker', phone: '+1 555 0199' },
        partnerId: lee.id,
        reason: 'Needs a tax adviser',
      });
      expect(created.status).toBe(201);
      const g = created.body;
      expect(g).toMatchObject({
        person: { name: 'Sam Seeker' },
        partner: { id: lee.id },
        givenAt: start,
        partnerNotifiedAt: null,
        outcome: 'unknown',
        outcomeAt: null,
        checkInDueAt: later(14 * 24 * H),
        checkInState: 'not_yet',
      });
      clock.set(later(14 * 24 * H));
      const patched = await ok<ReferralGiven>(a.session, 'PATCH', `/referrals-given/${g.id}`, {
        partnerNotifiedAt: later(H),
        outcome: 'connected',
      });
      expect(patched).toMatchObject({
        partnerNotifiedAt: later(H),
        outcome: 'connected',
        outcomeAt: later(14 * 24 * H),
        checkInState: 'due',
      });
      const checked = await ok<ReferralGiven>(a.session, 'PATCH', `/referrals-given/${g.id}`, {
        checkedInAt: later(14 * 24 * H),
      });
      expect(checked.checkInState).toBe('done');
      const listed = await ok<Page<ReferralGiven>>(
        a.session,
        'GET',
        `/referrals-given?partnerId=${lee.id}&outcome=connected`,
      );
      expect(listed.items.map((x) => x.id)).toEqual([g.id]);
      const byPerson = await ok<Page<ReferralGiven>>(
        a.session,
        'GET',
        `/referrals-given?personId=${lee.id}`,
      );
      expect(byPerson.items).toEqual([]);
      expect((await a.session.request('DELETE', `/referrals-given/${g.id}`)).status).toBe(204);
      expect((await a.session.request('GET', `/referrals-given/${g.id}`)).status).toBe(404);
      clock.set(start);
    });

    it('pages newest first', async () => {
      const p = await seedPractice(ctx, 'Giving Practice');
      const partner = await ok<ContactDetail>(p.session, 'POST', '/contacts', { name: 'Partner' });
      for (let i = 0; i < 5; i++)
        await ok(p.session, 'POST', '/referrals-given', {
          person: { name: `Person ${i}` },
          partnerId: partner.id,
          givenAt: later(-i * H),
        });
      const first = await ok<Page<ReferralGiven>>(p.session, 'GET', '/referrals-given?limit=3');
      expect(first.items.map((x) => x.person.name)).toEqual(['Person 0', 'Person 1', 'Person 2']);
      const second = await ok<Page<ReferralGiven>>(
        p.session,
        'GET',
        `/referrals-given?limit=3&cursor=${first.nextCursor}`,
      );
      expect(second.items.map((x) => x.person.name)).toEqual(['Person 3', 'Person 4']);
      expect(second.nextCursor).toBeNull();
    });
  });
});
