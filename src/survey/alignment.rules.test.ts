import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBelowAlignment, scoreAlignment, stem, stopWords } from './alignment.rules.ts';

describe('alignment (§3.7), worked examples', () => {
  const coaching = ['small business', 'double income', 'coaching'];

  it('"She coaches small businesses to double their income" conveys all three', () => {
    const a = scoreAlignment('She coaches small businesses to double their income', coaching);
    expect(a).toEqual({
      scorePercent: 100,
      matched: ['small business', 'double income', 'coaching'],
      missed: [],
    });
  });
  it('word forms and order: "income doubled" and "a coach for businesses that are small"', () => {
    expect(
      scoreAlignment('A coach for businesses that are small; their income doubled.', coaching)
        .scorePercent,
    ).toBe(100);
  });
  it('a vague answer conveys one of three: 33 %, below the 50 % threshold', () => {
    const a = scoreAlignment('Jane is some kind of business coach, I think.', coaching);
    expect(a).toEqual({
      scorePercent: 33,
      matched: ['coaching'],
      missed: ['small business', 'double income'],
    });
  });
  it('couples therapy: "helps couples in conflict reconnect" conveys 3 of 4', () => {
    expect(
      scoreAlignment('He helps couples in conflict reconnecting', [
        'couples',
        'conflict',
        'reconnect',
        'trust',
      ]).scorePercent,
    ).toBe(75);
  });
  it('stems meet across forms', () => {
    for (const group of [
      ['coach', 'coaches', 'coaching', 'coached'],
      ['business', 'businesses'],
      ['double', 'doubled', 'doubling', 'doubles'],
      ['family', 'families'],
      ['plan', 'planning', 'planned'],
    ])
      expect(new Set(group.map(stem)).size).toBe(1);
    expect(stem('need')).toBe('need');
  });
  it('no key phrases: nothing to score against', () => {
    expect(scoreAlignment('anything', []).scorePercent).toBeNull();
  });
});

describe('alignment, properties', () => {
  // A phrase of stop words alone ("was") has no idea to convey: real key phrases name one.
  const word = fc.stringMatching(/^[a-z]{3,10}$/).filter((w) => !stopWords.has(w));
  const phrases = fc.array(
    fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    {
      minLength: 1,
      maxLength: 8,
    },
  );
  it('score in 0..100; the phrases themselves score 100; order and case do not matter', () => {
    fc.assert(
      fc.property(phrases, fc.array(word, { maxLength: 20 }), (ps, extra) => {
        const answer = [...ps, ...extra].join(', ');
        expect(scoreAlignment(answer, ps).scorePercent).toBe(100);
        const words = answer.split(/\W+/);
        const shuffled = [...words].reverse().join(' ').toUpperCase();
        expect(scoreAlignment(shuffled, ps)).toEqual(scoreAlignment(answer, ps));
        const s = scoreAlignment(extra.join(' '), ps).scorePercent ?? 0;
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('below the alignment threshold', () => {
  it('is strictly under it: at the threshold an answer is aligned', () => {
    expect([49, 50, 51].map((score) => isBelowAlignment(score, 50))).toEqual([true, false, false]);
  });
});
