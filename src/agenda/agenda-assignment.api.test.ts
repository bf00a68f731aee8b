/**
 * Issue 14 §4: agenda items assigned to a member of the team — "mine" and "everyone's" on
 * Today — kept when the item's cause moves on, and given back to everyone when the member
 * leaves the team.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, seedMember, testTargets } from '../test-support/testing.ts';

type Item = { key: string; kind: string; assignee: { id: string; name: string } | null };
type Agenda = { items: Item[]; counts: Record<string, number> };

describe.each(testTargets)('agenda assignments on %s', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Shared Practice']);
  const lee = useContact(a, { name: 'Lee Referrer', stage: 'trusts' });
  let mia: { userId: string; session: Caller };
  let referralId: string;

  beforeAll(async () => {
    mia = await seedMember(ctx, a.practiceId, 'Mia Member');
    referralId = (
      await ok<{ id: string }>(a.session, 'POST', '/referrals', {
        referred: { name: 'Pat Person' },
        referrer: { contactId: lee.id },
        channel: 'phone',
      })
    ).id;
  });

  const agenda = (who: Caller, assignee?: 'mine' | 'everyone') =>
    ok<Agenda>(who, 'GET', `/agenda${assignee ? `?assignee=${assignee}` : ''}`);
  const respondItem = async (who: Caller) => {
    const item = (await agenda(who)).items.find(
      (i) => i.kind === 'respond' && i.key.includes(referralId),
    );
    if (!item) throw new Error('no respond item');
    return item;
  };

  it("lists everyone's items unassigned, and none as mine", async () => {
    expect((await respondItem(mia.session)).assignee).toBeNull();
    expect((await agenda(mia.session, 'mine')).items).toEqual([]);
  });

  it('assigns an item to a member: theirs under "mine", still in everyone\'s with its assignee', async () => {
    const item = await respondItem(a.session);
    const assigned = await ok<{ assignee: unknown }>(
      a.session,
      'PUT',
      `/agenda/${item.key}/assignee`,
      { userId: mia.userId },
    );
    expect(assigned).toEqual({ key: item.key, assignee: { id: mia.userId, name: 'Mia Member' } });
    const mine = await agenda(mia.session, 'mine');
    expect(mine.items.map((i) => i.key)).toEqual([item.key]);
    expect(Object.values(mine.counts).reduce((n, c) => n + c, 0)).toBe(1);
    expect((await agenda(a.session, 'mine')).items.map((i) => i.key)).not.toContain(item.key);
    expect((await respondItem(a.session)).assignee).toEqual({ id: mia.userId, name: 'Mia Member' });
  });

  it('a member assigns too, and gives an item back to everyone', async () => {
    const item = await respondItem(mia.session);
    await ok(mia.session, 'PUT', `/agenda/${item.key}/assignee`, { userId: a.userId });
    expect((await respondItem(mia.session)).assignee?.id).toBe(a.userId);
    await ok(mia.session, 'PUT', `/agenda/${item.key}/assignee`, { userId: null });
    expect((await respondItem(mia.session)).assignee).toBeNull();
  });

  it('refuses someone not on the team (404 naming userId) and an unknown item (404)', async () => {
    const item = await respondItem(a.session);
    await expectProblem(
      await a.session.request('PUT', `/agenda/${item.key}/assignee`, {
        userId: '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b',
      }),
      404,
      'not_found',
      ['userId'],
    );
    await expectProblem(
      await a.session.request(
        'PUT',
        '/agenda/respond:019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b/assignee',
        { userId: null },
      ),
      404,
      'not_found',
    );
  });

  it('gives the items of someone who leaves the team back to everyone', async () => {
    const item = await respondItem(a.session);
    await ok(a.session, 'PUT', `/agenda/${item.key}/assignee`, { userId: mia.userId });
    expect((await a.session.request('DELETE', `/members/${mia.userId}`)).status).toBe(204);
    expect((await respondItem(a.session)).assignee).toBeNull();
  });
});
