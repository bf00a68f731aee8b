import type { Queryable } from '../platform/db.ts';

/**
 * Whether the practice has any contact, referral, goal and SMTP settings: one round trip of
 * four `exists` probes, each answered by the table's practice-first key.
 */
export async function onboardingRowFacts(db: Queryable, practiceId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(eb.selectFrom('contact').select('id').where('practice_id', '=', practiceId))
        .as('has_contact'),
      eb
        .exists(eb.selectFrom('referral').select('id').where('practice_id', '=', practiceId))
        .as('has_referral'),
      eb
        .exists(eb.selectFrom('goal').select('year').where('practice_id', '=', practiceId))
        .as('has_goal'),
      eb
        .exists(
          eb
            .selectFrom('smtp_settings')
            .select('practice_id')
            .where('practice_id', '=', practiceId)
            // Set up means tested: saved settings that never sent anything are not "done".
            .where('verified_at', 'is not', null),
        )
        .as('has_smtp'),
    ])
    .executeTakeFirstOrThrow();
  // SQLite answers 0/1, PostgreSQL booleans.
  return {
    hasContact: Boolean(row.has_contact),
    hasReferral: Boolean(row.has_referral),
    hasGoal: Boolean(row.has_goal),
    hasSmtp: Boolean(row.has_smtp),
  };
}
