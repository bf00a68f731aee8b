import { describe, expect, it } from 'vitest';
import type { MergeFieldConsent } from '../api/types';
import { blockedFieldsNotice } from './blocked-fields';

const consents: Record<string, MergeFieldConsent> = {
  'referral.name': 'with_consent',
  'referral.milestone': 'with_consent',
  'referral.seen': 'treating_provider',
  'referrer.firstName': 'always',
};
const consentOf = (field: string) => consents[field] ?? null;

describe('blockedFieldsNotice', () => {
  it('says nothing when nothing was left out', () => {
    expect(blockedFieldsNotice([], consentOf)).toBeNull();
  });

  it('with consent given, a treating-provider field is left out without claiming no consent', () => {
    // The referred person consented: only the HIPAA-only field can be blocked.
    const notice = blockedFieldsNotice(['referral.seen'], consentOf);
    expect(notice?.text).not.toMatch(/consent/i);
    expect(notice?.text).toBe(
      '{{referral.seen}} may only be told to the person’s treating provider under the health (HIPAA) profile, so it is left out.',
    );
  });

  it('without consent, names the fields consent would unlock, apart from the HIPAA-only one', () => {
    const notice = blockedFieldsNotice(
      ['referral.name', 'referral.milestone', 'referral.seen'],
      consentOf,
    );
    expect(notice?.text).toBe(
      'The referred person has not consented to updates, so {{referral.name}}, {{referral.milestone}} cannot be used. ' +
        '{{referral.seen}} may only be told to the person’s treating provider under the health (HIPAA) profile, so it is left out.',
    );
  });

  it('once the user ticks that the person gave permission, it no longer says they did not', () => {
    const notice = blockedFieldsNotice(['referral.name'], consentOf, true);
    expect(notice?.text).not.toMatch(/not consent/);
    expect(notice?.text).toBe(
      'Their consent is recorded when you save; this draft was written before it, without {{referral.name}}.',
    );
  });
});
