import { type Stage, stageRank } from '../contacts/contact.rules.ts';
import { localDay, plusDays } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';

export const momentKinds = [
  'milestone',
  'project_completed',
  'feedback',
  'thank_you',
  'renewal',
] as const;
export type MomentKind = (typeof momentKinds)[number];

export const askOutcomes = ['committed', 'yes', 'later', 'no'] as const;
export type AskOutcome = (typeof askOutcomes)[number];

/** §3.3: feedback opens an ask window only at this score or above (9 or 10). */
export const positiveFeedbackScore = 9;

/** §3.3: asking is suggested to contacts at this stage or above. */
export const askableStage: Stage = 'likes';

/** §3.3: feedback opens a window only at 9 or 10; every other kind of moment is positive. */
export function isPositiveMoment(kind: MomentKind, score: number | null): boolean {
  return kind === 'feedback' ? score !== null && score >= positiveFeedbackScore : true;
}

/** Whether a contact's stage is high enough to be asked (§3.3). */
export const isAskableStage = (stage: Stage): boolean =>
  stageRank(stage) >= stageRank(askableStage);

/** The end of a moment's ask window (exclusive), or null when the moment opens none. */
export function askWindowEndsAt(
  moment: { kind: MomentKind; score: number | null; occurredAt: string },
  askWindowDays: number,
): string | null {
  return isPositiveMoment(moment.kind, moment.score)
    ? plusDays(moment.occurredAt, askWindowDays)
    : null;
}

export type MomentFacts = {
  id: string;
  kind: MomentKind;
  score: number | null;
  occurredAt: string;
};

/**
 * The open window at `now` that lasts longest: occurredAt ≤ now < occurredAt + window, and no
 * ask since the moment (an ask at or after it has answered it).
 */
export function openWindowOf(
  moments: readonly MomentFacts[],
  askWindowDays: number,
  now: Date,
  lastAskedAt: string | null = null,
): { momentId: string; kind: MomentKind; endsAt: string } | null {
  let best: { momentId: string; kind: MomentKind; endsAt: string } | null = null;
  const asked = lastAskedAt === null ? null : Date.parse(lastAskedAt);
  for (const m of moments) {
    const endsAt = askWindowEndsAt(m, askWindowDays);
    if (!endsAt) continue;
    const occurred = Date.parse(m.occurredAt);
    if (occurred > now.getTime() || Date.parse(endsAt) <= now.getTime()) continue;
    if (asked !== null && asked >= occurred) continue;
    if (!best || endsAt > best.endsAt) best = { momentId: m.id, kind: m.kind, endsAt };
  }
  return best;
}

/** When the cooldown after the last ask ends (exclusive), or null without asks. */
export function cooldownEndsAtOf(lastAskedAt: string | null, cooldownDays: number): string | null {
  return lastAskedAt ? plusDays(lastAskedAt, cooldownDays) : null;
}

export const isInCooldown = (lastAskedAt: string | null, cooldownDays: number, at: Date) => {
  const ends = cooldownEndsAtOf(lastAskedAt, cooldownDays);
  return ends !== null && at.getTime() < Date.parse(ends);
};

/**
 * The bounds a query may narrow candidates by, from the same rules: moments that occurred
 * after `windowsFrom` may have an open window at `now`; an ask after `coolingFrom` keeps the
 * contact in its cooldown (both exclusive).
 */
export function askBoundsAt(
  now: Date,
  settings: { askWindowDays: number; askCooldownDays: number },
): { windowsFrom: string; coolingFrom: string } {
  return {
    windowsFrom: plusDays(now, -settings.askWindowDays),
    coolingFrom: plusDays(now, -settings.askCooldownDays),
  };
}

export type Reason = { code: string; message: string };

type ContactFacts = { name: string; stage: Stage; doNotAsk: boolean };

/** Warnings for logging an ask at `askedAt` (§3.3: allowed, but said plainly). */
export function askWarnings(
  contact: ContactFacts,
  lastAskedAt: string | null,
  cooldownDays: number,
  askedAt: Date,
  timeZone: string,
): { code: 'cooldown' | 'below_likes' | 'do_not_ask'; message: string }[] {
  const out: { code: 'cooldown' | 'below_likes' | 'do_not_ask'; message: string }[] = [];
  if (
    lastAskedAt &&
    lastAskedAt <= toTimestamp(askedAt) &&
    isInCooldown(lastAskedAt, cooldownDays, askedAt)
  )
    out.push({
      code: 'cooldown',
      message: `You asked ${contact.name} on ${localDay(lastAskedAt, timeZone)}; asking again within ${cooldownDays} days can sound needy ("you aren't going to get them until you don't need them").`,
    });
  if (!isAskableStage(contact.stage))
    out.push({
      code: 'below_likes',
      message: `${contact.name} is at stage ${contact.stage}; people refer those they like and trust, so build the relationship first.`,
    });
  if (contact.doNotAsk)
    out.push({ code: 'do_not_ask', message: `${contact.name} is marked do-not-ask.` });
  return out;
}

export type Readiness = {
  canAsk: boolean;
  reasons: Reason[];
  openWindow: { momentId: string; kind: MomentKind; endsAt: string } | null;
  cooldownEndsAt: string | null;
};

/**
 * §3.3: ask ⇔ stage ≥ likes, not do-not-ask, outside the cooldown, inside an open window that
 * no ask has answered yet. The agenda's ask items are this rule's answer (agenda.rules.ts).
 */
export function readinessOf(
  contact: ContactFacts,
  moments: readonly MomentFacts[],
  lastAskedAt: string | null,
  settings: { askWindowDays: number; askCooldownDays: number },
  now: Date,
  /** The practice's zone, for the dates the reasons name. */
  timeZone: string,
): Readiness {
  const reasons: Reason[] = [];
  if (!isAskableStage(contact.stage))
    reasons.push({
      code: 'below_likes',
      message: `${contact.name} is at stage ${contact.stage}; ask once they are at likes or above.`,
    });
  if (contact.doNotAsk)
    reasons.push({ code: 'do_not_ask', message: `${contact.name} is marked do-not-ask.` });
  const cooling = isInCooldown(lastAskedAt, settings.askCooldownDays, now);
  const cooldownEndsAt = cooling ? cooldownEndsAtOf(lastAskedAt, settings.askCooldownDays) : null;
  if (cooling && cooldownEndsAt)
    reasons.push({
      code: 'cooldown',
      message: `You asked recently; wait until ${localDay(cooldownEndsAt, timeZone)}.`,
    });
  const openWindow = openWindowOf(moments, settings.askWindowDays, now, lastAskedAt);
  if (!openWindow)
    reasons.push({
      code: 'no_open_window',
      message: openWindowOf(moments, settings.askWindowDays, now)
        ? 'You asked since the last positive moment: wait for the next one.'
        : 'No positive moment in the last days: wait for a milestone, a completed project, a thank-you or feedback of 9 or 10.',
    });
  const canAsk = reasons.length === 0;
  if (canAsk && openWindow)
    reasons.push({
      code: 'ready',
      message: `A ${openWindow.kind.replaceAll('_', ' ')} opened a window to ask until ${localDay(openWindow.endsAt, timeZone)}.`,
    });
  return { canAsk, reasons, openWindow, cooldownEndsAt };
}

export type AskScript = { whatIDo: string; forWhom: string; sayThis: string; full: string };

/** §3.3: what you do, for whom, and exactly what to say when referring. */
export function askScriptOf(
  practice: { name: string; valueProposition: string; idealClient: string },
  /** How we address the contact (contacts' `addressNameOf`): "Dr. Reyes" or "Alan". */
  addressName: string | null,
): AskScript {
  const trimDot = (s: string) => s.trim().replace(/[.!]+$/, '');
  const whatIDo = trimDot(practice.valueProposition) || `${practice.name} helps people like you`;
  const forWhom = trimDot(practice.idealClient) || 'people who need what I do';
  const sayThis = `You should talk to ${practice.name}. ${whatIDo}.`;
  const greeting = addressName?.trim() ? `${addressName.trim()}, ` : '';
  const full =
    `${greeting}I would love your help. I work best with ${forWhom}. ${whatIDo}. ` +
    `If you come across someone like that, you could simply say: “${sayThis}” — and introduce us. ` +
    'I will take good care of them and keep you posted as far as they allow.';
  return { whatIDo, forWhom, sayThis, full };
}
