import { describe, expect, it } from 'vitest';
import { CHANNELS } from './api/types';
import { CHANNEL_ARRIVALS, CHANNEL_LABELS } from './labels';

describe('channels in a sentence', () => {
  it('reads naturally after "Most referrals": never "arrived by in person"', () => {
    expect(`Most referrals ${CHANNEL_ARRIVALS.in_person}`).toBe('Most referrals arrived in person');
    expect(`Most referrals ${CHANNEL_ARRIVALS.email}`).toBe('Most referrals came by email');
    for (const channel of CHANNELS) {
      const phrase = CHANNEL_ARRIVALS[channel];
      expect(phrase, channel).toMatch(/^(arrived|came) /);
      expect(phrase, channel).not.toMatch(/\bby (in person|event|intake|other)/i);
      expect(phrase, channel).not.toBe(`arrived by ${CHANNEL_LABELS[channel].toLowerCase()}`);
    }
  });
});
