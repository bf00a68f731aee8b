import { type InsertQueryBuilder, type InsertResult, type Selectable, sql } from 'kysely';
import { type Dialect, isPostgres, type Queryable, runEachRow } from '../platform/db.ts';
import { isSet, toFlag } from '../platform/flags.ts';
import { parseName } from '../platform/person-name.ts';
import type { Database } from '../platform/schema.ts';
import type { DueCutoffs } from './cadence.rules.ts';
import { containsPattern, phoneKey, type Role, type Stage } from './contact.rules.ts';
import type { ContactSort } from './contact.schemas.ts';
import type {
  ContactCircleTable,
  ContactRoleTable,
  ContactTable,
  StageChangeTable,
} from './contact.tables.ts';
import type { AddressableName, SalutationStyle } from './contact-name.rules.ts';

type ContactColumns = Selectable<ContactTable>;
type ContactFlag = 'email_consent' | 'do_not_ask' | 'is_treating_provider';

/** A contact as the app reads and writes it: the 0/1 columns as booleans. */
export type ContactRow = Omit<ContactColumns, ContactFlag> & Record<ContactFlag, boolean>;

/** The one place a stored contact becomes a `ContactRow`. */
function toContactRow(r: ContactColumns): ContactRow {
  return {
    ...r,
    email_consent: isSet(r.email_consent),
    do_not_ask: isSet(r.do_not_ask),
    is_treating_provider: isSet(r.is_treating_provider),
  };
}

/** The reverse of `toContactRow` for a whole or partial row (absent flags stay absent). */
function toContactColumns<R extends Partial<ContactRow>>(row: R) {
  return {
    ...row,
    email_consent: toFlag(row.email_consent),
    do_not_ask: toFlag(row.do_not_ask),
    is_treating_provider: toFlag(row.is_treating_provider),
  };
}

type NameColumns =
  | 'honorific'
  | 'given_name'
  | 'family_name'
  | 'suffix'
  | 'preferred_name'
  | 'salutation';

/**
 * A contact to insert: without its name's parts, they are split from `name`; a new contact has
 * never opted out unless told, and was not imported unless told. Its `phone_key` follows its
 * phone.
 */
export type NewContactRow = Omit<
  ContactRow,
  NameColumns | 'email_opted_out_at' | 'phone_key' | 'import_id'
> &
  Partial<Pick<ContactRow, NameColumns | 'email_opted_out_at' | 'import_id'>>;

/**
 * Every column of a new contact as stored, the derived ones included (the same keys for any
 * row). Built as one object: an import makes a hundred thousand of them.
 */
function newContactColumns(row: NewContactRow) {
  // Parsed only when some part is missing (an import writes many rows with all of theirs).
  const parts =
    row.honorific === undefined ||
    row.given_name === undefined ||
    row.family_name === undefined ||
    row.suffix === undefined
      ? parseName(row.name)
      : null;
  return {
    honorific: parts?.honorific ?? null,
    given_name: parts?.givenName ?? null,
    family_name: parts?.familyName ?? null,
    suffix: parts?.suffix ?? null,
    preferred_name: null,
    salutation: null,
    ...row,
    email_opted_out_at: row.email_opted_out_at ?? null,
    import_id: row.import_id ?? null,
    phone_key: phoneKey(row.phone),
    email_consent: toFlag(row.email_consent),
    do_not_ask: toFlag(row.do_not_ask),
    is_treating_provider: toFlag(row.is_treating_provider),
  } satisfies ContactColumns;
}

/**
 * Inserts a contact. With `unlessEmailTaken`, a contact of the practice with the same email
 * (even one another transaction is writing at this moment: PostgreSQL waits for it) makes it
 * insert nothing and answer false, instead of failing on the unique email.
 */
export async function insertContactRow(
  db: Queryable,
  row: NewContactRow,
  options: { unlessEmailTaken?: boolean } = {},
): Promise<boolean> {
  const insert = db.insertInto('contact').values(newContactColumns(row));
  if (!options.unlessEmailTaken) {
    await insert.execute();
    return true;
  }
  const made = await insert
    .onConflict((oc) =>
      oc.columns(['practice_id', 'email_key']).where('email_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return made !== undefined;
}

type BulkTable = 'contact' | 'contact_role' | 'contact_circle' | 'stage_change';

/**
 * Many rows of one table (an import's batch), rows with the same columns in the same order.
 * PostgreSQL: one statement whose one parameter is the rows as JSON, made into rows of the table
 * by `json_populate_recordset`: parsed once whatever the row count (a VALUES list of thousands
 * of parameters, parsed and planned anew each time, was most of an import's time there), and
 * written by one native JSON.stringify (an array parameter per column, which the driver
 * escaped value by value, was a quarter of an import's allocations: 745 MB of 2.8 GB for
 * 100,000 rows). SQLite: the first row's insert, compiled once and run for every row
 * (`runEachRow`). `conflict` adds an `on conflict` clause. Answers the ids of the rows inserted
 * (rows without an id have none to give).
 */
async function insertEach<T extends BulkTable>(
  db: Queryable,
  table: T,
  rows: readonly Record<string, unknown>[],
  conflict?: (
    insert: InsertQueryBuilder<Database, T, InsertResult>,
  ) => InsertQueryBuilder<Database, T, InsertResult>,
): Promise<Set<string>> {
  const made = new Set<string>();
  const first = rows[0];
  if (!first) return made;
  const columns = Object.keys(first);
  const onConflict = conflict ?? ((insert) => insert);
  if (!isPostgres(db)) {
    const statement = onConflict(db.insertInto(table).values(first as never)).compile();
    const changes = runEachRow(
      db,
      statement,
      rows.map((row) => columns.map((c) => row[c] ?? null)),
    );
    changes.forEach((n, i) => {
      const id = rows[i]?.id;
      if (n > 0 && typeof id === 'string') made.add(id);
    });
    return made;
  }
  const insert = onConflict(
    db
      .insertInto(table)
      .columns(columns as never)
      .expression(
        sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)` as never,
      ),
  );
  if (!conflict) {
    await insert.execute();
    return new Set(rows.map((r) => r.id).filter((id) => typeof id === 'string'));
  }
  for (const r of await insert.returning(sql<string>`id`.as('id')).execute())
    made.add((r as { id: string }).id);
  return made;
}

/**
 * Inserts many contacts (an import), each like `insertContactRow` with `unlessEmailTaken`: a
 * row whose email the practice already has is left out. Answers the ids inserted.
 */
export async function insertContactRows(
  db: Queryable,
  rows: readonly NewContactRow[],
): Promise<Set<string>> {
  return insertEach(db, 'contact', rows.map(newContactColumns), (insert) =>
    insert.onConflict((oc) =>
      oc.columns(['practice_id', 'email_key']).where('email_key', 'is not', null).doNothing(),
    ),
  );
}

/**
 * The name columns of a joined contact (alias `a`) as `${p}_…`, so that another feature's query
 * can address them (`addressableFrom`); the display name is selected by the query itself.
 */
export function nameColumnsOf<A extends string, P extends string>(a: A, p: P) {
  return [
    `${a}.honorific as ${p}_honorific`,
    `${a}.given_name as ${p}_given_name`,
    `${a}.family_name as ${p}_family_name`,
    `${a}.suffix as ${p}_suffix`,
    `${a}.preferred_name as ${p}_preferred_name`,
    `${a}.salutation as ${p}_salutation`,
  ] as const;
}

export type NameColumnsAs<P extends string> = Record<
  `${P}_honorific` | `${P}_given_name` | `${P}_family_name` | `${P}_suffix` | `${P}_preferred_name`,
  string | null
> &
  Record<`${P}_salutation`, SalutationStyle | null>;

/** A contact selected with `nameColumnsOf(…, p)` as the addressing rules see them. */
export function addressableFrom<P extends string>(
  row: NameColumnsAs<P>,
  p: P,
  name: string,
): AddressableName {
  const r = row as Record<string, string | null>;
  return {
    name,
    honorific: r[`${p}_honorific`] ?? null,
    givenName: r[`${p}_given_name`] ?? null,
    familyName: r[`${p}_family_name`] ?? null,
    suffix: r[`${p}_suffix`] ?? null,
    preferredName: r[`${p}_preferred_name`] ?? null,
    salutation: (r[`${p}_salutation`] as SalutationStyle | null | undefined) ?? null,
  };
}

/** How many referrals credit this contact as their referrer (§2: they have referred). */
export async function countReferralsFrom(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<number> {
  const row = await db
    .selectFrom('referral')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('practice_id', '=', practiceId)
    .where('referrer_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether the practice has any contact yet (demo data only goes into an empty practice). */
export async function hasAnyContact(db: Queryable, practiceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('contact')
    .select('id')
    .where('practice_id', '=', practiceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * How a transaction holds the contact it read (PostgreSQL only; SQLite runs one write at a
 * time): `key share` while it writes rows that name the person, so an erasure waits for it;
 * `no key update` for the writers of its stage (a promotion, a stage edit, commitments), who
 * then run in turn without blocking the referrals that point at it; `update` to erase them,
 * so the writers wait and then find no one.
 */
export type ContactLock = 'key share' | 'no key update' | 'update';

export async function findContactRow(
  db: Queryable,
  practiceId: string,
  contactId: string,
  lock?: ContactLock,
) {
  let query = db
    .selectFrom('contact')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId);
  if (lock && db.isTransaction && isPostgres(db))
    query =
      lock === 'update'
        ? query.forUpdate()
        : lock === 'no key update'
          ? query.forNoKeyUpdate()
          : query.forKeyShare();
  const row = await query.executeTakeFirst();
  return row && toContactRow(row);
}

/**
 * The practice's contact with this email key (unique in a practice), held `key share` inside a
 * transaction on PostgreSQL like `findContactRow`: quick-add's new referrer who is already known.
 */
export async function findContactRowByEmail(db: Queryable, practiceId: string, emailKey: string) {
  let query = db
    .selectFrom('contact')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('email_key', '=', emailKey);
  if (db.isTransaction && isPostgres(db)) query = query.forKeyShare();
  const row = await query.executeTakeFirst();
  return row && toContactRow(row);
}

export async function updateContactRow(
  db: Queryable,
  practiceId: string,
  contactId: string,
  changes: Partial<Omit<ContactRow, 'practice_id' | 'id' | 'created_at' | 'phone_key'>>,
): Promise<void> {
  // The phone's key moves with it; nothing else writes it.
  const keyed = 'phone' in changes ? { ...changes, phone_key: phoneKey(changes.phone) } : changes;
  await db
    .updateTable('contact')
    .set(toContactColumns(keyed))
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId)
    .execute();
}

/** Deletes the contact; the foreign keys cascade to what only they own (see erasure.service). */
export async function deleteContactRow(db: Queryable, practiceId: string, contactId: string) {
  const result = await db
    .deleteFrom('contact')
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes several contacts of the practice (an import undone); as for one, the foreign keys
 * cascade to their roles, circles and stage history. Answers the number deleted.
 */
export async function deleteContactRows(
  db: Queryable,
  practiceId: string,
  contactIds: readonly string[],
): Promise<number> {
  if (contactIds.length === 0) return 0;
  const result = await db
    .deleteFrom('contact')
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...contactIds])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function replaceContactRoles(
  db: Queryable,
  practiceId: string,
  contactId: string,
  roles: readonly Role[],
): Promise<void> {
  await db
    .deleteFrom('contact_role')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .execute();
  if (roles.length === 0) return;
  await db
    .insertInto('contact_role')
    .values(roles.map((role) => ({ practice_id: practiceId, contact_id: contactId, role })))
    .execute();
}

export async function replaceContactCircles(
  db: Queryable,
  practiceId: string,
  contactId: string,
  circleIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('contact_circle')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .execute();
  if (circleIds.length === 0) return;
  await db
    .insertInto('contact_circle')
    .values(
      circleIds.map((circleId) => ({
        practice_id: practiceId,
        contact_id: contactId,
        circle_id: circleId,
      })),
    )
    .execute();
}

/** A stage-history row; `reason` is optional (a manual move may give none). */
export async function insertStageChangeRow(
  db: Queryable,
  row: Omit<StageChangeTable, 'reason'> & { reason?: string | null },
): Promise<void> {
  await db.insertInto('stage_change').values(row).execute();
}

/**
 * The roles, circles and first stage of many new contacts, in multi-row statements (an import);
 * `replaceContactRoles` and the others are the one-contact forms.
 */
export async function insertMembershipRows(
  db: Queryable,
  rows: {
    roles: readonly ContactRoleTable[];
    circles: readonly ContactCircleTable[];
    stageChanges: readonly StageChangeTable[];
  },
): Promise<void> {
  await insertEach(db, 'contact_role', rows.roles);
  await insertEach(db, 'contact_circle', rows.circles);
  await insertEach(db, 'stage_change', rows.stageChanges);
}

/** Roles of several contacts in one query (no query per row). */
export async function listRolesOf(
  db: Queryable,
  practiceId: string,
  contactIds: readonly string[],
) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('contact_role')
    .select(['contact_id', 'role'])
    .where('practice_id', '=', practiceId)
    .where('contact_id', 'in', [...contactIds])
    .execute();
}

/** Circles of several contacts in one query. */
export async function listCirclesOf(
  db: Queryable,
  practiceId: string,
  contactIds: readonly string[],
) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('contact_circle')
    .innerJoin('circle', (j) =>
      j
        .onRef('circle.practice_id', '=', 'contact_circle.practice_id')
        .onRef('circle.id', '=', 'contact_circle.circle_id'),
    )
    .select([
      'contact_circle.contact_id',
      'circle.practice_id',
      'circle.id',
      'circle.name',
      'circle.name_key',
      'circle.created_at',
    ])
    .where('contact_circle.practice_id', '=', practiceId)
    .where('contact_circle.contact_id', 'in', [...contactIds])
    .orderBy('circle.name_key')
    .execute();
}

export async function listStageHistory(db: Queryable, practiceId: string, contactId: string) {
  return db
    .selectFrom('stage_change')
    .leftJoin('auth_user', 'auth_user.id', 'stage_change.changed_by')
    .select([
      'stage_change.id',
      'stage_change.from_stage',
      'stage_change.to_stage',
      'stage_change.changed_at',
      'stage_change.changed_by',
      'stage_change.reason',
      'auth_user.name as changed_by_name',
    ])
    .where('stage_change.practice_id', '=', practiceId)
    .where('stage_change.contact_id', '=', contactId)
    .orderBy('stage_change.changed_at', 'desc')
    .orderBy('stage_change.id', 'desc')
    .execute();
}

export type ContactFilter = {
  q?: string | undefined;
  role?: Role | undefined;
  stage?: Stage | undefined;
  categoryId?: string | undefined;
  circleId?: string | undefined;
  /** Only contacts past their keep-in-touch cadence at `now` (see cadence.rules.ts). */
  touchDue?: TouchDueFilter | undefined;
};

/** Whether a `*_key` column (normalised by `textKey`) contains the text `q` anywhere. */
export function keyContains(column: string, q: string) {
  return sql<boolean>`${sql.ref(column)} like ${containsPattern(q)} escape '\\'`;
}

export type TouchDueFilter = { now: string; cutoffs: DueCutoffs; dialect: Dialect };

/** When a contact (table or alias `t`) was last touched, else created: its cadence's anchor. */
export function touchAnchor(t: string) {
  return sql<string>`coalesce(${sql.ref(`${t}.last_touch_at`)}, ${sql.ref(`${t}.created_at`)})`;
}

/**
 * Whether a contact (table or alias `t`) is past its keep-in-touch cadence at `now`: its own
 * `keep_in_touch_days` when positive (date arithmetic per row, the one dialect-specific bit),
 * else the stage and role cutoffs of cadence.rules.ts `dueCutoffs`. Shared by the contact list
 * filter and the agenda so that both find the same contacts due.
 */
export function isTouchDue(t: string, { now, cutoffs, dialect }: TouchDueFilter) {
  const col = (name: string) => sql.ref(`${t}.${name}`);
  const anchor = touchAnchor(t);
  const days = col('keep_in_touch_days');
  const overrideDue =
    dialect === 'postgres'
      ? sql<boolean>`(${anchor}::timestamptz + make_interval(secs => ${days} * 86400)) <= ${now}::timestamptz`
      : sql<boolean>`strftime('%Y-%m-%dT%H:%M:%fZ', ${anchor}, '+' || ${days} || ' days') <= ${now}`;
  const byStage = cutoffs.stages.map(
    (c) => sql<boolean>`(${col('stage')} = ${c.stage} and ${anchor} <= ${c.before})`,
  );
  const byRole =
    cutoffs.roles.length === 0
      ? []
      : [
          sql<boolean>`exists (select 1 from contact_role cr
            where cr.practice_id = ${col('practice_id')} and cr.contact_id = ${col('id')}
              and (${sql.join(
                cutoffs.roles.map((c) => sql`(cr.role = ${c.role} and ${anchor} <= ${c.before})`),
                sql` or `,
              )}))`,
        ];
  const bySettings = [...byStage, ...byRole];
  const settingsDue = bySettings.length > 0 ? sql.join(bySettings, sql` or `) : sql`1 = 0`;
  return sql<boolean>`((${days} is not null and ${days} > 0 and ${overrideDue})
    or ((${days} is null or ${days} <= 0) and (${settingsDue})))`;
}

const sortColumns = {
  name: 'name_key',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  stage: 'stage_rank',
} as const;

export type SortKey = { value: string | number; id: string };

/** One page of contacts in a stable order (sort column, then id), after the cursor. */
export async function listContactRows(
  db: Queryable,
  practiceId: string,
  filter: ContactFilter,
  sort: ContactSort,
  limit: number,
  after: SortKey | null,
): Promise<ContactRow[]> {
  const descending = sort.startsWith('-');
  const column = sortColumns[(descending ? sort.slice(1) : sort) as keyof typeof sortColumns];
  const direction = descending ? 'desc' : 'asc';
  let q = db
    .selectFrom('contact')
    .selectAll('contact')
    .where('contact.practice_id', '=', practiceId);
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) =>
      eb.or([
        keyContains('contact.name_key', text),
        keyContains('contact.email_key', text),
        keyContains('contact.organization_key', text),
      ]),
    );
  }
  if (filter.stage) q = q.where('contact.stage', '=', filter.stage);
  if (filter.categoryId) q = q.where('contact.category_id', '=', filter.categoryId);
  if (filter.role) {
    const role = filter.role;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact_role')
          .select('contact_role.role')
          .whereRef('contact_role.practice_id', '=', 'contact.practice_id')
          .whereRef('contact_role.contact_id', '=', 'contact.id')
          .where('contact_role.role', '=', role),
      ),
    );
  }
  if (filter.circleId) {
    const circleId = filter.circleId;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact_circle')
          .select('contact_circle.circle_id')
          .whereRef('contact_circle.practice_id', '=', 'contact.practice_id')
          .whereRef('contact_circle.contact_id', '=', 'contact.id')
          .where('contact_circle.circle_id', '=', circleId),
      ),
    );
  }
  if (filter.touchDue) q = q.where(isTouchDue('contact', filter.touchDue));
  if (after) {
    const op = descending ? '<' : '>';
    q = q.where((eb) =>
      eb.or([
        eb(`contact.${column}`, op, after.value),
        eb.and([eb(`contact.${column}`, '=', after.value), eb('contact.id', op, after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy(`contact.${column}`, direction)
    .orderBy('contact.id', direction)
    .limit(limit)
    .execute();
  return rows.map(toContactRow);
}
