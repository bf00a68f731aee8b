import { dayMs } from '../platform/calendar.ts';

/** The touches PRODUCT.md §2 lists; logged by hand or by Vouch when it sends something. */
export const interactionKinds = [
  'meeting',
  'call',
  'email',
  'event',
  'gift',
  'joint_presentation',
  'door_prize',
  'note',
] as const;
export type InteractionKind = (typeof interactionKinds)[number];

const earliest = Date.parse('1900-01-01T00:00:00.000Z');

/**
 * Why a touch cannot have happened at `occurredAt`, or null. A day of slack into the future
 * lets someone in another time zone log "tomorrow morning" as it already is for them.
 */
export function occurredAtProblem(occurredAt: Date, now: Date): string | null {
  if (occurredAt.getTime() > now.getTime() + dayMs)
    return 'must not be more than one day in the future.';
  if (occurredAt.getTime() < earliest) return 'must be in 1900 or later.';
  return null;
}

/** The label a person reads for a kind of touch ("joint_presentation" → "Joint presentation"). */
export function interactionLabel(kind: string): string {
  const text = kind.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
