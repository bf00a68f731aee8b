import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { keyContains } from '../contacts/contact.repository.ts';
import { isPostgres, type Queryable } from '../platform/db.ts';
import { isSet, toFlag } from '../platform/flags.ts';
import type { Database } from '../platform/schema.ts';
import type { Channel, ReferralCursorKey, ReferralSort, ReferralStatus } from './referral.rules.ts';
import type { ReferralEventTable, ReferralTable } from './referral.tables.ts';

type ReferralColumns = Omit<
  Selectable<ReferralTable>,
  'first_contact_minutes' | 'thank_lag_minutes' | 'update_lag_minutes'
>;
type ReferralFlag = 'consent_to_update' | 'warm_handoff';

/**
 * A referral as the app reads and writes it: the 0/1 columns as booleans; the lag columns
 * are the database's (0007).
 */
export type ReferralRow = Omit<ReferralColumns, ReferralFlag> & Record<ReferralFlag, boolean>;

/** The one place a stored referral becomes a `ReferralRow`. */
function toReferralRow<R extends ReferralColumns>(r: R): Omit<R, ReferralFlag> & ReferralRow {
  return {
    ...r,
    consent_to_update: isSet(r.consent_to_update),
    warm_handoff: isSet(r.warm_handoff),
  };
}

/** The reverse of `toReferralRow` for a whole or partial row (absent flags stay absent). */
function toReferralColumns<R extends Partial<ReferralRow>>(row: R) {
  return {
    ...row,
    consent_to_update: toFlag(row.consent_to_update),
    warm_handoff: toFlag(row.warm_handoff),
  };
}
export type ReferralEventRow = Selectable<ReferralEventTable>;

/** A list filter with everything resolved to column values. */
export type ReferralFilter = {
  statuses?: readonly ReferralStatus[] | undefined;
  referrerId?: string | undefined;
  isReferrerUnknown?: boolean | undefined;
  categoryId?: string | undefined;
  channel?: Channel | undefined;
  circleId?: string | undefined;
  ownerId?: string | undefined;
  from?: string | null | undefined;
  toExclusive?: string | null | undefined;
  toInclusive?: string | null | undefined;
  q?: string | undefined;
};

export async function insertReferralRow(db: Queryable, row: ReferralRow): Promise<void> {
  await db.insertInto('referral').values(toReferralColumns(row)).execute();
}

export async function findReferralRow(db: Queryable, practiceId: string, referralId: string) {
  const row = await db
    .selectFrom('referral')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', referralId)
    .executeTakeFirst();
  return row && toReferralRow(row);
}

/**
 * Takes the referral's row lock for the rest of the transaction (PostgreSQL), so concurrent
 * changes to one referral on PostgreSQL run one after another and each checks the latest row.
 */
export async function lockReferralRow(db: Queryable, practiceId: string, referralId: string) {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('referral')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('id', '=', referralId)
    .forNoKeyUpdate()
    .execute();
}

export async function updateReferralRow(
  db: Queryable,
  practiceId: string,
  referralId: string,
  changes: Partial<Omit<ReferralRow, 'practice_id' | 'id' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('referral')
    .set(toReferralColumns(changes))
    .where('practice_id', '=', practiceId)
    .where('id', '=', referralId)
    .execute();
}

export async function replaceReferralTags(
  db: Queryable,
  practiceId: string,
  referralId: string,
  tags: readonly string[],
  isNew = false,
): Promise<void> {
  if (!isNew)
    await db
      .deleteFrom('referral_tag')
      .where('practice_id', '=', practiceId)
      .where('referral_id', '=', referralId)
      .execute();
  if (tags.length === 0) return;
  await db
    .insertInto('referral_tag')
    .values(tags.map((tag) => ({ practice_id: practiceId, referral_id: referralId, tag })))
    .execute();
}

export async function insertReferralEventRow(db: Queryable, row: ReferralEventRow): Promise<void> {
  await db.insertInto('referral_event').values(row).execute();
}

/** A referral's events, oldest first, with the author's name. */
export async function listReferralEvents(db: Queryable, practiceId: string, referralId: string) {
  return db
    .selectFrom('referral_event')
    .leftJoin('auth_user', 'auth_user.id', 'referral_event.by')
    .selectAll('referral_event')
    .select('auth_user.name as by_name')
    .where('referral_event.practice_id', '=', practiceId)
    .where('referral_event.referral_id', '=', referralId)
    .orderBy('referral_event.at')
    .orderBy('referral_event.id')
    .execute();
}

/** Tags of several referrals in one query. */
export async function listTagsOf(db: Queryable, practiceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('referral_tag')
    .select(['referral_id', 'tag'])
    .where('practice_id', '=', practiceId)
    .where('referral_id', 'in', [...ids])
    .orderBy('tag')
    .execute();
}

/** Names, categories and treating-provider flags of several contacts, in one query. */
export async function findContactRefs(db: Queryable, practiceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contact')
    .leftJoin('category', (j) =>
      j
        .onRef('category.practice_id', '=', 'contact.practice_id')
        .onRef('category.id', '=', 'contact.category_id'),
    )
    .select([
      'contact.id',
      'contact.name',
      'contact.stage',
      'contact.stage_rank',
      'contact.is_treating_provider',
      'category.name as category_name',
    ])
    .where('contact.practice_id', '=', practiceId)
    .where('contact.id', 'in', [...ids])
    .execute()
    .then((rows) =>
      rows.map((r) => ({ ...r, is_treating_provider: isSet(r.is_treating_provider) })),
    );
}

/** Users among `ids` who are members of the practice, in one query. */
export async function findMemberRefs(db: Queryable, practiceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('practice_member')
    .innerJoin('auth_user', 'auth_user.id', 'practice_member.user_id')
    .select(['auth_user.id', 'auth_user.name'])
    .where('practice_member.practice_id', '=', practiceId)
    .where('practice_member.user_id', 'in', [...ids])
    .execute();
}

type ReferralQuery<O> = SelectQueryBuilder<Database, 'referral', O>;

/** 0 while the response clock runs (status `new`), 1 after: the `due` sort's first key. */
const dueGroup = sql<number>`(case when referral.status = 'new' then 0 else 1 end)`;

/** The referral's referrer or referred person, as a subquery to narrow and test for. */
function contactAt(
  eb: ExpressionBuilder<Database, 'referral'>,
  side: 'referral.referrer_id' | 'referral.referred_id',
) {
  return eb
    .selectFrom('contact')
    .select('contact.id')
    .whereRef('contact.practice_id', '=', 'referral.practice_id')
    .whereRef('contact.id', '=', side);
}

function applyFilter<O>(q: ReferralQuery<O>, practiceId: string, f: ReferralFilter) {
  let out = q.where('referral.practice_id', '=', practiceId);
  if (f.statuses) out = out.where('referral.status', 'in', [...f.statuses]);
  if (f.referrerId) out = out.where('referral.referrer_id', '=', f.referrerId);
  if (f.isReferrerUnknown) out = out.where('referral.referrer_id', 'is', null);
  if (f.channel) out = out.where('referral.channel', '=', f.channel);
  if (f.circleId) out = out.where('referral.circle_id', '=', f.circleId);
  if (f.ownerId) out = out.where('referral.owner_id', '=', f.ownerId);
  if (f.from) out = out.where('referral.received_at', '>=', f.from);
  if (f.toExclusive) out = out.where('referral.received_at', '<', f.toExclusive);
  if (f.toInclusive) out = out.where('referral.received_at', '<=', f.toInclusive);
  if (f.categoryId) {
    const categoryId = f.categoryId;
    out = out.where((eb) =>
      eb.exists(
        contactAt(eb, 'referral.referrer_id').where('contact.category_id', '=', categoryId),
      ),
    );
  }
  if (f.q) {
    const nameMatches = keyContains('contact.name_key', f.q);
    out = out.where((eb) =>
      eb.or([
        eb.exists(contactAt(eb, 'referral.referred_id').where(nameMatches)),
        eb.exists(contactAt(eb, 'referral.referrer_id').where(nameMatches)),
      ]),
    );
  }
  return out;
}

/** One page of referrals in a stable order (the sort's keys, then id), after the cursor. */
export async function listReferralRows(
  db: Queryable,
  practiceId: string,
  filter: ReferralFilter,
  sort: ReferralSort,
  limit: number,
  after: ReferralCursorKey | null,
): Promise<ReferralRow[]> {
  let q = applyFilter(db.selectFrom('referral').selectAll('referral'), practiceId, filter);
  if (sort === 'due') {
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb(dueGroup, '>', after.group),
          eb.and([
            eb(dueGroup, '=', after.group),
            eb.or([
              eb('referral.received_at', '>', after.receivedAt),
              eb.and([
                eb('referral.received_at', '=', after.receivedAt),
                eb('referral.id', '>', after.id),
              ]),
            ]),
          ]),
        ]),
      );
    const rows = await q
      .orderBy(dueGroup)
      .orderBy('referral.received_at')
      .orderBy('referral.id')
      .limit(limit)
      .execute();
    return rows.map(toReferralRow);
  }
  const direction = sort === 'receivedAt' ? 'asc' : 'desc';
  if (after) {
    const op = direction === 'asc' ? '>' : '<';
    q = q.where((eb) =>
      eb.or([
        eb('referral.received_at', op, after.receivedAt),
        eb.and([
          eb('referral.received_at', '=', after.receivedAt),
          eb('referral.id', op, after.id),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy('referral.received_at', direction)
    .orderBy('referral.id', direction)
    .limit(limit)
    .execute();
  return rows.map(toReferralRow);
}

/**
 * How many referrals match and the sum of their values, per status and currency, in one
 * grouped query (`valueMinor` null when none of the group has a value).
 */
export async function countReferralsByStatus(
  db: Queryable,
  practiceId: string,
  filter: ReferralFilter,
): Promise<{ status: ReferralStatus; currency: string; n: number; valueMinor: number | null }[]> {
  const rows = await applyFilter(db.selectFrom('referral'), practiceId, filter)
    .select([
      'referral.status',
      'referral.currency',
      (eb) => eb.fn.countAll<string | number>().as('n'),
      (eb) => eb.fn.sum<string | number | null>('referral.value_minor').as('value_minor'),
    ])
    .groupBy(['referral.status', 'referral.currency'])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    currency: r.currency,
    n: Number(r.n),
    valueMinor: r.value_minor === null ? null : Number(r.value_minor),
  }));
}

/**
 * The first `limit` referrals of one board column. Open columns: oldest first, which for
 * `new` is overdue first, then by due time (the window is the same for all). Client and
 * closed: the most recently moved first.
 */
export async function listBoardColumnRows(
  db: Queryable,
  practiceId: string,
  filter: ReferralFilter,
  statuses: readonly ReferralStatus[],
  isOpenColumn: boolean,
  limit: number,
): Promise<ReferralRow[]> {
  // One query per status, each walking its own index range, then merged: an IN list with
  // ORDER BY … LIMIT would sort every matching row first.
  const perStatus = await Promise.all(
    statuses.map(async (status) => {
      const q = applyFilter(db.selectFrom('referral').selectAll('referral'), practiceId, {
        ...filter,
        statuses: [status],
      });
      const ordered = isOpenColumn
        ? q.orderBy('referral.received_at').orderBy('referral.id')
        : q.orderBy('referral.status_changed_at', 'desc').orderBy('referral.id', 'desc');
      return (await ordered.limit(limit).execute()).map(toReferralRow);
    }),
  );
  const key = (r: ReferralRow) =>
    isOpenColumn ? `${r.received_at}|${r.id}` : `${r.status_changed_at}|${r.id}`;
  const merged = perStatus.flat().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (!isOpenColumn) merged.reverse();
  return merged.slice(0, limit);
}

/**
 * Erasure: the referrals about this person stay as anonymous rows (the referrer's counts, the
 * goal and insights hold) without the person, their need, place, tags or event notes.
 * Returns their ids, so messages, marks and audit details about them can go too.
 */
export async function anonymiseReferralsAbout(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('referral')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('referred_id', '=', contactId)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  await db
    .updateTable('referral')
    .set({ referred_id: null, need: null, place: null })
    .where('practice_id', '=', practiceId)
    .where('id', 'in', ids)
    .execute();
  await db
    .deleteFrom('referral_tag')
    .where('practice_id', '=', practiceId)
    .where('referral_id', 'in', ids)
    .execute();
  await db
    .updateTable('referral_event')
    .set({ note: null })
    .where('practice_id', '=', practiceId)
    .where('referral_id', 'in', ids)
    .execute();
  return ids;
}

/** Erasure: referrals this person sent stay (they are about other people), referrer unknown. */
export async function forgetReferrer(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<void> {
  await db
    .updateTable('referral')
    .set({ referrer_id: null })
    .where('practice_id', '=', practiceId)
    .where('referrer_id', '=', contactId)
    .execute();
}
/** The referral columns an agenda action may change (status move, thanks, referrer told). */
export const referralUndoColumns = [
  'status',
  'status_changed_at',
  'first_contact_at',
  'meeting_at',
  'client_at',
  'closed_at',
  'thanked_at',
  'conversion_thanked_at',
  'referrer_told_status',
  'referrer_told_at',
  'updated_at',
] as const;
export type ReferralUndoState = Pick<ReferralTable, (typeof referralUndoColumns)[number]>;

/** A referral's changeable columns and its history's event ids (locked on PostgreSQL). */
export async function readReferralUndoState(
  db: Queryable,
  practiceId: string,
  referralId: string,
): Promise<{ state: ReferralUndoState; eventIds: string[] } | undefined> {
  let query = db
    .selectFrom('referral')
    .select(referralUndoColumns)
    .where('practice_id', '=', practiceId)
    .where('id', '=', referralId);
  if (isPostgres(db)) query = query.forNoKeyUpdate();
  const state = await query.executeTakeFirst();
  if (!state) return undefined;
  const events = await db
    .selectFrom('referral_event')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('referral_id', '=', referralId)
    .execute();
  return { state, eventIds: events.map((e) => e.id) };
}

/** Puts a referral's changeable columns back and removes the history rows the action added. */
export async function restoreReferral(
  db: Queryable,
  practiceId: string,
  referralId: string,
  state: ReferralUndoState,
  eventIds: readonly string[],
): Promise<void> {
  await db
    .updateTable('referral')
    .set(state)
    .where('practice_id', '=', practiceId)
    .where('id', '=', referralId)
    .execute();
  if (eventIds.length === 0) return;
  await db
    .deleteFrom('referral_event')
    .where('practice_id', '=', practiceId)
    .where('referral_id', '=', referralId)
    .where('id', 'in', eventIds)
    .execute();
}
