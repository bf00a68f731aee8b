/**
 * The SQL of insights (PRODUCT.md §5): one grouped query per chart, over a range of
 * received (or changed) times, scoped by practice and served by indexes (migration 0006).
 * Medians are computed in SQL with window functions, which both databases have.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Dialect, Queryable } from '../platform/db.ts';

export type Range = { practiceId: string; from: string; to: string; dialect: Dialect };

/**
 * The referral table, read through a covering index of 0006. SQLite's planner otherwise
 * prefers an index that avoids sorting the groups but visits every row (5–10x slower here);
 * PostgreSQL needs no hint.
 */
const referralVia = (
  r: Range,
  index: 'referral_insights' | 'referral_responsiveness',
  alias = 'referral',
) =>
  r.dialect === 'sqlite'
    ? sql`referral as ${sql.raw(alias)} indexed by ${sql.raw(index)}`
    : sql`referral as ${sql.raw(alias)}`;
type Num = number | string | null;

/** Minutes from a to b (ISO text columns), as a float. */
function minutesBetween(dialect: Dialect, a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
  return dialect === 'sqlite'
    ? sql`((julianday(${b}) - julianday(${a})) * 1440.0)`
    : sql`(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) / 60.0)`;
}

/** avg of the middle one or two values of x, and how many values there were. */
function medianOf(values: RawBuilder<unknown>) {
  return sql`select avg(x) as median, max(n) as n
    from (select x, row_number() over (order by x) as rn, count(*) over () as n
            from (${values}) v) m
   where rn in ((n + 1) / 2, (n + 2) / 2)`;
}

const inRange = (r: Range, column = 'received_at') =>
  sql`practice_id = ${r.practiceId} and ${sql.ref(column)} >= ${r.from} and ${sql.ref(column)} < ${r.to}`;

export type CountRow = { key: string | null; name: string | null; referrals: Num; clients: Num };

export async function referralsByChannel(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select channel as key, null as name, count(*) as referrals,
           sum(case when status = 'client' then 1 else 0 end) as clients
      from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
     group by channel order by count(*) desc, channel`.execute(db);
  return res.rows;
}

export async function referralsByCircle(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select ci.id as key, ci.name as name, x.referrals, x.clients
      from (select circle_id, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients
              from ${referralVia(r, 'referral_insights')} where ${inRange(r)} and circle_id is not null
             group by circle_id) x
      join circle ci on ci.practice_id = ${r.practiceId} and ci.id = x.circle_id
     order by x.referrals desc, ci.name_key`.execute(db);
  return res.rows;
}

export type ReferrerRow = CountRow & { value: Num };

export async function topReferrers(db: Queryable, r: Range, limit: number): Promise<ReferrerRow[]> {
  const res = await sql<ReferrerRow>`
    select c.id as key, c.name as name, x.referrals, x.clients, x.value
      from (select referrer_id, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients,
                   sum(case when status = 'client' then coalesce(value_minor, 0) else 0 end) as value
              from ${referralVia(r, 'referral_insights')} where ${inRange(r)} and referrer_id is not null
             group by referrer_id
             order by count(*) desc, referrer_id
             limit ${limit}) x
      join contact c on c.practice_id = ${r.practiceId} and c.id = x.referrer_id
     order by x.referrals desc, x.clients desc, c.name_key`.execute(db);
  return res.rows;
}

export async function referralsByCategory(db: Queryable, r: Range): Promise<CountRow[]> {
  // Per referrer first (a few thousand rows), then their category: far fewer lookups.
  const res = await sql<CountRow>`
    select cat.id as key, cat.name as name, sum(x.referrals) as referrals,
           sum(x.clients) as clients
      from (select referrer_id, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients
              from ${referralVia(r, 'referral_insights')}
             where ${inRange(r)} and referrer_id is not null
             group by referrer_id) x
      join contact c on c.practice_id = ${r.practiceId} and c.id = x.referrer_id
      left join category cat on cat.practice_id = c.practice_id and cat.id = c.category_id
     group by cat.id, cat.name
     order by sum(x.referrals) desc, cat.name`.execute(db);
  return res.rows;
}

export async function referralsByRole(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select cr.role as key, null as name, sum(x.referrals) as referrals,
           sum(x.clients) as clients
      from (select referrer_id, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients
              from ${referralVia(r, 'referral_insights')}
             where ${inRange(r)} and referrer_id is not null
             group by referrer_id) x
      join contact_role cr on cr.practice_id = ${r.practiceId} and cr.contact_id = x.referrer_id
     group by cr.role
     order by sum(x.referrals) desc, cr.role`.execute(db);
  return res.rows;
}

export async function referralsByTag(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select t.tag as key, null as name, count(*) as referrals,
           sum(case when x.status = 'client' then 1 else 0 end) as clients
      from (select id, status from ${referralVia(r, 'referral_insights')} where ${inRange(r)}) x
      join referral_tag t on t.practice_id = ${r.practiceId} and t.referral_id = x.id
     group by t.tag
     order by count(*) desc, t.tag`.execute(db);
  return res.rows;
}

export async function referralsByMonth(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select substr(received_at, 1, 7) as key, null as name, count(*) as referrals,
           sum(case when status = 'client' then 1 else 0 end) as clients
      from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
     group by substr(received_at, 1, 7) order by 1`.execute(db);
  return res.rows;
}

export async function referralsByWeekday(
  db: Queryable,
  dialect: Dialect,
  r: Range,
): Promise<{ weekday: Num; referrals: Num }[]> {
  const weekday =
    dialect === 'sqlite'
      ? sql`cast(strftime('%w', received_at) as integer)`
      : sql`extract(dow from received_at::timestamptz)::int`;
  const res = await sql<{ weekday: Num; referrals: Num }>`
    select ${weekday} as weekday, count(*) as referrals
      from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
     group by 1 order by 1`.execute(db);
  return res.rows;
}

export type MedianRow = { median: Num; n: Num };

/**
 * Days from meeting a contact (their first stage record) to their first referral, for
 * referrers whose first referral falls in the range.
 */
export async function metToFirstReferral(
  db: Queryable,
  dialect: Dialect,
  r: Range,
): Promise<MedianRow> {
  const days = minutesBetween(dialect, sql.ref('met_at'), sql.ref('first_at'));
  const values = sql`
    select ${days} / 1440.0 as x
      from (select f.first_at,
                   (select min(s.changed_at) from stage_change s
                     where s.practice_id = ${r.practiceId} and s.contact_id = f.referrer_id) as met_at
              from (select referrer_id, min(received_at) as first_at from referral
                     where practice_id = ${r.practiceId} and referrer_id is not null
                     group by referrer_id) f
             where f.first_at >= ${r.from} and f.first_at < ${r.to}) y
     where met_at is not null and met_at <= first_at`;
  const res = await sql<MedianRow>`${medianOf(values)}`.execute(db);
  return res.rows[0] ?? { median: null, n: 0 };
}

/** Days from the latest ask of a referrer to each of their referrals in the range. */
export async function askToReferral(db: Queryable, dialect: Dialect, r: Range): Promise<MedianRow> {
  const days = minutesBetween(dialect, sql.ref('asked_at'), sql.ref('received_at'));
  const values = sql`
    select ${days} / 1440.0 as x
      from (select x.received_at,
                   (select max(a.asked_at) from ask a
                     where a.practice_id = ${r.practiceId} and a.contact_id = x.referrer_id
                       and a.asked_at <= x.received_at) as asked_at
              from ${referralVia(r, 'referral_insights', 'x')}
             where ${inRange(r)} and x.referrer_id is not null) y
     where asked_at is not null`;
  const res = await sql<MedianRow>`${medianOf(values)}`.execute(db);
  return res.rows[0] ?? { median: null, n: 0 };
}

export type SourceRow = { source: string; referrals: Num; clients: Num; value: Num };

/** Conversion and value by source: the channel, with warm handoffs apart (§3.9). */
export async function conversionBySource(db: Queryable, r: Range): Promise<SourceRow[]> {
  const res = await sql<SourceRow>`
    select case when warm_handoff = 1 then 'warm_handoff' else channel end as source,
           count(*) as referrals,
           sum(case when status = 'client' then 1 else 0 end) as clients,
           sum(case when status = 'client' then coalesce(value_minor, 0) else 0 end) as value
      from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
     group by 1 order by count(*) desc, 1`.execute(db);
  return res.rows;
}

export type ResponsivenessRow = {
  first_contact_median: Num;
  inside_window: Num;
  window_due: Num;
  thank_median: Num;
  update_median: Num;
};

/**
 * Time to first contact (median, share inside the response window), thank-you lag and
 * referrer-update lag, over the referrals received in the range. A referral still waiting
 * counts against the window once the window has passed.
 */
export async function responsiveness(
  db: Queryable,
  dialect: Dialect,
  r: Range,
  windowMinutes: number,
  now: string,
): Promise<ResponsivenessRow> {
  const m = (a: string, b: string) => minutesBetween(dialect, sql.ref(a), sql.ref(b));
  const dueBefore = new Date(Date.parse(now) - windowMinutes * 60_000).toISOString();
  // One pass computes the three lags; each median then orders only its own column.
  const res = await sql<ResponsivenessRow>`
    with x as materialized (
      select received_at,
             case when first_contact_at is not null
                  then ${m('received_at', 'first_contact_at')} end as fc,
             case when thanked_at is not null
                  then ${m('received_at', 'thanked_at')} / 60.0 end as th,
             case when referrer_told_at is not null and referrer_told_status = status
                       and referrer_told_at >= status_changed_at
                  then ${m('status_changed_at', 'referrer_told_at')} / 60.0 end as up
        from ${referralVia(r, 'referral_responsiveness')} where ${inRange(r)}
    )
    select
      (select median from (${medianOf(sql`select fc as x from x where fc is not null`)}) a) as first_contact_median,
      w.inside_window, w.window_due,
      (select median from (${medianOf(sql`select th as x from x where th is not null`)}) b) as thank_median,
      (select median from (${medianOf(sql`select up as x from x where up is not null`)}) c) as update_median
    from (select sum(case when fc <= ${windowMinutes} then 1 else 0 end) as inside_window,
                 sum(case when fc is not null or received_at < ${dueBefore} then 1 else 0 end) as window_due
            from x) w
  `.execute(db);
  const row = res.rows[0];
  if (!row) throw new Error('responsiveness returned no row');
  return row;
}

export type ReciprocityRow = { key: string; name: string; received: Num; given: Num };

/** Referrals received from and given to each partner in the range (§3.5). */
export async function reciprocityInRange(db: Queryable, r: Range): Promise<ReciprocityRow[]> {
  // Counted per contact in each branch first, so only the partners are looked up.
  const res = await sql<ReciprocityRow>`
    with ex as (
      select referrer_id as contact_id, count(*) as received, 0 as given
        from ${referralVia(r, 'referral_insights')}
       where ${inRange(r)} and referrer_id is not null
       group by referrer_id
      union all
      select partner_id, 0, count(*) from referral_given
       where ${inRange(r, 'given_at')} group by partner_id
      union all
      select contact_id, 0, 0 from contact_role where practice_id = ${r.practiceId} and role = 'partner'
    )
    select c.id as key, c.name as name, sum(ex.received) as received, sum(ex.given) as given
      from ex join contact c on c.practice_id = ${r.practiceId} and c.id = ex.contact_id
     group by c.id, c.name, c.name_key
     order by sum(ex.received) - sum(ex.given) desc, c.name_key`.execute(db);
  return res.rows;
}

export type MostWantedRow = { key: string; name: string; coverage: Num; target: Num };

/** The most-wanted list with coverage: its contacts at stage knows or above (§2). */
export async function mostWantedCoverage(
  db: Queryable,
  practiceId: string,
  defaultTarget: number,
  knowsRank: number,
): Promise<MostWantedRow[]> {
  const res = await sql<MostWantedRow>`
    select cat.id as key, cat.name as name,
           (select count(*) from contact c where c.practice_id = ${practiceId}
              and c.category_id = cat.id and c.stage_rank >= ${knowsRank}) as coverage,
           coalesce(cat.target, ${defaultTarget}) as target
      from category cat
     where cat.practice_id = ${practiceId} and cat.most_wanted_rank is not null
     order by cat.most_wanted_rank`.execute(db);
  return res.rows;
}

export type GrowthRow = {
  month: string;
  met: Num;
  knows: Num;
  likes: Num;
  trusts: Num;
  refers: Num;
};

/** Contacts reaching each stage, by month of the change (the network's growth by stage). */
export async function networkGrowth(db: Queryable, r: Range): Promise<GrowthRow[]> {
  const count = (stage: string) => sql`sum(case when to_stage = ${stage} then 1 else 0 end)`;
  const res = await sql<GrowthRow>`
    select substr(changed_at, 1, 7) as month,
           ${count('met')} as met, ${count('knows')} as knows, ${count('likes')} as likes,
           ${count('trusts')} as trusts, ${count('refers')} as refers
      from stage_change where ${inRange(r, 'changed_at')}
     group by substr(changed_at, 1, 7) order by 1`.execute(db);
  return res.rows;
}

/** Referrals per month, for momentum. */
export async function referralsPerMonth(
  db: Queryable,
  r: Range,
): Promise<{ month: string; referrals: Num }[]> {
  const res = await sql<{ month: string; referrals: Num }>`
    select substr(received_at, 1, 7) as month, count(*) as referrals
      from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
     group by substr(received_at, 1, 7) order by 1`.execute(db);
  return res.rows;
}
