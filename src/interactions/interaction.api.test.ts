import { describe, expect, it } from 'vitest';
import type { Contact, ContactDetail } from '../contacts/contact.schemas.ts';
import type { Timeline } from '../contacts/timeline.schemas.ts';
import type { CircleView } from '../network/circle.schemas.ts';
import { dayMs as day } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Interaction } from './interaction.schemas.ts';

type List<T> = { items: T[] };
type Page = { items: Contact[]; nextCursor: string | null };

const start = new Date('2026-03-02T09:00:00.000Z');
const at = (days: number, ms = 0) => new Date(start.getTime() + days * day + ms).toISOString();

describe.each(testTargets)('interactions, keep-in-touch and timeline on %s', (target) => {
  const clock = fixedClock(start);

  const contact = async (body: Record<string, unknown>) => {
    const res = await a.session.json<ContactDetail>('POST', '/contacts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const get = async (id: string) =>
    (await a.session.json<ContactDetail>('GET', `/contacts/${id}`)).body;
  const log = async (id: string, body: Record<string, unknown>) => {
    const res = await a.session.json<Interaction>('POST', `/contacts/${id}/interactions`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const dueNames = async (query = '') =>
    (await a.session.json<Page>('GET', `/contacts?touch=due&limit=200${query}`)).body.items.map(
      (c) => c.name,
    );

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Cadence Practice']);

  describe('interactions', () => {
    let lee: ContactDetail;
    let first: Interaction;
    let latest: Interaction;

    it('are logged at now by default, by the caller, and become the last touch', async () => {
      lee = await contact({ name: 'Dr. Lee', stage: 'likes' });
      expect(lee.lastTouchAt).toBeNull();
      clock.set(at(1));
      first = await log(lee.id, { kind: 'call', summary: '  Caught up about the spring seminar ' });
      expect(first).toMatchObject({
        contactId: lee.id,
        kind: 'call',
        occurredAt: at(1),
        summary: 'Caught up about the spring seminar',
        createdAt: at(1),
        createdBy: { id: a.userId, name: 'Cadence Practice Owner' },
      });
      expect((await get(lee.id)).lastTouchAt).toBe(at(1));
    });

    it('keep the latest occurredAt as the last touch, whatever order they are logged in', async () => {
      clock.set(at(5));
      latest = await log(lee.id, { kind: 'meeting', occurredAt: at(4) });
      // An older touch logged afterwards does not move the last touch back.
      await log(lee.id, { kind: 'email', occurredAt: '2026-03-03T04:00:00-05:00' });
      expect((await get(lee.id)).lastTouchAt).toBe(at(4));
      const list = await a.session.json<List<Interaction>>(
        'GET',
        `/contacts/${lee.id}/interactions`,
      );
      expect(list.body.items.map((i) => [i.kind, i.occurredAt])).toEqual([
        ['meeting', at(4)],
        ['email', '2026-03-03T09:00:00.000Z'],
        ['call', at(1)],
      ]);
    });

    it('accept up to one day ahead (time zones), not more', async () => {
      const ahead = await log(lee.id, { kind: 'note', occurredAt: at(6) });
      expect((await get(lee.id)).lastTouchAt).toBe(at(6));
      expect((await a.session.request('DELETE', `/interactions/${ahead.id}`)).status).toBe(204);
      const res = await a.session.json<{ errors: { field: string }[] }>(
        'POST',
        `/contacts/${lee.id}/interactions`,
        { kind: 'note', occurredAt: at(6, 1) },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0]?.field).toBe('occurredAt');
    });

    it('recompute the last touch on delete, down to none', async () => {
      expect((await get(lee.id)).lastTouchAt).toBe(at(4));
      expect((await a.session.request('DELETE', `/interactions/${latest.id}`)).status).toBe(204);
      expect((await get(lee.id)).lastTouchAt).toBe('2026-03-03T09:00:00.000Z');
      const rest = await a.session.json<List<Interaction>>(
        'GET',
        `/contacts/${lee.id}/interactions`,
      );
      for (const i of rest.body.items)
        expect((await a.session.request('DELETE', `/interactions/${i.id}`)).status).toBe(204);
      expect((await get(lee.id)).lastTouchAt).toBeNull();
      expect((await a.session.request('DELETE', `/interactions/${first.id}`)).status).toBe(404);
    });

    it('go with their contact', async () => {
      const gone = await contact({ name: 'Short Lived' });
      const i = await log(gone.id, { kind: 'gift' });
      expect((await a.session.request('DELETE', `/contacts/${gone.id}`)).status).toBe(204);
      expect((await a.session.request('DELETE', `/interactions/${i.id}`)).status).toBe(404);
    });
  });

  describe('keep-in-touch cadence', () => {
    const ids: Record<string, string> = {};

    it('is 60 days for trusts, 30 for partners, the override first, none otherwise', async () => {
      clock.set(at(10));
      for (const [name, body] of [
        ['Tara Trusts', { stage: 'trusts' }],
        ['Paul Partner', { stage: 'met', roles: ['partner', 'client'] }],
        ['Olga Override', { stage: 'met', keepInTouchDays: 7 }],
        ['Mel Met', { stage: 'met', roles: ['client'] }],
      ] as const) {
        ids[name] = (await contact({ name, ...body })).id;
      }
      const t = await get(ids['Tara Trusts'] as string);
      expect(t).toMatchObject({
        keepInTouchDays: null,
        cadenceDays: 60,
        nextTouchDueAt: at(70),
        touchState: 'ok',
      });
      expect(await get(ids['Paul Partner'] as string)).toMatchObject({
        cadenceDays: 30,
        nextTouchDueAt: at(40),
      });
      expect(await get(ids['Olga Override'] as string)).toMatchObject({
        keepInTouchDays: 7,
        cadenceDays: 7,
        nextTouchDueAt: at(17),
      });
      expect(await get(ids['Mel Met'] as string)).toMatchObject({
        cadenceDays: null,
        nextTouchDueAt: null,
        touchState: 'none',
      });
    });

    it('becomes due at the very instant the cadence has passed, in the list filter too', async () => {
      clock.set(at(17, -1));
      expect(await dueNames()).toEqual([]);
      clock.set(at(17));
      expect(await dueNames()).toEqual(['Olga Override']);
      expect((await get(ids['Olga Override'] as string)).touchState).toBe('due');
      clock.set(at(40, -1));
      expect(await dueNames()).toEqual(['Olga Override']);
      clock.set(at(40));
      expect(await dueNames()).toEqual(['Olga Override', 'Paul Partner']);
      clock.set(at(70));
      expect(await dueNames()).toEqual(['Olga Override', 'Paul Partner', 'Tara Trusts']);
    });

    it('restarts at the last touch, and combines with the other filters and paging', async () => {
      await log(ids['Paul Partner'] as string, { kind: 'meeting' });
      expect(await dueNames()).toEqual(['Olga Override', 'Tara Trusts']);
      expect(await get(ids['Paul Partner'] as string)).toMatchObject({
        touchState: 'ok',
        nextTouchDueAt: at(100),
      });
      expect(await dueNames('&stage=trusts')).toEqual(['Tara Trusts']);
      const page = await a.session.json<Page>('GET', '/contacts?touch=due&limit=1&sort=-name');
      expect(page.body.items.map((c) => c.name)).toEqual(['Tara Trusts']);
      const next = await a.session.json<Page>(
        'GET',
        `/contacts?touch=due&limit=1&sort=-name&cursor=${page.body.nextCursor}`,
      );
      expect(next.body.items.map((c) => c.name)).toEqual(['Olga Override']);
      expect(next.body.nextCursor).toBeNull();
    });

    it('follows the practice settings per role, and the override can be cleared', async () => {
      await a.session.json('PATCH', '/practice/settings', { keepInTouchClientDays: 20 });
      expect(await get(ids['Mel Met'] as string)).toMatchObject({
        cadenceDays: 20,
        touchState: 'due',
      });
      expect(await dueNames()).toEqual(['Mel Met', 'Olga Override', 'Tara Trusts']);
      const cleared = await a.session.json<ContactDetail>(
        'PATCH',
        `/contacts/${ids['Olga Override']}`,
        { keepInTouchDays: null },
      );
      expect(cleared.body).toMatchObject({ keepInTouchDays: null, cadenceDays: null });
      await a.session.json('PATCH', '/practice/settings', {
        keepInTouchClientDays: 0,
        keepInTouchTrustsDays: 0,
      });
      expect(await dueNames()).toEqual([]);
      await a.session.json('PATCH', '/practice/settings', { keepInTouchTrustsDays: 60 });
    });
  });

  describe('timeline', () => {
    let pat: ContactDetail;
    let rita: string;
    let referralId: string;
    let circle: CircleView;

    it('gathers interactions, stage changes, referrals both ways and their events', async () => {
      clock.set(at(200));
      circle = (await a.session.json<CircleView>('POST', '/circles', { name: 'BNI', kind: 'bni' }))
        .body;
      pat = await contact({ name: 'Pat Partner', roles: ['partner'], stage: 'trusts' });
      clock.set(at(201));
      await log(pat.id, { kind: 'joint_presentation', summary: 'Seminar on burnout' });
      clock.set(at(202));
      const referral = await a.session.json<{ id: string; referred: { id: string } }>(
        'POST',
        '/referrals',
        {
          referred: { name: 'Rita Referred' },
          referrer: { contactId: pat.id },
          channel: 'event',
          need: 'Anxiety after a job loss',
          circleId: circle.id,
        },
      );
      expect(referral.status, JSON.stringify(referral.body)).toBe(201);
      referralId = referral.body.id;
      rita = referral.body.referred.id;
      clock.set(at(203));
      const moved = await a.session.json('POST', `/referrals/${referralId}/status`, {
        status: 'contacted',
        note: 'Left a voicemail',
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      clock.set(at(204));
      const given = await a.session.json<{ id: string }>('POST', '/referrals-given', {
        person: { name: 'Gus Given' },
        partnerId: pat.id,
        reason: 'Needs a tax adviser',
      });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
      clock.set(at(205));
      const about = await a.session.json('POST', '/referrals', {
        referred: { contactId: pat.id },
        referrer: { unknown: true },
        channel: 'phone',
      });
      expect(about.status, JSON.stringify(about.body)).toBe(201);

      const res = await a.session.json<Timeline>('GET', `/contacts/${pat.id}/timeline`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => [i.kind, i.at, i.title, i.detail])).toEqual([
        ['referral_about', at(205), 'Referred (referrer unknown)', null],
        ['referral_given_to', at(204), 'You referred Gus Given to them', 'Needs a tax adviser'],
        [
          'referral_event',
          at(203),
          'Referral of Rita Referred: new → contacted',
          'Left a voicemail',
        ],
        ['stage', at(202), 'Stage trusts → refers', 'first referral received'],
        ['referral_sent', at(202), 'Referred Rita Referred', 'Anxiety after a job loss'],
        ['interaction', at(201), 'Joint presentation', 'Seminar on burnout'],
        ['stage', at(200), 'Added at stage trusts', null],
      ]);
      expect(res.body.items[2]?.refId).toBe(referralId);
      expect(res.body.reciprocity).toEqual({
        received: 1,
        given: 1,
        balance: 0,
        lastExchangeAt: at(204),
      });
      const detail = await get(pat.id);
      expect(detail.stageHistory[0]).toMatchObject({
        fromStage: 'trusts',
        toStage: 'refers',
        reason: 'first referral received',
      });
    });

    it('shows the referred person and the person referred out from their side', async () => {
      const r = await a.session.json<Timeline>('GET', `/contacts/${rita}/timeline`);
      expect(r.body.items.map((i) => [i.kind, i.title])).toEqual([
        ['referral_event', 'Referral of Rita Referred: new → contacted'],
        ['referral_about', 'Referred by Pat Partner'],
        ['stage', 'Added at stage met'],
      ]);
      expect(r.body.reciprocity).toEqual({
        received: 0,
        given: 0,
        balance: 0,
        lastExchangeAt: null,
      });
      const page = await a.session.json<Page>('GET', '/contacts?q=gus');
      const gus = page.body.items[0]?.id as string;
      const g = await a.session.json<Timeline>('GET', `/contacts/${gus}/timeline`);
      expect(g.body.items.map((i) => [i.kind, i.title])).toEqual([
        ['referral_given_about', 'You referred them to Pat Partner'],
        ['stage', 'Added at stage met'],
      ]);
    });

    it("counts the circle's referrals, and deleting the circle keeps the referral", async () => {
      const circles = await a.session.json<List<CircleView>>('GET', '/circles');
      expect(circles.body.items.find((c) => c.id === circle.id)?.referrals).toBe(1);
      expect((await a.session.request('DELETE', `/circles/${circle.id}`)).status).toBe(204);
      const referral = await a.session.json<{ circle: unknown }>('GET', `/referrals/${referralId}`);
      expect(referral.status).toBe(200);
      expect(referral.body.circle).toBeNull();
    });
  });
});
