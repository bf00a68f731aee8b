import { type Stage, stageRank } from '../contacts/contact.rules.ts';

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

const DAY = 86_400_000;
const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * DAY).toISOString();

/** §3.3: feedback opens a window only at 9 or 10; every other kind of moment is positive. */
export function isPositiveMoment(kind: MomentKind, score: number | null): boolean {
  return kind === 'feedback' ? score !== null && score >= 9 : true;
}

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

/** The open window at `now` that lasts longest: occurredAt ≤ now < occurredAt + window. */
export function openWindowOf(
  moments: readonly MomentFacts[],
  askWindowDays: number,
  now: Date,
): { momentId: string; kind: MomentKind; endsAt: string } | null {
  let best: { momentId: string; kind: MomentKind; endsAt: string } | null = null;
  for (const m of moments) {
    const endsAt = askWindowEndsAt(m, askWindowDays);
    if (!endsAt) continue;
    if (Date.parse(m.occurredAt) > now.getTime() || Date.parse(endsAt) <= now.getTime()) continue;
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

export type Reason = { code: string; message: string };

type ContactFacts = { name: string; stage: Stage; doNotAsk: boolean };

const day = (iso: string) => iso.slice(0, 10);

/** Warnings for logging an ask at `askedAt` (§3.3: allowed, but said plainly). */
export function askWarnings(
  contact: ContactFacts,
  lastAskedAt: string | null,
  cooldownDays: number,
  askedAt: Date,
): { code: 'cooldown' | 'below_likes' | 'do_not_ask'; message: string }[] {
  const out: { code: 'cooldown' | 'below_likes' | 'do_not_ask'; message: string }[] = [];
  if (
    lastAskedAt &&
    lastAskedAt <= askedAt.toISOString() &&
    isInCooldown(lastAskedAt, cooldownDays, askedAt)
  )
    out.push({
      code: 'cooldown',
      message: `You asked ${contact.name} on ${day(lastAskedAt)}; asking again within ${cooldownDays} days can sound needy ("you aren't going to get them until you don't need them").`,
    });
  if (stageRank(contact.stage) < stageRank('likes'))
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

/** §3.3: ask ⇔ stage ≥ likes, not do-not-ask, outside the cooldown, inside an open window. */
export function readinessOf(
  contact: ContactFacts,
  moments: readonly MomentFacts[],
  lastAskedAt: string | null,
  settings: { askWindowDays: number; askCooldownDays: number },
  now: Date,
): Readiness {
  const reasons: Reason[] = [];
  if (stageRank(contact.stage) < stageRank('likes'))
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
      message: `You asked recently; wait until ${day(cooldownEndsAt)}.`,
    });
  const openWindow = openWindowOf(moments, settings.askWindowDays, now);
  if (!openWindow)
    reasons.push({
      code: 'no_open_window',
      message:
        'No positive moment in the last days: wait for a milestone, a completed project, a thank-you or feedback of 9 or 10.',
    });
  const canAsk = reasons.length === 0;
  if (canAsk && openWindow)
    reasons.push({
      code: 'ready',
      message: `A ${openWindow.kind.replaceAll('_', ' ')} opened a window to ask until ${day(openWindow.endsAt)}.`,
    });
  return { canAsk, reasons, openWindow, cooldownEndsAt };
}

export type AskScript = { whatIDo: string; forWhom: string; sayThis: string; full: string };

/** §3.3: what you do, for whom, and exactly what to say when referring. */
export function askScriptOf(
  practice: { name: string; valueProposition: string; idealClient: string },
  contactName: string | null,
): AskScript {
  const trimDot = (s: string) => s.trim().replace(/[.!]+$/, '');
  const whatIDo = trimDot(practice.valueProposition) || `${practice.name} helps people like you`;
  const forWhom = trimDot(practice.idealClient) || 'people who need what I do';
  const sayThis = `You should talk to ${practice.name}. ${whatIDo}.`;
  const first = contactName?.trim().split(/\s+/)[0];
  const greeting = first ? `${first}, ` : '';
  const full =
    `${greeting}I would love your help. I work best with ${forWhom}. ${whatIDo}. ` +
    `If you come across someone like that, you could simply say: “${sayThis}” — and introduce us. ` +
    'I will take good care of them and keep you posted as far as they allow.';
  return { whatIDo, forWhom, sayThis, full };
}
