/**
 * Concurrent changes to one referral (issue 9 §2): on PostgreSQL two transactions could both
 * read "not thanked yet" and both record it. A thank-you and a referrer update are recorded
 * once; the other requests answer 409 and leave no event or audit row behind.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { ReferralDetail } from './referral.schemas.ts';

describe.each(testTargets)('concurrent referral changes on %s', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Race Counseling']);
  const lee = useContact(a, { name: 'Lee', stage: 'trusts' });

  const referral = () =>
    ok<ReferralDetail>(a.bearer, 'POST', '/referrals', {
      referred: { name: 'Pat' },
      referrer: { contactId: lee.id },
      channel: 'phone',
      consentToUpdate: true,
    });

  /** Ten identical POSTs at once: how many succeeded (the rest must be 409 problems). */
  async function race(url: string, body: unknown): Promise<number> {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => a.bearer.request('POST', url, body)),
    );
    for (const res of answers.filter((r) => r.status >= 300))
      await expectProblem(res, 409, 'conflict');
    return answers.filter((r) => r.status < 300).length;
  }

  const eventsOf = async (id: string, kind: string) =>
    (await ok<ReferralDetail>(a.bearer, 'GET', `/referrals/${id}`)).events.filter(
      (e) => e.kind === kind,
    ).length;
  const auditsOf = async (id: string) =>
    (
      await ctx.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('subject_id', '=', id)
        .where('action', '=', 'referral.referrer_updated')
        .execute()
    ).length;

  it('ten thank-yous recorded at once: one', async () => {
    const r = await referral();
    expect(await race(`/referrals/${r.id}/thanks`, { kind: 'referral' })).toBe(1);
    expect(await eventsOf(r.id, 'thanked')).toBe(1);
  });

  it('ten referrer updates recorded at once: one event, one audit row', async () => {
    const r = await referral();
    await ok(a.bearer, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    expect(await race(`/referrals/${r.id}/referrer-updates`, {})).toBe(1);
    expect(await eventsOf(r.id, 'referrer_updated')).toBe(1);
    expect(await auditsOf(r.id)).toBe(1);
  });
});

describe.each(testTargets)('quick-adds naming the same new referrer at once on %s', (target) => {
  const ctx = useTestContext(target, { clock: fixedClock('2026-03-02T10:00:00.000Z') });
  const [a] = usePractices(ctx, ['Race Referrers']);

  it('five referrals from "Dr. Ada New <ada@example.com>": one contact, all five credited to it', async () => {
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((n) =>
        a.bearer.json<ReferralDetail>('POST', '/referrals', {
          referred: { name: `Person ${n}` },
          referrer: { name: 'Dr. Ada New', email: 'ada@example.com' },
          channel: 'phone',
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(201));
    const referrers = new Set(answers.map((r) => r.body.referrer?.id));
    expect(referrers.size).toBe(1);
    const found = await ok<{ items: { id: string }[] }>(a.bearer, 'GET', '/contacts?q=ada');
    expect(found.items.map((c) => c.id)).toEqual([...referrers]);
  });
});
