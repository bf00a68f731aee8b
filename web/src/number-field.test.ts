import { describe, expect, it } from 'vitest';
import { numberLimits, wholeNumberError, wholeNumberProps } from './number-field';

describe('wholeNumberError', () => {
  const goal = numberLimits.goalClients;

  it('refuses what is outside the range, in the words the API uses, instead of changing it', () => {
    expect(wholeNumberError(0, goal)).toBe('Must be a whole number from 1 to 10,000.');
    expect(wholeNumberError(10_001, goal)).toBe('Must be a whole number from 1 to 10,000.');
    expect(wholeNumberError(-5, numberLimits.keepInTouchDays)).toBe(
      'Must be a whole number from 1 to 730.',
    );
    expect(wholeNumberError(2.5, numberLimits.promisedCount)).toBe(
      'Must be a whole number from 1 to 20.',
    );
    expect(wholeNumberError('-', numberLimits.momentScore)).toBe(
      'Must be a whole number from 0 to 10.',
    );
  });

  it('accepts the edges', () => {
    expect(wholeNumberError(1, goal)).toBeNull();
    expect(wholeNumberError(10_000, goal)).toBeNull();
    expect(wholeNumberError('730', numberLimits.keepInTouchDays)).toBeNull();
    expect(wholeNumberError(0, numberLimits.momentScore)).toBeNull();
  });

  it('asks for a value when one is needed; empty is fine where it means "none"', () => {
    expect(wholeNumberError('', goal)).toBe('Enter a whole number from 1 to 10,000.');
    expect(wholeNumberError(' ', numberLimits.keepInTouchDays, { optional: true })).toBeNull();
  });
});

describe('wholeNumberProps', () => {
  it('never lets the input clamp what was typed', () => {
    expect(wholeNumberProps(numberLimits.keepInTouchDays)).toEqual({
      min: 1,
      max: 730,
      allowDecimal: false,
      clampBehavior: 'none',
    });
  });
});
