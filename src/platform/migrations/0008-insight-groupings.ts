import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Insights group a year of referrals by referrer, by channel and by circle. SQLite has no hash
 * aggregation: a GROUP BY whose rows do not arrive in group order sorts them all first, and on
 * 45,000 referrals each such sort was 10–20 ms. These indexes keep their old leading columns
 * (so the lists and timelines they served are served as before) and carry what each grouping
 * counts, so each one is a single ordered pass over an index. `referral_insights` keeps only
 * what the by-day, by-tag and ask-to-referral scans still read, which makes it smaller to scan.
 */
const indexes: [string, string[]][] = [
  ['referral_by_referrer', ['practice_id', 'referrer_id', 'received_at', 'status', 'value_minor']],
  [
    'referral_by_channel',
    ['practice_id', 'channel', 'received_at', 'warm_handoff', 'status', 'value_minor'],
  ],
  ['referral_by_circle', ['practice_id', 'circle_id', 'received_at', 'status']],
  ['referral_insights', ['practice_id', 'received_at', 'status', 'referrer_id', 'id']],
];

export const insightGroupings: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, columns] of indexes) {
      await db.schema.dropIndex(name).execute();
      await db.schema.createIndex(name).on('referral').columns(columns).execute();
    }
  },
};
