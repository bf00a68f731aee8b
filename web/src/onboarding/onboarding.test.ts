import { describe, expect, it } from 'vitest';
import { hiddenKey, isChecklistShown, progressText } from './onboarding';

describe('the onboarding checklist', () => {
  it('counts what is done', () => {
    expect(progressText([{ done: true }, { done: false }, { done: true }])).toBe('2 of 3 done');
  });

  it('shows while something is left and it was not hidden', () => {
    expect(isChecklistShown({ complete: false }, false)).toBe(true);
    expect(isChecklistShown({ complete: false }, true)).toBe(false);
    expect(isChecklistShown({ complete: true }, false)).toBe(false);
  });

  it('remembers hiding per practice', () => {
    expect(hiddenKey('p1')).not.toBe(hiddenKey('p2'));
  });
});
