import type { Deps } from '../platform/deps.ts';
import { notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { findContactRow, listStageHistory } from './contact.repository.ts';
import {
  listTimelineInteractions,
  listTimelineReferralEvents,
  listTimelineReferrals,
  listTimelineReferralsGiven,
} from './timeline.repository.ts';
import { buildTimeline } from './timeline.rules.ts';
import type { Timeline } from './timeline.schemas.ts';

/** Everything that happened with a contact, in six queries whatever its length. */
export async function getTimeline(deps: Deps, actor: Actor, contactId: string): Promise<Timeline> {
  const { practiceId } = actor;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findContactRow(trx, practiceId, contactId))) throw notFound('The contact');
    const [interactions, stageChanges, referrals, referralEvents, referralsGiven] =
      await Promise.all([
        listTimelineInteractions(trx, practiceId, contactId),
        listStageHistory(trx, practiceId, contactId),
        listTimelineReferrals(trx, practiceId, contactId),
        listTimelineReferralEvents(trx, practiceId, contactId),
        listTimelineReferralsGiven(trx, practiceId, contactId),
      ]);
    return buildTimeline({
      contactId,
      interactions,
      stageChanges,
      referrals,
      referralEvents,
      referralsGiven,
    });
  });
}
