import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { parseName } from '../person-name.ts';

type Parts = {
  practice_id: string;
  id: string;
  honorific: string | null;
  given_name: string | null;
  family_name: string | null;
  suffix: string | null;
};
type Tables = {
  contact: Parts & { name: string };
  /** Scratch: the parts of each name, written in batches, then set in one UPDATE. */
  contact_name_parts: Parts;
};

const batchSize = 1000;

/**
 * Issue 11: a contact's name in parts (honorific, given, family, suffix, preferred) and their own
 * salutation style (null: the practice's). `name` stays the full display name. Names stored
 * before are split by the one parser, so "Dr. Alan Reyes" is no longer greeted "Dear Dr.,".
 * The names are read a page at a time (never all in memory) and set in one UPDATE … FROM.
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
    await db.schema
      .createTable('contact_name_parts')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('honorific', 'text')
      .addColumn('given_name', 'text')
      .addColumn('family_name', 'text')
      .addColumn('suffix', 'text')
      .addPrimaryKeyConstraint('contact_name_parts_pk', ['practice_id', 'id'])
      .execute();
    let after: { practice_id: string; id: string } | null = null;
    for (;;) {
      let page = db
        .selectFrom('contact')
        .select(['practice_id', 'id', 'name'])
        .orderBy('practice_id')
        .orderBy('id')
        .limit(batchSize);
      if (after) {
        const { practice_id, id } = after;
        page = page.where((eb) =>
          eb.or([
            eb('practice_id', '>', practice_id),
            eb.and([eb('practice_id', '=', practice_id), eb('id', '>', id)]),
          ]),
        );
      }
      const rows = await page.execute();
      if (rows.length === 0) break;
      await db
        .insertInto('contact_name_parts')
        .values(
          rows.map((row) => {
            const parts = parseName(row.name);
            return {
              practice_id: row.practice_id,
              id: row.id,
              honorific: parts.honorific,
              given_name: parts.givenName,
              family_name: parts.familyName,
              suffix: parts.suffix,
            };
          }),
        )
        .execute();
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) break;
      after = last;
    }
    await db
      .updateTable('contact')
      .from('contact_name_parts as p')
      .set((eb) => ({
        honorific: eb.ref('p.honorific'),
        given_name: eb.ref('p.given_name'),
        family_name: eb.ref('p.family_name'),
        suffix: eb.ref('p.suffix'),
      }))
      .whereRef('contact.practice_id', '=', 'p.practice_id')
      .whereRef('contact.id', '=', 'p.id')
      .execute();
    await db.schema.dropTable('contact_name_parts').execute();
  },
};
