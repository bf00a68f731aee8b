import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  containsPattern,
  decodeCursor,
  encodeCursor,
  normalizeRoles,
  phoneKey,
  promotionFor,
  roles,
  singleSpaced,
  stageChangeFor,
  stageEditRefusal,
  stageRank,
  stages,
  textKey,
} from './contact.rules.ts';

describe('stage history rule', () => {
  it('records the first stage of a new contact', () => {
    expect(stageChangeFor(null, 'met')).toEqual({ fromStage: null, toStage: 'met' });
  });
  it('records a move in either direction, and nothing when the stage stays', () => {
    expect(stageChangeFor('met', 'trusts')).toEqual({ fromStage: 'met', toStage: 'trusts' });
    expect(stageChangeFor('trusts', 'knows')).toEqual({ fromStage: 'trusts', toStage: 'knows' });
    expect(stageChangeFor('likes', 'likes')).toBeNull();
    expect(stageChangeFor('likes', undefined)).toBeNull();
  });
  it('ranks the ladder met → knows → likes → trusts → refers', () => {
    expect(stages.map(stageRank)).toEqual([0, 1, 2, 3, 4]);
  });
  it('for any sequence of edits, the history replays to the current stage', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom(...stages), { nil: undefined })), (edits) => {
        let current: (typeof stages)[number] = 'met';
        const history = [stageChangeFor(null, 'met')];
        for (const next of edits) {
          const change = stageChangeFor(current, next);
          if (change) {
            expect(change.fromStage).toBe(current);
            history.push(change);
            current = change.toStage;
          }
        }
        expect(history.at(-1)?.toStage).toBe(current);
        for (let i = 1; i < history.length; i++)
          expect(history[i]?.fromStage).toBe(history[i - 1]?.toStage);
      }),
    );
  });
});

describe('keys and patterns', () => {
  it('folds case and spacing', () => {
    expect(textKey('  Dr.  Lee WONG ')).toBe('dr. lee wong');
  });
  it('makes each run of white space one space, and leaves a value without any as it is', () => {
    expect(singleSpaced('Lee\t\tWong\n Jr')).toBe('Lee Wong Jr');
    expect(singleSpaced('Lee\u00a0Wong')).toBe('Lee Wong');
    expect(singleSpaced(' Lee Wong ')).toBe(' Lee Wong ');
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(singleSpaced(s)).toBe(s.replace(/\s+/g, ' '));
      }),
    );
  });
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
  it('keeps roles unique and in canonical order', () => {
    expect(normalizeRoles(['partner', 'client', 'partner'])).toEqual(['client', 'partner']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...roles)), (list) => {
        const out = normalizeRoles(list);
        expect(new Set(out).size).toBe(out.length);
        expect(new Set(out)).toEqual(new Set(list));
      }),
    );
  });
});

describe('cursors', () => {
  it('round-trip for their own sort only', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.uuid(), (text, rank, id) => {
        const cursor = encodeCursor('name', text, id);
        expect(decodeCursor(cursor, 'name')).toEqual({ value: text, id });
        expect(decodeCursor(cursor, '-name')).toBeNull();
        expect(decodeCursor(encodeCursor('-stage', rank, id), '-stage')).toEqual({
          value: rank,
          id,
        });
        expect(decodeCursor(encodeCursor('stage', text, id), 'stage')).toBeNull();
        expect(decodeCursor(encodeCursor('name', rank, id), 'name')).toBeNull();
      }),
    );
  });
  it('reject garbage', () => {
    expect(decodeCursor('not-a-cursor', 'name')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 'name')).toBeNull();
  });
});

describe('a referrer stays refers (§2)', () => {
  it('refuses lowering a contact whom a referral credits, and nothing else', () => {
    for (const next of stages) {
      const refusal = stageEditRefusal('refers', next, 1);
      expect(refusal === null).toBe(next === 'refers');
    }
    expect(stageEditRefusal('refers', 'trusts', 0)).toBeNull();
    expect(stageEditRefusal('refers', undefined, 3)).toBeNull();
    expect(stageEditRefusal('trusts', 'likes', 2)).toMatch(/2 referrals credit them/);
    expect(stageEditRefusal('trusts', 'refers', 2)).toBeNull();
  });
  it('promotes to refers with a true reason, never downward', () => {
    expect(promotionFor('trusts', 1)).toEqual({
      fromStage: 'trusts',
      toStage: 'refers',
      reason: 'first referral received',
    });
    expect(promotionFor('likes', 2)?.reason).toBe('referral received');
    expect(promotionFor('refers', 1)).toBeNull();
  });
});

describe('phone keys (duplicate detection, issue 13)', () => {
  it('keeps the digits, so that one number written several ways meets itself', () => {
    const same = [
      '(312) 555-0100',
      '312.555.0100',
      '+1 312 555 0100',
      '1-312-555-0100',
      '3125550100',
    ];
    expect(new Set(same.map(phoneKey))).toEqual(new Set(['3125550100']));
  });
  it('drops an international prefix, "+" or "00", keeping the country code', () => {
    expect(phoneKey('+44 20 7946 0958')).toBe('442079460958');
    expect(phoneKey('0044 20 7946 0958')).toBe('442079460958');
    expect(phoneKey('+49 (0)30 123456')).toBe('49030123456');
  });
  it('leaves out an extension', () => {
    expect(phoneKey('(312) 555-0100 ext. 12')).toBe('3125550100');
    expect(phoneKey('312-555-0100 x7')).toBe('3125550100');
    expect(phoneKey('+1 312 555 0100;ext=9')).toBe('3125550100');
  });
  it('has no key for what is too short to be a number, or for nothing', () => {
    expect(phoneKey('555-010')).toBeNull();
    expect(phoneKey('call me')).toBeNull();
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey('555-0100')).toBe('5550100');
  });
  it('is made of digits only, and the same whatever the spacing and punctuation', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{7,15}$/),
        fc.constantFrom(' ', '-', '.', ''),
        (d, sep) => {
          const key = phoneKey(d);
          if (key !== null) expect(key).toMatch(/^[0-9]{7,}$/);
          expect(phoneKey(d.split('').join(sep))).toBe(key);
        },
      ),
    );
  });
});
