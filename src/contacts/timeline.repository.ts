import type { Queryable } from '../platform/db.ts';

/**
 * The rows of one contact's timeline, each with who did it (`by_id`, `by_name`: the user's name
 * stays after they leave the team, since their account stays). Each function is one query whatever the history's
 * length; the referral tables are written by src/referrals/ and only read here.
 */

export async function listTimelineInteractions(
  db: Queryable,
  practiceId: string,
  contactId: string,
) {
  return db
    .selectFrom('interaction')
    .leftJoin('auth_user', 'auth_user.id', 'interaction.created_by')
    .select([
      'interaction.id',
      'interaction.kind',
      'interaction.occurred_at',
      'interaction.summary',
      'interaction.created_by as by_id',
      'auth_user.name as by_name',
    ])
    .where('interaction.practice_id', '=', practiceId)
    .where('interaction.contact_id', '=', contactId)
    .execute();
}

/** Referrals the contact sent or that are about them, with both names. */
export async function listTimelineReferrals(db: Queryable, practiceId: string, contactId: string) {
  return db
    .selectFrom('referral')
    .leftJoin('contact as referred', (j) =>
      j
        .onRef('referred.practice_id', '=', 'referral.practice_id')
        .onRef('referred.id', '=', 'referral.referred_id'),
    )
    .leftJoin('contact as referrer', (j) =>
      j
        .onRef('referrer.practice_id', '=', 'referral.practice_id')
        .onRef('referrer.id', '=', 'referral.referrer_id'),
    )
    .leftJoin('auth_user', 'auth_user.id', 'referral.created_by')
    .select([
      'referral.created_by as by_id',
      'auth_user.name as by_name',
      'referral.id',
      'referral.referrer_id',
      'referrer.name as referrer_name',
      'referral.referred_id',
      'referred.name as referred_name',
      'referral.received_at',
      'referral.need',
    ])
    .where('referral.practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([
        eb('referral.referrer_id', '=', contactId),
        eb('referral.referred_id', '=', contactId),
      ]),
    )
    .execute();
}

/** Events of the referrals the contact sent or that are about them. */
export async function listTimelineReferralEvents(
  db: Queryable,
  practiceId: string,
  contactId: string,
) {
  return db
    .selectFrom('referral_event')
    .innerJoin('referral', (j) =>
      j
        .onRef('referral.practice_id', '=', 'referral_event.practice_id')
        .onRef('referral.id', '=', 'referral_event.referral_id'),
    )
    .leftJoin('contact as referred', (j) =>
      j
        .onRef('referred.practice_id', '=', 'referral.practice_id')
        .onRef('referred.id', '=', 'referral.referred_id'),
    )
    .leftJoin('auth_user', 'auth_user.id', 'referral_event.by')
    .select([
      'referral_event.by as by_id',
      'auth_user.name as by_name',
      'referral_event.id',
      'referral_event.referral_id',
      'referral_event.kind',
      'referral_event.from_status',
      'referral_event.to_status',
      'referral_event.at',
      'referral_event.note',
      'referred.name as referred_name',
    ])
    .where('referral_event.practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([
        eb('referral.referrer_id', '=', contactId),
        eb('referral.referred_id', '=', contactId),
      ]),
    )
    .execute();
}

/** Referrals the practice gave to the contact (as partner) or about them (as the person). */
export async function listTimelineReferralsGiven(
  db: Queryable,
  practiceId: string,
  contactId: string,
) {
  return db
    .selectFrom('referral_given')
    .innerJoin('contact as person', (j) =>
      j
        .onRef('person.practice_id', '=', 'referral_given.practice_id')
        .onRef('person.id', '=', 'referral_given.person_id'),
    )
    .innerJoin('contact as partner', (j) =>
      j
        .onRef('partner.practice_id', '=', 'referral_given.practice_id')
        .onRef('partner.id', '=', 'referral_given.partner_id'),
    )
    .leftJoin('auth_user', 'auth_user.id', 'referral_given.created_by')
    .select([
      'referral_given.created_by as by_id',
      'auth_user.name as by_name',
      'referral_given.id',
      'referral_given.person_id',
      'person.name as person_name',
      'referral_given.partner_id',
      'partner.name as partner_name',
      'referral_given.given_at',
      'referral_given.reason',
    ])
    .where('referral_given.practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([
        eb('referral_given.partner_id', '=', contactId),
        eb('referral_given.person_id', '=', contactId),
      ]),
    )
    .execute();
}
