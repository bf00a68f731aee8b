import { describe, expect, it } from 'vitest';
import { dayMs as day } from '../platform/calendar.ts';
import { interactionLabel, occurredAtProblem } from './interaction.rules.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const plus = (ms: number) => new Date(now.getTime() + ms);

describe('when a touch may have happened', () => {
  it('accepts the past and up to one day ahead, to the millisecond', () => {
    expect(occurredAtProblem(plus(-400 * day), now)).toBeNull();
    expect(occurredAtProblem(now, now)).toBeNull();
    expect(occurredAtProblem(plus(day), now)).toBeNull();
    expect(occurredAtProblem(plus(day + 1), now)).toMatch(/future/);
  });
  it('refuses dates before 1900', () => {
    expect(occurredAtProblem(new Date('1899-12-31T23:59:59.999Z'), now)).toMatch(/1900/);
    expect(occurredAtProblem(new Date('1900-01-01T00:00:00.000Z'), now)).toBeNull();
  });
  it('labels kinds for people', () => {
    expect(interactionLabel('joint_presentation')).toBe('Joint presentation');
    expect(interactionLabel('call')).toBe('Call');
  });
});
