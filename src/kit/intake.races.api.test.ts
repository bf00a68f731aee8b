/**
 * Intake forms at the same moment (§3.9). SQLite runs one writer at a time and hides races;
 * on PostgreSQL the link's row lock makes the submissions of one link go one after another,
 * so a person sending the form twice makes one contact and one referral, and the link's cap
 * of 30 an hour holds exactly however many arrive at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { ReferralLink } from './referral-link.schemas.ts';

describe.each(testTargets)('concurrent intake forms on %s', (target) => {
  const clock = fixedClock('2026-11-27T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Race Counselling']);
  const maya = useContact(a, { name: 'Maya Lind', stage: 'trusts' });
  let link: ReferralLink;
  beforeAll(async () => {
    link = await ok<ReferralLink>(a.bearer, 'POST', '/referral-links', { contactId: maya.id });
  });

  /** A form posted from its own client address, as through the real server's socket. */
  const send = (address: string, body: unknown, code = link.code) =>
    ctx.app.request(
      `/api/v1/public/intake/${code}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      { incoming: { socket: { remoteAddress: address } } },
    );
  const count = async (table: 'contact' | 'referral' | 'intake_submission') =>
    (
      await ctx.deps.db
        .selectFrom(table)
        .select('id')
        .where('practice_id', '=', a.practiceId)
        .execute()
    ).length;

  it('ten copies of one new person’s form at once: one contact, one referral', async () => {
    const [contacts, referrals] = [await count('contact'), await count('referral')];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(`10.0.1.${i}`, { name: 'Noor Haddad', email: 'noor@example.com' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await count('contact')).toBe(contacts + 1);
    expect(await count('referral')).toBe(referrals + 1);
    const stats = await ok<{ items: ReferralLink[] }>(a.bearer, 'GET', '/referral-links');
    expect(stats.items[0]?.stats).toMatchObject({ submissions: 10, referrals: 1 });
  });

  it('forty different people at once through one link: exactly the cap gets in', async () => {
    clock.set('2026-11-27T11:00:00.000Z');
    const before = await count('intake_submission');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        send(`10.0.2.${i}`, { name: `Person ${i}`, email: `person${i}@example.com` }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(ctx.deps.config.intakeLimits.perLink);
    expect(statuses.filter((s) => s === 429)).toHaveLength(
      40 - ctx.deps.config.intakeLimits.perLink,
    );
    expect(await count('intake_submission')).toBe(before + ctx.deps.config.intakeLimits.perLink);
  });

  it('two links made for one contact at once: one link', async () => {
    const lee = await ok<{ id: string }>(a.bearer, 'POST', '/contacts', { name: 'Lee Park' });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        a.bearer.json<ReferralLink>('POST', '/referral-links', { contactId: lee.id }),
      ),
    );
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
  });
});
