/**
 * Issue 14 §2, the last owner under concurrency: two owners demoting or removing each other
 * (or stepping down) at the same moment. PostgreSQL does not serialise writes; the members'
 * row locks (`lockMembers`) do, so exactly one change wins and the practice keeps an owner.
 * Also: one email invited twice at once, one link used twice at once, and an item assigned to
 * a member while they are removed — never a 500, never an item left to someone gone.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { useTestContext } from '../test-support/suite.ts';
import {
  type Caller,
  caller,
  seedMember,
  seedPractice,
  testTargets,
} from '../test-support/testing.ts';

type Owner = { id: string; session: Caller };

describe.each(testTargets)('the team under concurrency on %s', (target) => {
  const ctx = useTestContext(target, { clock: fixedClock('2026-06-15T12:00:00.000Z') });

  /** A practice with two owners. */
  async function twoOwners(): Promise<{ practiceId: string; x: Owner; y: Owner }> {
    const p = await seedPractice(ctx, 'Two Owners');
    const m = await seedMember(ctx, p.practiceId, 'Second Owner');
    await ok(p.session, 'PATCH', `/members/${m.userId}`, { role: 'owner' });
    return {
      practiceId: p.practiceId,
      x: { id: p.userId, session: p.session },
      y: { id: m.userId, session: m.session },
    };
  }

  async function ownersOf(practiceId: string): Promise<number> {
    const rows = await ctx.deps.db
      .selectFrom('practice_member')
      .select('user_id')
      .where('practice_id', '=', practiceId)
      .where('role', '=', 'owner')
      .execute();
    return rows.length;
  }

  const rounds = 5;

  it('two owners demoting each other at once: one wins, the other is 409, one owner stays', async () => {
    for (let i = 0; i < rounds; i += 1) {
      const { practiceId, x, y } = await twoOwners();
      const answers = await Promise.all([
        x.session.request('PATCH', `/members/${y.id}`, { role: 'member' }),
        y.session.request('PATCH', `/members/${x.id}`, { role: 'member' }),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      // The loser is refused either as the last owner (409) or, demoted first, as a member (403).
      expect([
        [200, 409],
        [200, 403],
      ]).toContainEqual(statuses);
      expect(await ownersOf(practiceId)).toBe(1);
    }
  });

  it('two owners stepping down at once: one steps down, the other stays (409)', async () => {
    for (let i = 0; i < rounds; i += 1) {
      const { practiceId, x, y } = await twoOwners();
      const answers = await Promise.all([
        x.session.request('PATCH', `/members/${x.id}`, { role: 'member' }),
        y.session.request('PATCH', `/members/${y.id}`, { role: 'member' }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await ownersOf(practiceId)).toBe(1);
    }
  });

  it('two owners removing each other at once: one is removed, one owner stays', async () => {
    for (let i = 0; i < rounds; i += 1) {
      const { practiceId, x, y } = await twoOwners();
      const answers = await Promise.all([
        x.session.request('DELETE', `/members/${y.id}`),
        y.session.request('DELETE', `/members/${x.id}`),
      ]);
      const statuses = answers.map((r) => r.status).sort();
      // The loser's session may already be gone (401), or it is the last owner (409).
      expect(statuses[0]).toBe(204);
      expect([401, 409]).toContain(statuses[1]);
      expect(await ownersOf(practiceId)).toBe(1);
    }
  });

  it('the same email invited twice at once: one invitation, the other 409 naming email', async () => {
    const p = await seedPractice(ctx, 'Inviting Twice');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        p.session.request('POST', '/invitations', { email: 'twice@example.com' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const rows = await ctx.deps.db
      .selectFrom('invitation')
      .select('id')
      .where('practice_id', '=', p.practiceId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('one link used twice at once: one joins, the other is told, one account', async () => {
    const p = await seedPractice(ctx, 'Joining Twice');
    const { link } = await ok<{ link: string }>(p.session, 'POST', '/invitations', {
      email: 'joiner@example.com',
    });
    const token = decodeURIComponent(link.split('/join/')[1] ?? '');
    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        caller(ctx).request('POST', '/auth/accept-invitation', {
          token,
          name: 'Jo Joiner',
          password: 'a long joining password',
        }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    for (const s of statuses.slice(1)) expect([409, 410]).toContain(s);
    const users = await ctx.deps.db
      .selectFrom('auth_user')
      .select('id')
      .where('email', '=', 'joiner@example.com')
      .execute();
    expect(users).toHaveLength(1);
  });

  it('an item assigned to a member while they are removed: never left assigned to them', async () => {
    for (let i = 0; i < rounds; i += 1) {
      const p = await seedPractice(ctx, 'Assigning While Removing');
      const m = await seedMember(ctx, p.practiceId, 'Leaving Member');
      const lee = await ok<{ id: string }>(p.session, 'POST', '/contacts', {
        name: 'Lee Referrer',
        stage: 'trusts',
      });
      await ok(p.session, 'POST', '/referrals', {
        referred: { name: 'Pat Person' },
        referrer: { contactId: lee.id },
        channel: 'phone',
      });
      const { items } = await ok<{ items: { key: string; kind: string }[] }>(
        p.session,
        'GET',
        '/agenda',
      );
      const item = items.find((it) => it.kind === 'respond');
      if (!item) throw new Error('no respond item');
      const answers = await Promise.all([
        p.session.request('PUT', `/agenda/${encodeURIComponent(item.key)}/assignee`, {
          userId: m.userId,
        }),
        p.session.request('DELETE', `/members/${m.userId}`),
      ]);
      // The assignment came first (then the removal gave the item back), or after (404).
      expect([200, 404]).toContain(answers[0]?.status);
      expect(answers[1]?.status).toBe(204);
      const left = await ctx.deps.db
        .selectFrom('agenda_assignment')
        .select('item_key')
        .where('practice_id', '=', p.practiceId)
        .where('user_id', '=', m.userId)
        .execute();
      expect(left).toEqual([]);
    }
  });
});
