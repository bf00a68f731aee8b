import { findContactRow, updateContactRow } from '../contacts/contact.repository.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { findPractice } from '../practices/practice.repository.ts';
import { cancelQueuedEmailsTo } from './message.repository.ts';
import { verifyOptOutToken } from './outbox.rules.ts';

export type OptOutResult =
  | { outcome: 'done'; practiceName: string }
  | { outcome: 'invalid' | 'expired' };

export type OptOutCheck =
  | { outcome: 'ready'; practiceName: string }
  | { outcome: 'invalid' | 'expired' };

/**
 * What the opt-out link would do, changing nothing: mail scanners open links, so a GET only
 * shows the button; the POST (one click, RFC 8058) is what unsubscribes.
 */
export async function checkOptOut(deps: Deps, token: string): Promise<OptOutCheck> {
  const check = verifyOptOutToken(deps.config.secret, token, deps.clock.now());
  if (!check.ok) return { outcome: check.reason };
  const practice = await findPractice(deps.db, check.claim.practiceId);
  return { outcome: 'ready', practiceName: practice?.name ?? 'this sender' };
}

/**
 * One-click opt-out (§6): no sign-in; honoured at once (consent off, waiting emails cancelled,
 * audited); idempotent — a second click changes nothing and says the same.
 */
export async function optOut(deps: Deps, token: string): Promise<OptOutResult> {
  const now = deps.clock.now();
  const check = verifyOptOutToken(deps.config.secret, token, now);
  if (!check.ok) return { outcome: check.reason };
  const { practiceId, contactId, issuedAt } = check.claim;
  return inTransaction(deps.db, async (trx) => {
    const practice = await findPractice(trx, practiceId);
    const contact = await findContactRow(trx, practiceId, contactId);
    // An erased contact or practice: nothing left to stop, and nothing to reveal.
    if (practice && contact?.email_consent) {
      await updateContactRow(trx, practiceId, contactId, {
        email_consent: false,
        email_opted_out_at: toTimestamp(now),
        updated_at: toTimestamp(now),
      });
      await cancelQueuedEmailsTo(
        trx,
        practiceId,
        contactId,
        'Not sent: the recipient opted out of email.',
      );
      await recordAudit(trx, deps.clock, {
        practiceId,
        userId: null,
        action: 'contact.email_consent_changed',
        subjectType: 'contact',
        subjectId: contactId,
        detail: { emailConsent: false, via: 'opt-out link', linkIssuedAt: issuedAt },
      });
    }
    return { outcome: 'done', practiceName: practice?.name ?? 'this sender' };
  });
}
