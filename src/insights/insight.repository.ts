/**
 * The SQL of insights (PRODUCT.md §5): grouped queries over a range of received (or changed)
 * times, scoped by practice. Each grouping reads an index that holds what it counts in the
 * order it groups (migrations 0006–0008), since SQLite sorts any GROUP BY that does not arrive
 * in order: by day (feeding by month, by weekday and momentum), by channel (by channel and
 * conversion by source), by circle, by referrer (who and reciprocity, in one statement), by
 * tag; completion of warm handoffs reads the partial index of contacted referrals. Medians are exact, in SQL: SQLite's `median()`, PostgreSQL's percentile_disc.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Role } from '../contacts/contact.rules.ts';
import { coveringStageRank } from '../network/category.rules.ts';
import { offsetSpans } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import type { Dialect, Queryable } from '../platform/db.ts';
import type { Channel } from '../referrals/referral.rules.ts';

/** Instants [from, to) of the practice's local days, and its zone (for days and months). */
export type Range = {
  practiceId: string;
  from: string;
  to: string;
  timeZone: string;
  dialect: Dialect;
};

/**
 * The practice's local day (YYYY-MM-DD) of a timestamp column: the UTC text shifted by the
 * zone's offset, which is constant between the range's DST changes (found in JS, so the SQL
 * needs no time-zone functions and the index still reads the range in order). UTC: the text.
 */
function localDayOf(r: Range, column: string): RawBuilder<string> {
  const col = sql.ref(column);
  const spans = offsetSpans(r.from, r.to, r.timeZone);
  if (spans.every((s) => s.offsetMinutes === 0)) return sql`substr(${col}, 1, 10)`;
  const last = spans[spans.length - 1]?.offsetMinutes ?? 0;
  const minutes =
    spans.length === 1
      ? sql.lit(last)
      : sql`case ${sql.join(
          spans
            .slice(0, -1)
            .map((s) => sql`when ${col} < ${s.to} then ${sql.lit(s.offsetMinutes)}`),
          sql` `,
        )} else ${sql.lit(last)} end`;
  return r.dialect === 'sqlite'
    ? sql`date(${col}, ${minutes} || ' minutes')`
    : sql`to_char(cast(left(${col}, 23) as timestamp) + make_interval(mins => ${minutes}), 'YYYY-MM-DD')`;
}

/**
 * The referral table, read through a covering index of 0006. SQLite's planner otherwise
 * prefers an index that avoids sorting the groups but visits every row (5–10x slower here);
 * PostgreSQL needs no hint.
 */
const referralVia = (
  r: Range,
  index:
    | 'referral_insights'
    | 'referral_responsiveness'
    | 'referral_by_referrer'
    | 'referral_by_channel'
    | 'referral_by_circle'
    | 'referral_completion',
  alias = 'referral',
) =>
  r.dialect === 'sqlite'
    ? sql`referral as ${sql.raw(alias)} indexed by ${sql.raw(index)}`
    : sql`referral as ${sql.raw(alias)}`;
type Num = number | string | null;

/** Just above 0.5: percentile_disc then picks the upper middle row (for n < 500,000,000). */
const upperMiddle = 0.5 + 1e-9;

/** Minutes from a to b (ISO text columns), as a float. */
function minutesBetween(dialect: Dialect, a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
  return dialect === 'sqlite'
    ? sql`((julianday(${b}) - julianday(${a})) * 1440.0)`
    : sql`(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) / 60.0)`;
}

/**
 * The median of x (the mean of the middle one or two values) and how many values there were.
 * SQLite has `median()` (its percentile extension, compiled into better-sqlite3; checked when
 * the database opens); PostgreSQL takes the lower and upper middle values with ordered-set
 * aggregates (percentile_disc: row ceil(p·n), see `upperMiddle`).
 */
function medianOf(values: RawBuilder<unknown>, dialect: Dialect) {
  if (dialect === 'postgres')
    return sql`select (percentile_disc(0.5) within group (order by x)
                       + percentile_disc(${upperMiddle}::float8) within group (order by x)) / 2 as median,
                      count(*) as n
                 from (${values}) v`;
  return sql`select median(x) as median, count(x) as n from (${values}) v`;
}

const inRange = (r: Range, column = 'received_at') =>
  sql`practice_id = ${r.practiceId} and ${sql.ref(column)} >= ${r.from} and ${sql.ref(column)} < ${r.to}`;

export type CountRow = { key: string | null; name: string | null; referrals: Num; clients: Num };

export async function referralsByCircle(db: Queryable, r: Range): Promise<CountRow[]> {
  const res = await sql<CountRow>`
    select ci.id as key, ci.name as name, x.referrals, x.clients
      from (select circle_id, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients
              from ${referralVia(r, 'referral_by_circle')} where ${inRange(r)} and circle_id is not null
             group by circle_id) x
      join circle ci on ci.practice_id = ${r.practiceId} and ci.id = x.circle_id
     order by x.referrals desc, ci.name_key`.execute(db);
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
  const res = await sql<MedianRow>`${medianOf(values, dialect)}`.execute(db);
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
  const res = await sql<MedianRow>`${medianOf(values, dialect)}`.execute(db);
  return res.rows[0] ?? { median: null, n: 0 };
}

export type ResponsivenessRow = {
  first_contact_median: number | null;
  inside_window: number;
  window_due: number;
  thank_median: number | null;
  update_median: number | null;
};

/**
 * Time to first contact (median, share inside the response window), thank-you lag and
 * referrer-update lag, over the referrals received in the range. A referral still waiting
 * counts against the window once the window has passed.
 *
 * The lags are the referral's generated columns (migration 0007), read from a covering index;
 * each median is the mean of the middle one or two values, taken in SQL (so the ~45,000 lags
 * of a large practice never become objects in the server's memory). Minutes, as stored.
 * SQLite's `median()` is exactly that mean; PostgreSQL's is built from percentile_disc.
 */
export async function responsiveness(
  db: Queryable,
  dialect: Dialect,
  r: Range,
  windowMinutes: number,
  now: string,
): Promise<ResponsivenessRow> {
  const dueBefore = toTimestamp(new Date(Date.parse(now) - windowMinutes * 60_000));
  const counts = sql`
    coalesce(sum(case when first_contact_minutes <= ${windowMinutes} then 1 else 0 end), 0) as inside_window,
    coalesce(sum(case when first_contact_minutes is not null or received_at < ${dueBefore}
                      then 1 else 0 end), 0) as window_due`;
  if (dialect === 'postgres') {
    // PostgreSQL has exact ordered-set aggregates: percentile_disc at 0.5 is the lower middle
    // value (row ceil(n/2)) and just above 0.5 the upper one (row n/2 + 1 when n is even,
    // the same middle row when odd), so their mean is the median above, in one pass.
    const mid = (col: string) =>
      sql`percentile_disc(array[0.5, ${upperMiddle}]::float8[]) within group (order by ${sql.ref(col)})`;
    const agg = await sql<{ fc: Num[] | null; th: Num[] | null; up: Num[] | null } & Counts>`
      select ${mid('first_contact_minutes')} as fc, ${mid('thank_lag_minutes')} as th,
             ${mid('update_lag_minutes')} as up, ${counts}
        from referral where ${inRange(r)}`.execute(db);
    const row = agg.rows[0];
    const mean = (v: Num[] | null | undefined) =>
      v?.[0] == null || v[1] == null ? null : (Number(v[0]) + Number(v[1])) / 2;
    return lagsOf(mean(row?.fc), mean(row?.th), mean(row?.up), row);
  }
  const res = await sql<{ fc: Num; th: Num; up: Num } & Counts>`
    select median(first_contact_minutes) as fc, median(thank_lag_minutes) as th,
           median(update_lag_minutes) as up, ${counts}
      from ${referralVia(r, 'referral_responsiveness')} where ${inRange(r)}`.execute(db);
  const row = res.rows[0];
  const numOrNull = (v: Num | undefined) => (v == null ? null : Number(v));
  return lagsOf(numOrNull(row?.fc), numOrNull(row?.th), numOrNull(row?.up), row);
}

type Counts = { inside_window: Num; window_due: Num };

function lagsOf(
  firstContactMinutes: number | null,
  thankMinutes: number | null,
  updateMinutes: number | null,
  counts: Counts | undefined,
): ResponsivenessRow {
  const hours = (m: number | null) => (m === null ? null : m / 60);
  return {
    first_contact_median: firstContactMinutes,
    inside_window: Number(counts?.inside_window ?? 0),
    window_due: Number(counts?.window_due ?? 0),
    thank_median: hours(thankMinutes),
    update_median: hours(updateMinutes),
  };
}

export type DayRow = { month: string; weekday: Num; referrals: Num; clients: Num };

/**
 * The referrals in range counted by month and weekday of receipt (and how many became
 * clients): by the practice's local day first, then the weekday of each day rather than of
 * each referral (a date's weekday needs no zone).
 */
export async function referralsByDay(db: Queryable, r: Range): Promise<DayRow[]> {
  const weekday =
    r.dialect === 'sqlite'
      ? sql`cast(strftime('%w', day) as integer)`
      : sql`extract(dow from day::date)::int`;
  const res = await sql<DayRow>`
    select substr(day, 1, 7) as month, ${weekday} as weekday,
           sum(referrals) as referrals, sum(clients) as clients
      from (select ${localDayOf(r, 'received_at')} as day, count(*) as referrals,
                   sum(case when status = 'client' then 1 else 0 end) as clients
              from ${referralVia(r, 'referral_insights')} where ${inRange(r)}
             group by 1) d
     group by 1, 2`.execute(db);
  return res.rows;
}

export type ChannelRow = {
  /** A channel: the column is written only through ZChannel. */
  channel: Channel;
  referrals: Num;
  clients: Num;
  value: Num;
  /** Of these, the warm handoffs (§3.9: a source of their own in the conversion chart). */
  warm: Num;
  warm_clients: Num;
  warm_value: Num;
};

/** The referrals in range by channel, with their clients and the clients' value. */
export async function referralsByChannel(db: Queryable, r: Range): Promise<ChannelRow[]> {
  const client = sql`status = 'client'`;
  const warmClient = sql`warm_handoff = 1 and status = 'client'`;
  const res = await sql<ChannelRow>`
    select channel, count(*) as referrals,
           sum(case when ${client} then 1 else 0 end) as clients,
           sum(case when ${client} then coalesce(value_minor, 0) else 0 end) as value,
           sum(warm_handoff) as warm,
           sum(case when ${warmClient} then 1 else 0 end) as warm_clients,
           sum(case when ${warmClient} then coalesce(value_minor, 0) else 0 end) as warm_value
      from ${referralVia(r, 'referral_by_channel')} where ${inRange(r)}
     group by channel`.execute(db);
  return res.rows;
}

export type CompletionRow = {
  contacted: Num;
  clients: Num;
  warm_contacted: Num;
  warm_clients: Num;
};

/**
 * The referrals in range that were contacted (first contact set), those that became clients
 * (client time set), and of each the warm handoffs (§3.9): one pass over the partial index of
 * contacted referrals (migration 0021), no grouping to sort.
 */
export async function completion(db: Queryable, r: Range): Promise<CompletionRow> {
  const res = await sql<CompletionRow>`
    select count(*) as contacted, count(client_at) as clients,
           coalesce(sum(warm_handoff), 0) as warm_contacted,
           coalesce(sum(case when warm_handoff = 1 and client_at is not null then 1 else 0 end), 0)
             as warm_clients
      from ${referralVia(r, 'referral_completion')}
     where ${inRange(r)} and first_contact_at is not null`.execute(db);
  return res.rows[0] ?? { contacted: 0, clients: 0, warm_contacted: 0, warm_clients: 0 };
}

/** How many partners the insights' reciprocity chart lists, most owed first. */
export const reciprocityChartSize = 100;

export type ReferrerPart = 'top' | 'category' | 'role' | 'reciprocity';

type ReferrerChartCounts = {
  name: string | null;
  referrals: Num;
  clients: Num;
  value: Num;
  given: Num;
  ord: Num;
};
/** A row of one chart: the role chart's key is contact_role.role, written only through ZRole. */
export type ReferrerChartRow =
  | (ReferrerChartCounts & { part: 'role'; key: Role })
  | (ReferrerChartCounts & { part: Exclude<ReferrerPart, 'role'>; key: string | null });

/**
 * Top referrers, referrals by the referrer's category and role, and reciprocity (§3.5): the
 * referrals in range are grouped per referrer once (a few thousand rows), and each chart is a
 * small grouping or join over that, in one statement. Rows carry their chart (`part`) and
 * their place in it (`ord`, ordered in SQL as each chart always was).
 */
export async function referrerCharts(
  db: Queryable,
  r: Range,
  parts: ReadonlySet<ReferrerPart>,
  topLimit: number,
): Promise<ReferrerChartRow[]> {
  const branches: RawBuilder<unknown>[] = [];
  if (parts.has('top'))
    branches.push(sql`
      select 'top' as part, c.id as key, c.name as name, x.referrals, x.clients, x.value,
             cast(null as numeric) as given,
             row_number() over (order by x.referrals desc, x.clients desc, c.name_key) as ord
        from (select * from g order by referrals desc, referrer_id limit ${topLimit}) x
        join contact c on c.practice_id = ${r.practiceId} and c.id = x.referrer_id`);
  if (parts.has('category'))
    // Per category first (a few dozen rows), then its name.
    branches.push(sql`
      select 'category' as part, cat.id as key, cat.name as name, x.referrals, x.clients,
             cast(null as numeric) as value, cast(null as numeric) as given,
             row_number() over (order by x.referrals desc, cat.name) as ord
        from (select c.category_id, sum(g.referrals) as referrals, sum(g.clients) as clients
                from g join contact c on c.practice_id = ${r.practiceId} and c.id = g.referrer_id
               group by c.category_id) x
        left join category cat on cat.practice_id = ${r.practiceId} and cat.id = x.category_id`);
  if (parts.has('role'))
    branches.push(sql`
      select 'role' as part, cr.role as key, cast(null as text) as name,
             sum(x.referrals) as referrals, sum(x.clients) as clients, cast(null as numeric) as value,
             cast(null as numeric) as given, row_number() over (order by sum(x.referrals) desc, cr.role) as ord
        from g x
        join contact_role cr on cr.practice_id = ${r.practiceId} and cr.contact_id = x.referrer_id
       group by cr.role`);
  const ctes = [
    sql`g as materialized (
      select referrer_id, count(*) as referrals,
             sum(case when status = 'client' then 1 else 0 end) as clients,
             sum(case when status = 'client' then coalesce(value_minor, 0) else 0 end) as value
        from ${referralVia(r, 'referral_by_referrer')}
       where ${inRange(r)} and referrer_id is not null
       group by referrer_id)`,
  ];
  if (parts.has('reciprocity')) {
    // Received and given per contact (every referrer, every partner), then only those at or
    // above the chart's last balance are looked up for their names and ordered. The chart
    // shows the most unbalanced partners; the full ledger is GET /reciprocity.
    ctes.push(sql`b as materialized (
      select contact_id, sum(received) as received, sum(given) as given
        from (select referrer_id as contact_id, referrals as received, 0 as given from g
              union all
              select partner_id, 0, count(*) from referral_given
               where ${inRange(r, 'given_at')} group by partner_id
              union all
              select contact_id, 0, 0 from contact_role
               where practice_id = ${r.practiceId} and role = 'partner') ex
       group by contact_id)`);
    const lastBalance = sql`(select received - given from b order by 1 desc
                              limit 1 offset ${reciprocityChartSize - 1})`;
    branches.push(sql`
      select * from (
      select 'reciprocity' as part, c.id as key, c.name as name, b.received as referrals,
             cast(null as numeric) as clients, cast(null as numeric) as value, b.given as given,
             row_number() over (order by b.received - b.given desc, c.name_key) as ord
        from b join contact c on c.practice_id = ${r.practiceId} and c.id = b.contact_id
       where b.received - b.given >= coalesce(${lastBalance}, b.received - b.given)) rec
       where rec.ord <= ${reciprocityChartSize}`);
  }
  if (branches.length === 0) return [];
  const res = await sql<ReferrerChartRow>`
    with ${sql.join(ctes)}
    ${sql.join(branches, sql` union all `)}`.execute(db);
  return res.rows;
}

export type MostWantedRow = { key: string; name: string; coverage: Num; target: Num | null };

/**
 * The most-wanted list with coverage (category.rules `coveringStageRank`) and each category's
 * own target; the effective target is category.rules `effectiveTarget`.
 */
export async function mostWantedCoverage(
  db: Queryable,
  practiceId: string,
): Promise<MostWantedRow[]> {
  const res = await sql<MostWantedRow>`
    select cat.id as key, cat.name as name,
           (select count(*) from contact c where c.practice_id = ${practiceId}
              and c.category_id = cat.id and c.stage_rank >= ${coveringStageRank}) as coverage,
           cat.target as target
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

/** Contacts reaching each stage, by local month of the change (the network's growth by stage). */
export async function networkGrowth(db: Queryable, r: Range): Promise<GrowthRow[]> {
  const count = (stage: string) => sql`sum(case when to_stage = ${stage} then 1 else 0 end)`;
  const res = await sql<GrowthRow>`
    select substr(${localDayOf(r, 'changed_at')}, 1, 7) as month,
           ${count('met')} as met, ${count('knows')} as knows, ${count('likes')} as likes,
           ${count('trusts')} as trusts, ${count('refers')} as refers
      from stage_change where ${inRange(r, 'changed_at')}
     group by 1 order by 1`.execute(db);
  return res.rows;
}
