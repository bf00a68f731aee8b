/**
 * A referrer's stage under concurrent writes (issue 11 §2): SQLite serialises writes,
 * PostgreSQL does not. Referrals sent at once promote their referrer once, with one "first
 * referral received"; a stage edit racing a first referral never leaves a referrer below
 * `refers`.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { ContactDetail } from './contact.schemas.ts';

describe.each(testTargets)("a referrer's stage under concurrent writes on %s", (target) => {
  const ctx = useTestContext(target, { clock: fixedClock('2026-03-10T09:00:00.000Z') });
  const [a] = usePractices(ctx, ['Stage Race']);
  const contact = (name: string) =>
    ok<ContactDetail>(a.bearer, 'POST', '/contacts', { name, stage: 'trusts' });
  const referralFrom = (contactId: string, name: string) =>
    a.bearer.json('POST', '/referrals', {
      referred: { name },
      referrer: { contactId },
      channel: 'phone',
    });

  it('five referrals at once: one promotion, "first referral received" once', async () => {
    const lee = await contact('Lee Many');
    const answers = await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((n) => referralFrom(lee.id, `Person ${n}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(201));
    const after = await ok<ContactDetail>(a.bearer, 'GET', `/contacts/${lee.id}`);
    expect(after.stage).toBe('refers');
    const promotions = after.stageHistory.filter((h) => h.toStage === 'refers');
    expect(promotions).toHaveLength(1);
    expect(promotions[0]).toMatchObject({ fromStage: 'trusts', reason: 'first referral received' });
  });

  it('a stage edit racing a first referral: the referrer ends at refers, every time', async () => {
    for (let i = 0; i < 20; i++) {
      const jo = await contact(`Jo Race ${i}`);
      const [edit, made] = await Promise.all([
        a.bearer.json('PATCH', `/contacts/${jo.id}`, { stage: 'likes' }),
        referralFrom(jo.id, `Referred ${i}`),
      ]);
      expect(made.status).toBe(201);
      // The edit either came first (200, then the referral promoted) or was refused (422).
      expect([200, 422]).toContain(edit.status);
      const after = await ok<ContactDetail>(a.bearer, 'GET', `/contacts/${jo.id}`);
      expect(after.stage).toBe('refers');
      const last = after.stageHistory[0]; // newest first
      expect(last).toMatchObject({ toStage: 'refers', reason: 'first referral received' });
    }
  });
});
