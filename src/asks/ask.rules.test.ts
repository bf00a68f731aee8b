import { describe, expect, it } from 'vitest';
import { dayMs as DAY } from '../platform/calendar.ts';
import {
  askBoundsAt,
  askScriptOf,
  askWarnings,
  askWindowEndsAt,
  isPositiveMoment,
  openWindowOf,
  readinessOf,
} from './ask.rules.ts';

const t0 = '2026-03-02T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(t0) + ms);
const settings = { askWindowDays: 7, askCooldownDays: 90 };
const likes = { name: 'Lee Wong', stage: 'likes' as const, doNotAsk: false };
const moment = { id: 'm1', kind: 'project_completed' as const, score: null, occurredAt: t0 };

// The rules take the practice's zone; these cases are in UTC.
const readinessInUtc = (
  ...args: Parameters<typeof readinessOf> extends [...infer R, string] ? R : never
) => readinessOf(...args, 'UTC');
const warningsInUtc = (
  ...args: Parameters<typeof askWarnings> extends [...infer R, string] ? R : never
) => askWarnings(...args, 'UTC');

describe('moments and the ask window (§3.3)', () => {
  it('feedback is positive at 9 and 10 only; other kinds always', () => {
    expect(isPositiveMoment('feedback', 8)).toBe(false);
    expect(isPositiveMoment('feedback', 9)).toBe(true);
    expect(isPositiveMoment('renewal', null)).toBe(true);
    expect(askWindowEndsAt({ kind: 'feedback', score: 8, occurredAt: t0 }, 7)).toBeNull();
  });
  it('the window is open one millisecond before occurredAt + 7 days and closed exactly at it', () => {
    expect(askWindowEndsAt(moment, 7)).toBe(at(7 * DAY).toISOString());
    expect(openWindowOf([moment], 7, at(7 * DAY - 1))?.momentId).toBe('m1');
    expect(openWindowOf([moment], 7, at(7 * DAY))).toBeNull();
    expect(openWindowOf([moment], 7, at(0))?.momentId).toBe('m1');
    expect(openWindowOf([moment], 7, at(-1))).toBeNull();
  });
  it('picks the window that lasts longest', () => {
    const later = { ...moment, id: 'm2', occurredAt: at(2 * DAY).toISOString() };
    expect(openWindowOf([moment, later], 7, at(3 * DAY))?.momentId).toBe('m2');
  });
});

describe('readiness', () => {
  it('can ask inside a window, at likes, not do-not-ask, outside the cooldown', () => {
    const r = readinessInUtc(likes, [moment], null, settings, at(DAY));
    expect(r.canAsk).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['ready']);
    expect(r.cooldownEndsAt).toBeNull();
  });
  it('names every reason it cannot', () => {
    const r = readinessInUtc(
      { name: 'Ann', stage: 'knows', doNotAsk: true },
      [],
      at(-DAY).toISOString(),
      settings,
      at(DAY),
    );
    expect(r.canAsk).toBe(false);
    expect(r.reasons.map((x) => x.code)).toEqual([
      'below_likes',
      'do_not_ask',
      'cooldown',
      'no_open_window',
    ]);
    for (const reason of r.reasons) expect(reason.message).toMatch(/\S/);
  });
  it('cooldown ends exactly at the last ask + 90 days', () => {
    const lastAsk = at(-90 * DAY).toISOString();
    expect(
      readinessInUtc(likes, [moment], lastAsk, settings, at(-1)).reasons.map((x) => x.code),
    ).toEqual(['cooldown', 'no_open_window']);
    const inside = readinessInUtc(
      likes,
      [moment],
      at(-90 * DAY + 1).toISOString(),
      settings,
      at(0),
    );
    expect(inside.canAsk).toBe(false);
    expect(inside.cooldownEndsAt).toBe(at(1).toISOString());
    expect(readinessInUtc(likes, [moment], lastAsk, settings, at(0)).canAsk).toBe(true);
  });
  it('an ask at or after a moment answers it, even once a short cooldown is over', () => {
    const short = { askWindowDays: 7, askCooldownDays: 1 };
    const answered = readinessInUtc(likes, [moment], t0, short, at(2 * DAY));
    expect(answered.canAsk).toBe(false);
    expect(answered.reasons).toEqual([
      {
        code: 'no_open_window',
        message: 'You asked since the last positive moment: wait for the next one.',
      },
    ]);
    expect(readinessInUtc(likes, [moment], at(-1).toISOString(), short, at(2 * DAY)).canAsk).toBe(
      true,
    );
    const next = { ...moment, id: 'm2', occurredAt: at(DAY).toISOString() };
    expect(readinessInUtc(likes, [moment, next], t0, short, at(2 * DAY)).openWindow?.momentId).toBe(
      'm2',
    );
  });
  it('names dates in the practice time zone', () => {
    const late = { ...moment, occurredAt: '2026-03-02T06:00:00.000Z' };
    const ready = (zone: string) =>
      readinessOf(likes, [late], null, settings, new Date('2026-03-03T00:00:00.000Z'), zone)
        .reasons[0]?.message;
    expect(ready('UTC')).toMatch(/until 2026-03-09\.$/);
    expect(ready('America/Los_Angeles')).toMatch(/until 2026-03-08\.$/);
  });
  it("the bounds a query narrows by are the rule's own", () => {
    const now = at(0);
    const { windowsFrom, coolingFrom } = askBoundsAt(now, settings);
    expect(openWindowOf([{ ...moment, occurredAt: windowsFrom }], 7, now)).toBeNull();
    expect(
      openWindowOf([{ ...moment, occurredAt: at(-7 * DAY + 1).toISOString() }], 7, now),
    ).not.toBeNull();
    expect(readinessInUtc(likes, [moment], coolingFrom, settings, now).cooldownEndsAt).toBeNull();
    expect(
      readinessInUtc(likes, [moment], at(-90 * DAY + 1).toISOString(), settings, now)
        .cooldownEndsAt,
    ).not.toBeNull();
  });
});

describe('warnings when logging an ask', () => {
  it('warns inside the cooldown, not at its end', () => {
    const last = at(0).toISOString();
    expect(warningsInUtc(likes, last, 90, at(90 * DAY - 1)).map((w) => w.code)).toEqual([
      'cooldown',
    ]);
    expect(warningsInUtc(likes, last, 90, at(90 * DAY))).toEqual([]);
  });
  it('warns below likes and on do-not-ask', () => {
    expect(
      warningsInUtc({ name: 'A', stage: 'met', doNotAsk: true }, null, 90, at(0)).map(
        (w) => w.code,
      ),
    ).toEqual(['below_likes', 'do_not_ask']);
  });
});

describe('the ask script', () => {
  it('says what you do, for whom, and what to say', () => {
    const s = askScriptOf(
      {
        name: 'Jane Roe CPA',
        valueProposition: 'Jane helps small-business owners double their income.',
        idealClient: 'owners of businesses with 5–50 staff',
      },
      'Lee',
    );
    expect(s.whatIDo).toBe('Jane helps small-business owners double their income');
    expect(s.forWhom).toBe('owners of businesses with 5–50 staff');
    expect(s.sayThis).toContain('Jane Roe CPA');
    expect(s.full).toMatch(/^Lee, /);
    expect(s.full).toContain(s.sayThis);
  });
  it.each([
    ['Dr. Reyes', /^Dr\. Reyes, I would love your help\./],
    ['Alan', /^Alan, I would love your help\./],
    [null, /^I would love your help\./],
  ])('greets %j by how we address them', (addressName, opening) => {
    const practice = { name: 'P', valueProposition: 'I help.', idealClient: 'people' };
    expect(askScriptOf(practice, addressName).full).toMatch(opening);
  });
});
