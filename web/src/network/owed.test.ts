import { describe, expect, it } from 'vitest';
import { owedSentence } from './owed';

describe('owedSentence', () => {
  it('says the count in partners, as the ledger does', () => {
    expect(owedSentence(0)).toBe('You owe nobody a referral right now.');
    expect(owedSentence(1)).toBe('You owe 1 partner a referral.');
    expect(owedSentence(26)).toBe('You owe 26 partners a referral.');
  });
});
