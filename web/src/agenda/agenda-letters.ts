import type { AgendaItem } from '../api/types';
import type { LetterDialogProps } from '../letters/letter-dialog';

export type AgendaLetter = Pick<LetterDialogProps, 'title' | 'templateKey' | 'about' | 'cause'> & {
  /** The button that opens the letter dialog. */
  buttonLabel: string;
};

/**
 * Items that a letter completes: the letter's `cause` records the same change as the item's
 * action (the thank-you, the update, the reminder…), so sending it removes the item too.
 */
export function letterFor(item: AgendaItem): AgendaLetter | null {
  const id = item.subject.id;
  const who = item.forWhom?.name ?? 'them';
  switch (item.kind) {
    case 'thank': {
      const conversion = item.key.endsWith(':conversion');
      const key = conversion ? 'thanks_conversion' : 'thanks_referral';
      return {
        buttonLabel: 'Write the thank-you',
        title: `Thank-you letter to ${who}`,
        templateKey: key,
        about: { referralId: id },
        cause: key,
      };
    }
    case 'update_referrer':
      return {
        buttonLabel: 'Write the update',
        title: `Update letter to ${who}`,
        templateKey: 'referrer_update',
        about: { referralId: id },
        cause: 'referrer_update',
      };
    case 'notify_partner':
      return {
        buttonLabel: 'Write to the partner',
        title: `Letter to ${who}`,
        templateKey: 'partner_notification',
        about: { givenId: id },
        cause: 'partner_notified',
      };
    case 'remind_commitment':
      return {
        buttonLabel: 'Write the reminder',
        title: `Reminder letter to ${who}`,
        templateKey: 'commitment_reminder',
        about: { commitmentId: id },
        cause: 'commitment_reminder',
      };
    case 'check_in_given':
      return {
        buttonLabel: 'Write the check-in',
        title: `Check-in letter to ${who}`,
        templateKey: 'given_check_in',
        about: { givenId: id },
        cause: 'given_check_in',
      };
    default:
      return null;
  }
}
