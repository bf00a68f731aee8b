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

/**
 * Everything that happened with a contact, in six queries whatever its length. Read without a
 * transaction: under PostgreSQL's read-committed one would not give one snapshot anyway, and
 * outside it the queries run side by side on the pool instead of one after another.
 */
export async function getTimeline(deps: Deps, actor: Actor, contactId: string): Promise<Timeline> {
  const { practiceId } = actor;
  const db = deps.db;
  const [contact, interactions, stageChanges, referrals, referralEvents, referralsGiven] =
    await Promise.all([
      findContactRow(db, practiceId, contactId),
      listTimelineInteractions(db, practiceId, contactId),
      listStageHistory(db, practiceId, contactId),
      listTimelineReferrals(db, practiceId, contactId),
      listTimelineReferralEvents(db, practiceId, contactId),
      listTimelineReferralsGiven(db, practiceId, contactId),
    ]);
  if (!contact) throw notFound('The contact');
  return buildTimeline({
    contactId,
    interactions,
    stageChanges,
    referrals,
    referralEvents,
    referralsGiven,
  });
}
