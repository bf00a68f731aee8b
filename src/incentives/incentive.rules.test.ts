import { describe, expect, it } from 'vitest';
import { effectiveRuling } from '../ethics/ethics.rules.ts';
import { deliveryRefusal, verdictFor } from './incentive.rules.ts';

const nominal = { minor: 10_000, currency: 'USD' };
const gift = effectiveRuling('attorney', {}, 'gift'); // nominal only
const draft = (valueMinor: number | null, isPromisedInAdvance = false, currency = 'USD') => ({
  valueMinor,
  currency,
  isPromisedInAdvance,
});

describe('nominal amount edges (§7)', () => {
  it('allows exactly the nominal amount', () => {
    expect(verdictFor(gift, draft(10_000), nominal).refusal).toBeNull();
  });
  it('refuses one minor unit more, naming the value', () => {
    const v = verdictFor(gift, draft(10_001), nominal);
    expect(v.refusal).toMatch(/nominal amount of 100\.00 USD/);
    expect(v.field).toBe('valueMinor');
  });
  it('writes the nominal amount in its currency precision (no cents in yen)', () => {
    const v = verdictFor(gift, draft(5_001, false, 'JPY'), { minor: 5_000, currency: 'JPY' });
    expect(v.refusal).toMatch(/nominal amount of 5000 JPY; this is 5001 JPY/);
  });
  it('refuses a nominal gift promised in advance, whatever its value', () => {
    const v = verdictFor(gift, draft(100, true), nominal);
    expect(v.refusal).toMatch(/never promised in advance/);
    expect(v.field).toBe('isPromisedInAdvance');
  });
  it('needs the value, in the practice currency', () => {
    expect(verdictFor(gift, draft(null), nominal).field).toBe('valueMinor');
    expect(verdictFor(gift, draft(100, false, 'EUR'), nominal).field).toBe('currency');
  });
  it('refuses prohibited kinds with reason and source', () => {
    const fee = effectiveRuling('attorney', {}, 'referral_fee');
    const v = verdictFor(fee, draft(5_000), nominal);
    expect(v).toMatchObject({ verdict: 'prohibited', field: 'kind' });
    expect(v.refusal).toContain('ABA Model Rule 7.2(b)');
  });
  it('lets allowed and with-disclosure kinds through, in advance too', () => {
    expect(
      verdictFor(effectiveRuling('general', {}, 'gift'), draft(1_000_000, true), nominal).refusal,
    ).toBeNull();
    expect(
      verdictFor(effectiveRuling('accountant', {}, 'referral_fee'), draft(50_000, true), nominal)
        .verdict,
    ).toBe('allowed_with_disclosure');
  });
});

describe('delivery', () => {
  it('needs a disclosure where the ruling asks for one, and happens once', () => {
    expect(
      deliveryRefusal({
        status: 'promised',
        verdict: 'allowed_with_disclosure',
        disclosed_at: null,
      })?.code,
    ).toBe('unprocessable');
    expect(
      deliveryRefusal({
        status: 'promised',
        verdict: 'allowed_with_disclosure',
        disclosed_at: '2026-01-01T00:00:00.000Z',
      }),
    ).toBeNull();
    expect(
      deliveryRefusal({ status: 'delivered', verdict: 'allowed', disclosed_at: null })?.code,
    ).toBe('conflict');
  });
});
