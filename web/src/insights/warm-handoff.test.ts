import { describe, expect, it } from 'vitest';
import type { WarmHandoffGroup, WarmHandoffInsight } from '../api/types';
import {
  completionBars,
  describeCompletion,
  hasCompletion,
  timesAsOftenSentence,
  timesAsOftenText,
  warmHandoffSummary,
} from './warm-handoff';

const insight: WarmHandoffInsight = {
  groups: [
    { group: 'warm', contacted: 3, clients: 2, rate: 2 / 3 },
    { group: 'other', contacted: 10, clients: 1, rate: 0.1 },
  ],
  timesAsOften: 6.7,
  explanation: 'In health care…',
};

describe('the warm-handoff insight as said', () => {
  it('says each group’s completion, and the practice’s own multiple', () => {
    expect(warmHandoffSummary(insight)).toBe(
      'Warm introductions: 2 of 3 contacted became clients (67 %). Other referrals: 1 of 10 contacted became clients (10 %).',
    );
    expect(timesAsOftenSentence(insight)).toBe(
      'Your warm introductions completed 6.7 times as often as the rest.',
    );
  });

  it('leaves the multiple out when it is not known, and says who was not contacted', () => {
    const none: WarmHandoffInsight = {
      ...insight,
      groups: [
        { group: 'warm', contacted: 0, clients: 0, rate: null },
        { group: 'other', contacted: 4, clients: 0, rate: 0 },
      ],
      timesAsOften: null,
    };
    expect(warmHandoffSummary(none)).toBe(
      'Warm introductions: none contacted yet. Other referrals: 0 of 4 contacted became clients (0 %).',
    );
    expect(timesAsOftenSentence(none)).toBeNull();
    expect(hasCompletion(none)).toBe(true);
    expect(
      hasCompletion({ ...none, groups: none.groups.map((g) => ({ ...g, contacted: 0 })) }),
    ).toBe(false);
  });

  it('writes the multiple and the bars', () => {
    expect(timesAsOftenText(3)).toBe('3 times as often');
    expect(timesAsOftenText(1)).toBe('as often');
    expect(timesAsOftenText(2.5)).toBe('2.5 times as often');
    expect(describeCompletion({ group: 'warm', contacted: 1, clients: 1, rate: 1 })).toBe(
      '1 of 1 contacted became clients (100 %)',
    );
    expect(completionBars(insight)).toEqual([
      { group: 'warm', name: 'Warm introductions', completionPercent: 67 },
      { group: 'other', name: 'Other referrals', completionPercent: 10 },
    ]);
    const noneContacted: WarmHandoffInsight = {
      ...insight,
      groups: [
        insight.groups[0] as WarmHandoffGroup,
        { group: 'other', contacted: 0, clients: 0, rate: null },
      ],
    };
    expect(completionBars(noneContacted).map((b) => b.group)).toEqual(['warm']);
  });
});
