/**
 * The windows of the public intake page's limits (§3.9: it resists spam); how many forms each
 * allows is the operator's (`config.intakeLimits`, 10 and 30 by default). Per client address:
 * ten tries in ten minutes are plenty for a person, too few for a bot. Per link: a card passed
 * around a waiting room brings a few people an hour, not dozens; past the cap the link pauses
 * for the rest of the hour rather than filling Today with junk.
 */
export const intakeWindows = { perAddressMs: 10 * 60_000, perLinkMs: 60 * 60_000 } as const;

/** A second form from the same person through the same link, while the first waits, joins it. */
export const joinWaitingWithinMs = 24 * 60 * 60_000;

/** Seconds until the link's window frees a place: the hour after its first submission in it. */
export function linkRetryAfterSeconds(firstInWindow: string, now: Date): number {
  const frees = Date.parse(firstInWindow) + intakeWindows.perLinkMs;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

/** "within 24 hours", "within 2 days": the practice's response window as a person reads it. */
export function withinWords(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `within ${hours / 24} days`;
  return hours === 1 ? 'within the hour' : `within ${hours} hours`;
}

/** What the thank-you page says, and nothing else: who has the message, and when they reply. */
export const nextStepOf = (practiceName: string, responseWindowHours: number) =>
  `${practiceName} has your message and will get back to you ${withinWords(responseWindowHours)}.`;

/**
 * The practice's email about a new intake referral. Email leaves Vouch: it names nobody — not
 * the person, not their need (§3.2), and not the referrer, whose name would outlive their
 * erasure in a queued email — only where to look.
 */
export function intakeNoticeOf(notice: {
  isPersonalLink: boolean;
  responseWindowHours: number;
  referralUrl: string;
}): { subject: string; body: string } {
  const through = notice.isPersonalLink
    ? "a referrer's personal link"
    : "the practice's referral link";
  return {
    subject: 'New referral through your referral link',
    body:
      `Someone reached out through ${through}. The response clock is running: ` +
      `reply ${withinWords(notice.responseWindowHours)}.\n\n` +
      `Open it in Vouch: ${notice.referralUrl}\n`,
  };
}

/** What the referral's first event says of the form: how they heard of the practice, and
 * whether the consent box was ticked for an email the practice already had (not recorded). */
export function intakeEventNote(form: {
  heardFrom: string | null;
  consentUnconfirmed: boolean;
}): string {
  return [
    'Sent the intake form.',
    form.heardFrom ? `How they heard of the practice: ${form.heardFrom}` : '',
    form.consentUnconfirmed
      ? 'They ticked "may we tell the referrer", but their email was already a contact\'s, so it was not recorded: confirm it with them.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
