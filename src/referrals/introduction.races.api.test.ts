/**
 * Introductions of one new person at once (PostgreSQL runs them side by side): each looks the
 * email up, finds nobody and makes the contact; the unique email makes the later ones take the
 * contact the first made. Every request succeeds, with one contact and one referral each.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Introduction } from './introduction.schemas.ts';

describe.each(testTargets)('concurrent introductions on %s', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Race Counseling']);
  const lee = useContact(a, { name: 'Lee Lane', stage: 'trusts' });

  it('ten introductions of one new email at once make one contact and ten referrals', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        a.bearer.json<Introduction>('POST', '/introductions', {
          referrerId: lee.id,
          // The same address, typed differently each time.
          person: { name: 'Pat Park', email: k % 2 ? 'pat@example.com' : 'PAT@Example.com' },
        }),
      ),
    );
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(201);
    const people = new Set(answers.map((r) => r.body.referral.referred?.id));
    expect(people.size).toBe(1);
    const contacts = await ctx.deps.db
      .selectFrom('contact')
      .select('id')
      .where('practice_id', '=', a.practiceId)
      .where('email_key', '=', 'pat@example.com')
      .execute();
    expect(contacts.map((c) => c.id)).toEqual([...people]);
    const referrals = new Set(answers.map((r) => r.body.referral.id));
    expect(referrals.size).toBe(10);
  });
});
