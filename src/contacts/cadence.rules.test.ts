import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayMs } from '../platform/calendar.ts';
import { defaultSettings } from '../practices/settings.rules.ts';
import { cadenceDays, dueCutoffs, touchOf } from './cadence.rules.ts';
import { type Role, roles, type Stage, stages } from './contact.rules.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const daysBefore = (days: number, ms = 0) =>
  new Date(now.getTime() - days * dayMs + ms).toISOString();

const contact = (over: Partial<Parameters<typeof touchOf>[0]> = {}) => ({
  stage: 'trusts' as Stage,
  roles: [] as Role[],
  keepInTouchDays: null as number | null,
  lastTouchAt: null as string | null,
  createdAt: daysBefore(400),
  ...over,
});

describe('keep-in-touch cadence', () => {
  it('takes 60 days for trusts and refers, 30 for partners, none for the others by default', () => {
    expect(cadenceDays(contact({ stage: 'trusts' }), defaultSettings)).toBe(60);
    expect(cadenceDays(contact({ stage: 'refers' }), defaultSettings)).toBe(60);
    expect(cadenceDays(contact({ stage: 'met', roles: ['partner'] }), defaultSettings)).toBe(30);
    for (const stage of ['met', 'knows', 'likes'] as const)
      expect(cadenceDays(contact({ stage, roles: ['client', 'friend'] }), defaultSettings)).toBe(
        null,
      );
  });

  it('takes the shortest non-zero of stage and roles, and the override before all', () => {
    const settings = { ...defaultSettings, keepInTouchClientDays: 45, keepInTouchFriendDays: 0 };
    expect(cadenceDays(contact({ roles: ['client'] }), settings)).toBe(45);
    expect(cadenceDays(contact({ roles: ['client', 'partner'] }), settings)).toBe(30);
    expect(cadenceDays(contact({ roles: ['friend'] }), settings)).toBe(60);
    expect(cadenceDays(contact({ roles: ['partner'], keepInTouchDays: 90 }), settings)).toBe(90);
    expect(cadenceDays(contact({ stage: 'met', keepInTouchDays: 7 }), settings)).toBe(7);
  });

  it('is due at the very instant the cadence has passed since the last touch, not a ms before', () => {
    const at = (lastTouchAt: string) => touchOf(contact({ lastTouchAt }), defaultSettings, now);
    expect(at(daysBefore(60))).toEqual({
      cadenceDays: 60,
      nextTouchDueAt: now.toISOString(),
      touchState: 'due',
    });
    expect(at(daysBefore(60, 1)).touchState).toBe('ok');
    expect(at(daysBefore(60, -1)).touchState).toBe('due');
    expect(at(daysBefore(0)).touchState).toBe('ok');
  });

  it('counts from creation when the contact was never touched', () => {
    const fresh = touchOf(contact({ createdAt: daysBefore(59) }), defaultSettings, now);
    expect(fresh).toEqual({
      cadenceDays: 60,
      nextTouchDueAt: daysBefore(-1),
      touchState: 'ok',
    });
    expect(touchOf(contact({ createdAt: daysBefore(61) }), defaultSettings, now).touchState).toBe(
      'due',
    );
  });

  it('says none, with no due time, when no cadence applies', () => {
    expect(touchOf(contact({ stage: 'met' }), defaultSettings, now)).toEqual({
      cadenceDays: null,
      nextTouchDueAt: null,
      touchState: 'none',
    });
  });

  it('restarts the clock at the last touch whatever the month or leap day', () => {
    const leap = new Date('2028-03-01T00:00:00.000Z');
    const r = touchOf(
      contact({ stage: 'met', keepInTouchDays: 1, lastTouchAt: '2028-02-28T00:00:00.000Z' }),
      defaultSettings,
      leap,
    );
    expect(r.nextTouchDueAt).toBe('2028-02-29T00:00:00.000Z');
    expect(r.touchState).toBe('due');
  });

  it('has query cutoffs that agree with touchOf for every stage, role mix and anchor', () => {
    const days = fc.integer({ min: 0, max: 730 });
    fc.assert(
      fc.property(
        fc.record({
          met: days,
          trusts: days,
          partner: days,
          client: days,
          friend: days,
        }),
        fc.constantFrom(...stages),
        fc.subarray([...roles]),
        fc.integer({ min: -800 * dayMs, max: dayMs }),
        (s, stage, roleList, offset) => {
          const settings = {
            ...defaultSettings,
            keepInTouchMetDays: s.met,
            keepInTouchTrustsDays: s.trusts,
            keepInTouchPartnerDays: s.partner,
            keepInTouchClientDays: s.client,
            keepInTouchFriendDays: s.friend,
          };
          const anchor = new Date(now.getTime() + offset).toISOString();
          const c = contact({ stage, roles: roleList, lastTouchAt: anchor });
          const cutoffs = dueCutoffs(settings, now);
          const dueByQuery =
            cutoffs.stages.some((x) => x.stage === stage && anchor <= x.before) ||
            cutoffs.roles.some((x) => roleList.includes(x.role) && anchor <= x.before);
          expect(dueByQuery).toBe(touchOf(c, settings, now).touchState === 'due');
        },
      ),
    );
  });
});
