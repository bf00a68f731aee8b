import { beforeAll, describe, expect, it } from 'vitest';
import type { Ethics } from '../ethics/ethics.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, testTargets } from '../test-support/testing.ts';
import type { Incentive } from './incentive.schemas.ts';

const start = '2026-03-02T09:00:00.000Z';

describe.each(testTargets)('ethics and incentives on %s', (target) => {
  const clock = fixedClock(start);
  let referral: ReferralDetail;

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Roe Law']);
  const lee = useContact(a, { name: 'Lee', stage: 'trusts' });
  beforeAll(async () => {
    await ok(a.session, 'PATCH', '/practice', { profession: 'attorney' });
    referral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Pat' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
  });

  it('GET /ethics: every kind with reason and source, and says it is no legal advice', async () => {
    const e = await ok<Ethics>(a.session, 'GET', '/ethics');
    expect(e).toMatchObject({ profession: 'attorney', nominalGiftMinor: 10000, currency: 'USD' });
    expect(e.disclaimer).toMatch(/^Vouch gives no legal advice/);
    expect(e.rulings).toHaveLength(7);
    expect(e.rulings.find((r) => r.kind === 'referral_fee')).toMatchObject({
      ruling: 'prohibited',
      source: 'ABA Model Rule 7.2(b)',
      isTightened: false,
    });
  });

  it('PUT /ethics/overrides tightens; loosening is a 422 naming the kind and changes nothing', async () => {
    const before = await countRows(ctx.deps);
    const loose = await a.session.json<{ errors: { field: string }[]; detail: string }>(
      'PUT',
      '/ethics/overrides',
      { gift: 'allowed', discount: 'prohibited' },
    );
    expect(loose.status).toBe(422);
    expect(loose.body.errors.map((e) => e.field)).toEqual(['gift']);
    expect(loose.body.detail).toContain('never loosen');
    expect(await countRows(ctx.deps)).toEqual(before);
    const tight = await ok<Ethics>(a.session, 'PUT', '/ethics/overrides', {
      event_invitation: 'prohibited',
    });
    expect(tight.rulings.find((r) => r.kind === 'event_invitation')).toMatchObject({
      ruling: 'prohibited',
      isTightened: true,
    });
    const reset = await ok<Ethics>(a.session, 'PUT', '/ethics/overrides', {});
    expect(reset.rulings.every((r) => !r.isTightened)).toBe(true);
  });

  it('preview shows the ruling; prohibited and above-nominal are refused with nothing written', async () => {
    const preview = await ok<{ verdict: string; refusal: string | null; source: string }>(
      a.session,
      'POST',
      '/incentives/preview',
      { kind: 'referral_fee', recipient: 'referrer', valueMinor: 5000 },
    );
    expect(preview).toMatchObject({ verdict: 'prohibited', source: 'ABA Model Rule 7.2(b)' });
    expect(preview.refusal).toMatch(/not allowed/);

    const before = await countRows(ctx.deps);
    for (const [body, field] of [
      [{ kind: 'referral_fee', recipient: 'referrer', valueMinor: 5000 }, 'kind'],
      [{ kind: 'gift', recipient: 'referrer', valueMinor: 10001 }, 'valueMinor'],
      [
        { kind: 'gift', recipient: 'referrer', valueMinor: 500, isPromisedInAdvance: true },
        'isPromisedInAdvance',
      ],
    ] as const) {
      const res = await a.session.json<{ errors: { field: string; message: string }[] }>(
        'POST',
        '/incentives',
        body,
      );
      expect(res.status).toBe(422);
      expect(res.body.errors[0]?.field).toBe(field);
      expect(res.body.errors[0]?.message).toMatch(/Source: /);
    }
    expect(await countRows(ctx.deps)).toEqual(before);

    const gift = await a.session.json<Incentive>('POST', '/incentives', {
      kind: 'gift',
      recipient: 'referrer',
      valueMinor: 10000,
      referralId: referral.id,
      description: 'Book',
    });
    expect(gift.status).toBe(201);
    expect(gift.body).toMatchObject({
      verdict: 'nominal_only',
      status: 'promised',
      recipientContact: { id: lee.id, name: 'Lee' },
      currency: 'USD',
      needsDisclosure: false,
    });
  });

  it('allowed with disclosure: deliver needs a disclosure first, then delivers once', async () => {
    const created = await ok<Incentive>(a.session, 'POST', '/incentives', {
      kind: 'reciprocal_arrangement',
      recipient: 'referrer',
      recipientContactId: lee.id,
    });
    expect(created).toMatchObject({ verdict: 'allowed_with_disclosure', needsDisclosure: true });
    const early = await a.session.json('POST', `/incentives/${created.id}/deliver`, {});
    expect(early.status).toBe(422);
    const disclosed = await ok<Incentive>(
      a.session,
      'POST',
      `/incentives/${created.id}/disclosure`,
      { method: 'engagement_letter', note: 'Clause 7' },
    );
    expect(disclosed.disclosure).toMatchObject({ method: 'engagement_letter', disclosedAt: start });
    const done = await ok<Incentive>(a.session, 'POST', `/incentives/${created.id}/deliver`, {});
    expect(done).toMatchObject({ status: 'delivered', deliveredAt: start });
    expect((await a.session.json('POST', `/incentives/${created.id}/deliver`, {})).status).toBe(
      409,
    );
  });

  it('two concurrent "mark delivered" calls deliver once', async () => {
    for (let i = 0; i < 3; i++) {
      const created = await ok<Incentive>(a.session, 'POST', '/incentives', {
        kind: 'thank_you_note',
        recipient: 'referrer',
        referralId: referral.id,
      });
      const results = await Promise.all([
        a.session.json('POST', `/incentives/${created.id}/deliver`, {}),
        a.bearer.json('POST', `/incentives/${created.id}/deliver`, {}),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
    const delivered = await ok<{ items: Incentive[] }>(
      a.session,
      'GET',
      `/incentives?status=delivered&referralId=${referral.id}`,
    );
    expect(delivered.items).toHaveLength(3);
    const byContact = await ok<{ items: Incentive[] }>(
      a.session,
      'GET',
      `/incentives?contactId=${lee.id}`,
    );
    expect(byContact.items.length).toBeGreaterThanOrEqual(4);
  });
});
