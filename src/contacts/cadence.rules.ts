import { dayMs } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import type { Settings } from '../practices/settings.rules.ts';
import type { Role, Stage } from './contact.rules.ts';

/**
 * Keep-in-touch cadence (PRODUCT.md §2, §3.6): how often the practice wants a touch with a
 * contact. The clock restarts at the last interaction (or at creation when never touched).
 */

export type CadenceKey =
  | 'keepInTouchMetDays'
  | 'keepInTouchKnowsDays'
  | 'keepInTouchLikesDays'
  | 'keepInTouchTrustsDays'
  | 'keepInTouchRefersDays'
  | 'keepInTouchPartnerDays'
  | 'keepInTouchClientDays'
  | 'keepInTouchFormerClientDays'
  | 'keepInTouchColleagueDays'
  | 'keepInTouchFriendDays'
  | 'keepInTouchProspectDays';

export type CadenceSettings = Pick<Settings, CadenceKey>;

export const stageCadenceKey: Record<Stage, CadenceKey> = {
  met: 'keepInTouchMetDays',
  knows: 'keepInTouchKnowsDays',
  likes: 'keepInTouchLikesDays',
  trusts: 'keepInTouchTrustsDays',
  refers: 'keepInTouchRefersDays',
};

export const roleCadenceKey: Record<Role, CadenceKey> = {
  client: 'keepInTouchClientDays',
  former_client: 'keepInTouchFormerClientDays',
  prospect: 'keepInTouchProspectDays',
  colleague: 'keepInTouchColleagueDays',
  partner: 'keepInTouchPartnerDays',
  friend: 'keepInTouchFriendDays',
};

export type TouchState = 'none' | 'ok' | 'due';

export type CadenceInput = {
  stage: Stage;
  roles: readonly Role[];
  /** The contact's own cadence; null takes the practice's. */
  keepInTouchDays: number | null;
};

/**
 * The effective cadence in days: the contact's override, else the shortest non-zero cadence
 * of its stage and of each of its roles; null when none applies.
 */
export function cadenceDays(contact: CadenceInput, settings: CadenceSettings): number | null {
  if (contact.keepInTouchDays !== null && contact.keepInTouchDays > 0)
    return contact.keepInTouchDays;
  const candidates = [
    settings[stageCadenceKey[contact.stage]],
    ...contact.roles.map((role) => settings[roleCadenceKey[role]]),
  ].filter((days) => days > 0);
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

export type Touch = {
  cadenceDays: number | null;
  nextTouchDueAt: string | null;
  touchState: TouchState;
};

/** When the next touch is due and whether it is due now (due at the very instant it falls due). */
export function touchOf(
  contact: CadenceInput & { lastTouchAt: string | null; createdAt: string },
  settings: CadenceSettings,
  now: Date,
): Touch {
  const days = cadenceDays(contact, settings);
  if (days === null) return { cadenceDays: null, nextTouchDueAt: null, touchState: 'none' };
  const anchor = new Date(contact.lastTouchAt ?? contact.createdAt).getTime();
  const due = anchor + days * dayMs;
  return {
    cadenceDays: days,
    nextTouchDueAt: toTimestamp(new Date(due)),
    touchState: due <= now.getTime() ? 'due' : 'ok',
  };
}

/** Per stage and per role: a contact whose anchor is at or before `before` is due. */
export type DueCutoffs = {
  stages: { stage: Stage; before: string }[];
  roles: { role: Role; before: string }[];
};

/**
 * The same decision as `touchOf`, shaped for a query: a contact is due when its anchor (last
 * touch, else creation) is at or before `now − cadence`. Because the effective cadence is the
 * shortest candidate, it is due exactly when *some* non-zero candidate of its stage or roles
 * makes it due — so one cutoff per stage and per role suffices (the override is handled in SQL).
 */
export function dueCutoffs(settings: CadenceSettings, now: Date): DueCutoffs {
  const cutoff = (days: number) => toTimestamp(new Date(now.getTime() - days * dayMs));
  return {
    stages: (Object.entries(stageCadenceKey) as [Stage, CadenceKey][])
      .filter(([, key]) => settings[key] > 0)
      .map(([stage, key]) => ({ stage, before: cutoff(settings[key]) })),
    roles: (Object.entries(roleCadenceKey) as [Role, CadenceKey][])
      .filter(([, key]) => settings[key] > 0)
      .map(([role, key]) => ({ role, before: cutoff(settings[key]) })),
  };
}
