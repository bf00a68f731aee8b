import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { parseName } from '../person-name.ts';

type Tables = {
  contact: {
    practice_id: string;
    id: string;
    name: string;
    honorific: string | null;
    given_name: string | null;
    family_name: string | null;
    suffix: string | null;
  };
};

/**
 * Issue 11: a contact's name in parts (honorific, given, family, suffix, preferred) and their own
 * salutation style (null: the practice's). `name` stays the full display name. Names stored
 * before are split by the one parser, so "Dr. Alan Reyes" is no longer greeted "Dear Dr.,".
 */
export const contactNames: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<Tables>;
    for (const column of [
      'honorific',
      'given_name',
      'family_name',
      'suffix',
      'preferred_name',
      'salutation',
    ])
      await db.schema.alterTable('contact').addColumn(column, 'text').execute();
    const rows = await db.selectFrom('contact').select(['practice_id', 'id', 'name']).execute();
    for (const row of rows) {
      const parts = parseName(row.name);
      await db
        .updateTable('contact')
        .set({
          honorific: parts.honorific,
          given_name: parts.givenName,
          family_name: parts.familyName,
          suffix: parts.suffix,
        })
        .where('practice_id', '=', row.practice_id)
        .where('id', '=', row.id)
        .execute();
    }
  },
};
