import { describe, expect, it } from 'vitest';
import { progressPercent, progressText, rowsText, withField } from './import-text';

describe('an import in words', () => {
  it('says the progress as the page shows it, the speed only while it is known', () => {
    expect(progressText({ rowsDone: 12_345, rowsTotal: 100_000, perSecond: 2_140 })).toBe(
      '12,345 of 100,000 rows · 2,140 rows/s',
    );
    expect(progressText({ rowsDone: 0, rowsTotal: 1, perSecond: null })).toBe('0 of 1 row');
    expect(progressText({ rowsDone: 0, rowsTotal: 500, perSecond: 0 })).toBe('0 of 500 rows');
    expect(rowsText(0)).toBe('0 rows');
  });

  it('fills the bar by the rows done, never past full, and an empty file is full', () => {
    expect(progressPercent({ rowsDone: 1, rowsTotal: 3 })).toBe(33);
    expect(progressPercent({ rowsDone: 5, rowsTotal: 3 })).toBe(100);
    expect(progressPercent({ rowsDone: 0, rowsTotal: 0 })).toBe(100);
  });

  it('changes one column of a mapping into a new mapping', () => {
    const mapping = ['name', 'ignore', 'email'] as const;
    const changed = withField(mapping, 1, 'phone');
    expect(changed).toEqual(['name', 'phone', 'email']);
    expect(mapping).toEqual(['name', 'ignore', 'email']);
  });
});
