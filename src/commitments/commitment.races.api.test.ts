/**
 * Concurrent commitment creation (issue 9 §2): SQLite serialises writes, PostgreSQL does not.
 * Several promises made at once by a referrer with referrals are all recorded, and each
 * earlier referral credits exactly one of them — never a 500 from a duplicate credit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Commitment, CommitmentDetail } from './commitment.schemas.ts';

describe.each(testTargets)('concurrent commitments on %s', (target) => {
  const clock = fixedClock('2026-03-10T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Race Law']);
  const lee = useContact(a, { name: 'Lee', stage: 'trusts' });
  beforeAll(async () => {
    for (const [i, day] of ['03', '04', '05'].entries())
      await ok(a.bearer, 'POST', '/referrals', {
        referred: { name: `Person ${i}` },
        referrer: { contactId: lee.id },
        channel: 'phone',
        receivedAt: `2026-03-${day}T09:00:00.000Z`,
      });
  });

  it('answers 201 to ten promises made at once and credits each earlier referral once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        a.bearer.json<{ commitment: Commitment }>('POST', `/contacts/${lee.id}/commitments`, {
          promisedCount: 1,
          madeAt: '2026-03-01T09:00:00.000Z',
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    const { items } = await ok<{ items: Commitment[] }>(
      a.bearer,
      'GET',
      `/commitments?contactId=${lee.id}`,
    );
    expect(items).toHaveLength(10);
    // Three referrals, ten promises of one: exactly three fulfilled, each by a different referral.
    expect(items.filter((c) => c.status === 'fulfilled')).toHaveLength(3);
    expect(items.reduce((n, c) => n + c.credited, 0)).toBe(3);
    const credited = new Set<string>();
    for (const c of items) {
      const detail = await ok<CommitmentDetail>(a.bearer, 'GET', `/commitments/${c.id}`);
      for (const credit of detail.credits) credited.add(credit.referralId);
    }
    expect(credited.size).toBe(3);
  });

  it('ten releases of one commitment at once: one release, the rest 409', async () => {
    const { commitment } = await ok<{ commitment: Commitment }>(
      a.bearer,
      'POST',
      `/contacts/${lee.id}/commitments`,
      { promisedCount: 5 },
    );
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        a.bearer.request('POST', `/commitments/${commitment.id}/release`, { note: 'moved away' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const after = await ok<CommitmentDetail>(a.bearer, 'GET', `/commitments/${commitment.id}`);
    expect(after.note).toBe('Released: moved away');
  });
});
