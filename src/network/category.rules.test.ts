import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stages } from '../contacts/contact.rules.ts';
import {
  coverageGap,
  effectiveTarget,
  isCovering,
  mostWantedListProblem,
  mostWantedMax,
  orderMembers,
} from './category.rules.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `cat-${i + 1}`);

describe('most-wanted list', () => {
  it('holds up to 10 categories', () => {
    expect(mostWantedMax).toBe(10);
    expect(mostWantedListProblem([])).toBeNull();
    expect(mostWantedListProblem(ids(1))).toBeNull();
    expect(mostWantedListProblem(ids(10))).toBeNull();
  });

  it('refuses an 11th with 422 naming categoryIds', () => {
    expect(mostWantedListProblem(ids(11))).toEqual({
      code: 'unprocessable',
      error: { field: 'categoryIds', message: expect.stringContaining('at most 10') },
    });
    expect(mostWantedListProblem(ids(25))?.error.message).toContain('remove 15');
  });

  it('refuses a repeated category as invalid input, naming its position', () => {
    expect(mostWantedListProblem(['a', 'b', 'a'])).toEqual({
      code: 'validation',
      error: { field: 'categoryIds.2', message: expect.any(String) },
    });
  });
});

describe('coverage', () => {
  it('counts contacts at stage knows or above', () => {
    expect(stages.filter(isCovering)).toEqual(['knows', 'likes', 'trusts', 'refers']);
  });

  it('measures the gap to the target, never below zero', () => {
    expect(coverageGap(5, 0)).toBe(5);
    expect(coverageGap(5, 4)).toBe(1);
    expect(coverageGap(5, 5)).toBe(0);
    expect(coverageGap(5, 9)).toBe(0);
    fc.assert(
      fc.property(fc.nat(100), fc.nat(1000), (target, coverage) => {
        const gap = coverageGap(target, coverage);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap + Math.min(target, coverage)).toBe(target);
      }),
    );
  });

  it("takes the category's own target, else the practice default", () => {
    expect(effectiveTarget(null, 5)).toBe(5);
    expect(effectiveTarget(8, 5)).toBe(8);
  });

  it('lists members who count for coverage first, then by name', () => {
    const m = (id: string, nameKey: string, stage: (typeof stages)[number]) => ({
      id,
      nameKey,
      stage,
    });
    const ordered = orderMembers([
      m('1', 'zoe', 'met'),
      m('2', 'adam', 'met'),
      m('3', 'yara', 'trusts'),
      m('4', 'bea', 'knows'),
    ]);
    expect(ordered.map((x) => x.nameKey)).toEqual(['bea', 'yara', 'adam', 'zoe']);
  });
});
