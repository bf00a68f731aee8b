import { sql } from 'kysely';
import type { Queryable } from '../platform/db.ts';

export type ExportRow = Record<string, unknown>;

/**
 * The columns of every table of the app, in their order (`public` on PostgreSQL: pg-boss's
 * schema is not the practice's data). Read once per export, so a column added by a migration
 * is exported without a change here.
 */
export async function listTableColumns(db: Queryable): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables();
  return new Map(
    tables
      .filter((t) => !t.isView && (t.schema === undefined || t.schema === 'public'))
      .map((t) => [t.name, t.columns.map((c) => c.name)]),
  );
}

export type PageSource = {
  table: string;
  /** The column holding the practice's id. */
  scope: string;
  /** The row's unique key within the practice: the order of the pages. */
  key: readonly string[];
  columns: readonly string[];
};

/**
 * One page of a table's rows of the practice, in key order, after the key `after` (keyset
 * paging: each page is an index range, however deep, so memory and time per page stay flat).
 */
export async function readExportPage(
  db: Queryable,
  practiceId: string,
  source: PageSource,
  after: readonly unknown[] | null,
  limit: number,
): Promise<ExportRow[]> {
  const key = sql.join(source.key.map((k) => sql.ref(k)));
  const keyset = after ? sql`and (${key}) > (${sql.join(after)})` : sql``;
  const { rows } = await sql<ExportRow>`
    select ${sql.join(source.columns.map((c) => sql.ref(c)))}
    from ${sql.table(source.table)}
    where ${sql.ref(source.scope)} = ${practiceId} ${keyset}
    order by ${key}
    limit ${limit}`.execute(db);
  return rows;
}

/** A child table's values per parent row (a contact's roles), each list in value order. */
export async function listChildValues(
  db: Queryable,
  practiceId: string,
  child: { table: string; parent: string; value: string },
  parentIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (parentIds.length === 0) return out;
  const { rows } = await sql<{ parent: string; value: string }>`
    select ${sql.ref(child.parent)} as parent, ${sql.ref(child.value)} as value
    from ${sql.table(child.table)}
    where practice_id = ${practiceId} and ${sql.ref(child.parent)} in (${sql.join(parentIds)})
    order by ${sql.ref(child.parent)}, ${sql.ref(child.value)}`.execute(db);
  for (const row of rows) {
    const list = out.get(row.parent) ?? [];
    list.push(row.value);
    out.set(row.parent, list);
  }
  return out;
}

/** A page of the practice's members with their account's name and email (never the password). */
export async function listMembersPage(
  db: Queryable,
  practiceId: string,
  afterUserId: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('practice_member as m')
    .innerJoin('auth_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'm.role', 'm.created_at as member_since'])
    .where('m.practice_id', '=', practiceId);
  if (afterUserId !== null) query = query.where('m.user_id', '>', afterUserId);
  return query.orderBy('m.user_id').limit(limit).execute();
}

/** A page of the practice's contacts with what a contacts app takes (name, email, phone…). */
export async function listContactCardsPage(
  db: Queryable,
  practiceId: string,
  afterId: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('contact')
    .select([
      'id',
      'name',
      'honorific',
      'given_name',
      'family_name',
      'suffix',
      'preferred_name',
      'salutation',
      'email',
      'phone',
      'organization',
    ])
    .where('practice_id', '=', practiceId);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export type ContactCardRow = Awaited<ReturnType<typeof listContactCardsPage>>[number];

/** The names of the circles of each of these contacts, by contact id, in name order. */
export async function listCircleNamesOf(
  db: Queryable,
  practiceId: string,
  contactIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (contactIds.length === 0) return out;
  const rows = await db
    .selectFrom('contact_circle as cc')
    .innerJoin('circle as c', (j) =>
      j.onRef('c.practice_id', '=', 'cc.practice_id').onRef('c.id', '=', 'cc.circle_id'),
    )
    .select(['cc.contact_id', 'c.name'])
    .where('cc.practice_id', '=', practiceId)
    .where('cc.contact_id', 'in', contactIds)
    .orderBy('c.name_key')
    .execute();
  for (const row of rows) {
    const list = out.get(row.contact_id) ?? [];
    list.push(row.name);
    out.set(row.contact_id, list);
  }
  return out;
}
