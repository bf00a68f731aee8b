import { type Role, stageRank } from '../contacts/contact.rules.ts';
import { currentGoalOf } from '../goals/goal.service.ts';
import { daysBetween } from '../platform/calendar.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { createLimiter } from '../platform/limiter.ts';
import { findPractice, type PracticeRow } from '../practices/practice.repository.ts';
import { readSettings, type Settings } from '../practices/settings.rules.ts';
import type { Channel } from '../referrals/referral.rules.ts';
import { csvLine } from '../referrals/referral-export.rules.ts';
import * as q from './insight.repository.ts';
import {
  conversionOf,
  type DayRange,
  defaultRange,
  fillMonths,
  instantsOf,
  momentumOf,
  monthsOf,
  round1,
  yearEndingOn,
} from './insight.rules.ts';
import type {
  CsvQuery,
  InsightChart,
  InsightSection,
  Insights,
  InsightsQuery,
} from './insight.schemas.ts';
import { insightSections } from './insight.schemas.ts';

const n = (v: number | string | null | undefined): number => (v == null ? 0 : Number(v));
const nOrNull = (v: number | string | null | undefined): number | null =>
  v == null ? null : Number(v);
const topReferrersShown = 10;
/** Ten years: a range a person can read on one chart. */
const maxRangeDays = 3660;

type Ctx = {
  deps: Deps;
  actor: Actor;
  practice: PracticeRow;
  settings: Settings;
  days: DayRange;
  r: q.Range;
  /** Which of the per-referrer charts this request shows (they share one statement). */
  referrerParts: ReadonlySet<q.ReferrerPart>;
  /** Results shared by several charts of one request, each fetched once. */
  shared: Map<string, Promise<unknown>>;
};

const allReferrerParts: ReadonlySet<q.ReferrerPart> = new Set([
  'top',
  'category',
  'role',
  'reciprocity',
]);

function rangeOf(
  now: Date,
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
) {
  const to = query.to ?? defaultRange(now, timeZone).to;
  const from = query.from ?? yearEndingOn(to).from;
  if (from > to) throw fieldError('from', 'must be on or before to.');
  if (daysBetween(from, to) > maxRangeDays)
    throw fieldError('from', 'The range may span at most ten years.');
  return { from, to };
}

async function contextOf(
  deps: Deps,
  actor: Actor,
  query: CsvQuery,
  referrerParts: ReadonlySet<q.ReferrerPart> = allReferrerParts,
): Promise<Ctx> {
  const practice = await findPractice(deps.db, actor.practiceId);
  if (!practice) throw new AppError('not_found', 'The practice was not found.');
  const timeZone = practice.time_zone;
  const days = rangeOf(deps.clock.now(), query, timeZone);
  const instants = instantsOf(days, timeZone);
  return {
    deps,
    actor,
    practice,
    settings: readSettings(practice.settings),
    days,
    r: { practiceId: actor.practiceId, dialect: deps.dialect, timeZone, ...instants },
    referrerParts,
    shared: new Map(),
  };
}

function once<T>(ctx: Ctx, key: string, fetch: () => Promise<T>): Promise<T> {
  let p = ctx.shared.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fetch();
    ctx.shared.set(key, p);
  }
  return p;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Tally = { referrals: number; clients: number; value: number };

/**
 * The by-day counts (already grouped by month and weekday in SQL: at most 13 × 7 rows) added
 * up by one of the two: the same counts a `group by` of that dimension would give.
 */
async function daysBy<K extends string | number>(
  ctx: Ctx,
  dim: (row: q.DayRow) => K,
): Promise<Map<K, Tally>> {
  const rows = await once(ctx, 'days', () => q.referralsByDay(ctx.deps.db, ctx.r));
  const out = new Map<K, Tally>();
  for (const row of rows) {
    const t = out.get(dim(row)) ?? { referrals: 0, clients: 0, value: 0 };
    t.referrals += n(row.referrals);
    t.clients += n(row.clients);
    out.set(dim(row), t);
  }
  return out;
}

/**
 * Referrals by channel, and by source: the channel, with warm handoffs apart (§3.9). Queried
 * and folded once per request, for the two charts that show them.
 */
const channelTallies = (ctx: Ctx) =>
  once(ctx, 'channels', async () => foldChannels(await q.referralsByChannel(ctx.deps.db, ctx.r)));

function foldChannels(rows: readonly q.ChannelRow[]) {
  const byChannel = new Map<Channel, Tally>();
  const bySource = new Map<Channel | 'warm_handoff', Tally>();
  const warm: Tally = { referrals: 0, clients: 0, value: 0 };
  for (const row of rows) {
    const all = { referrals: n(row.referrals), clients: n(row.clients), value: n(row.value) };
    const handedOff = {
      referrals: n(row.warm),
      clients: n(row.warm_clients),
      value: n(row.warm_value),
    };
    byChannel.set(row.channel, all);
    if (all.referrals > handedOff.referrals)
      bySource.set(row.channel, {
        referrals: all.referrals - handedOff.referrals,
        clients: all.clients - handedOff.clients,
        value: all.value - handedOff.value,
      });
    warm.referrals += handedOff.referrals;
    warm.clients += handedOff.clients;
    warm.value += handedOff.value;
  }
  if (warm.referrals > 0) bySource.set('warm_handoff', warm);
  return { byChannel, bySource };
}

/** Most referrals first, then by key (byte order, as the databases order these ASCII keys). */
const mostFirst = <K extends string>(m: Map<K, Tally>) =>
  [...m].sort((a, b) => b[1].referrals - a[1].referrals || byText(a[0], b[0]));

async function referrerPart(ctx: Ctx, part: q.ReferrerPart) {
  const rows = await once(ctx, 'referrers', () =>
    q.referrerCharts(ctx.deps.db, ctx.r, ctx.referrerParts, topReferrersShown),
  );
  return rows.filter((x) => x.part === part).sort((a, b) => n(a.ord) - n(b.ord));
}

const ref = (id: string | null, name: string | null) => ({ id: id ?? '', name: name ?? '' });
const counted = (row: q.CountRow) => ({ referrals: n(row.referrals), clients: n(row.clients) });

/** Each chart, shaped for JSON: its own query, or folded from a query it shares. */
const charts = {
  byChannel: async (ctx: Ctx) =>
    mostFirst((await channelTallies(ctx)).byChannel).map(([channel, t]) => ({
      channel,
      referrals: t.referrals,
      clients: t.clients,
    })),
  byCircle: async ({ deps, r }: Ctx) =>
    (await q.referralsByCircle(deps.db, r)).map((x) => ({
      circle: ref(x.key, x.name),
      ...counted(x),
    })),
  topReferrers: async (ctx: Ctx) =>
    (await referrerPart(ctx, 'top')).map((x) => ({
      contact: ref(x.key, x.name),
      ...counted(x),
      value: n(x.value),
    })),
  byCategory: async (ctx: Ctx) =>
    (await referrerPart(ctx, 'category')).map((x) => ({
      category: x.key ? ref(x.key, x.name) : null,
      ...counted(x),
    })),
  byRole: async (ctx: Ctx) =>
    (await referrerPart(ctx, 'role')).map((x) => ({
      // contact_role.role holds only roles: it is written through ZRole.
      role: x.key as Role,
      ...counted(x),
      conversion: conversionOf(n(x.clients), n(x.referrals)),
    })),
  byTag: async ({ deps, r }: Ctx) =>
    (await q.referralsByTag(deps.db, r)).map((x) => ({ tag: x.key ?? '', ...counted(x) })),
  byMonth: async (ctx: Ctx) =>
    fillMonths(
      monthsOf(ctx.days),
      [...(await daysBy(ctx, (x) => x.month))]
        .sort((a, b) => byText(a[0], b[0]))
        .map(([month, t]) => ({ month, referrals: t.referrals, clients: t.clients })),
      (month) => ({ month, referrals: 0, clients: 0 }),
    ),
  byWeekday: async (ctx: Ctx) => {
    const byDay = await daysBy(ctx, (x) => n(x.weekday));
    // 0 = Sunday … 6 = Saturday, every day present.
    return [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      referrals: byDay.get(weekday)?.referrals ?? 0,
    }));
  },
  metToFirstReferral: async ({ deps, r }: Ctx) => {
    const m = await q.metToFirstReferral(deps.db, deps.dialect, r);
    return { median: round1(nOrNull(m.median)), count: n(m.n) };
  },
  askToReferral: async ({ deps, r }: Ctx) => {
    const m = await q.askToReferral(deps.db, deps.dialect, r);
    return { median: round1(nOrNull(m.median)), count: n(m.n) };
  },
  conversion: async (ctx: Ctx) => {
    const bySource = mostFirst((await channelTallies(ctx)).bySource).map(([source, t]) => ({
      source,
      referrals: t.referrals,
      clients: t.clients,
      conversion: conversionOf(t.clients, t.referrals),
      valueMinor: t.value,
    }));
    const total = bySource.reduce((a, s) => a + s.referrals, 0);
    const clients = bySource.reduce((a, s) => a + s.clients, 0);
    return { overall: conversionOf(clients, total), bySource };
  },
  responsiveness: async ({ deps, r, settings }: Ctx) => {
    const x = await q.responsiveness(
      deps.db,
      deps.dialect,
      r,
      settings.responseWindowHours * 60,
      deps.clock.now().toISOString(),
    );
    const due = n(x.window_due);
    const median = nOrNull(x.first_contact_median);
    return {
      medianMinutesToFirstContact: median === null ? null : Math.round(median),
      shareInsideWindow: due === 0 ? null : Math.round((n(x.inside_window) / due) * 1000) / 1000,
      thankLagHoursMedian: round1(nOrNull(x.thank_median)),
      updateLagHoursMedian: round1(nOrNull(x.update_median)),
    };
  },
  reciprocity: async (ctx: Ctx) =>
    (await referrerPart(ctx, 'reciprocity')).map((x) => ({
      partner: ref(x.key, x.name),
      received: n(x.referrals),
      given: n(x.given),
      balance: n(x.referrals) - n(x.given),
    })),
  mostWanted: async ({ deps, actor, settings }: Ctx) =>
    (
      await q.mostWantedCoverage(
        deps.db,
        actor.practiceId,
        settings.mostWantedTarget,
        stageRank('knows'),
      )
    ).map((x) => ({ category: ref(x.key, x.name), coverage: n(x.coverage), target: n(x.target) })),
  networkGrowth: async ({ deps, r, days }: Ctx) =>
    fillMonths(
      monthsOf(days),
      (await q.networkGrowth(deps.db, r)).map((x) => ({
        month: x.month,
        met: n(x.met),
        knows: n(x.knows),
        likes: n(x.likes),
        trusts: n(x.trusts),
        refers: n(x.refers),
      })),
      (month) => ({ month, met: 0, knows: 0, likes: 0, trusts: 0, refers: 0 }),
    ),
  momentum: async (ctx: Ctx) => {
    const perMonth = fillMonths(
      monthsOf(ctx.days),
      [...(await daysBy(ctx, (x) => x.month))]
        .sort((a, b) => byText(a[0], b[0]))
        .map(([month, t]) => ({ month, referrals: t.referrals })),
      (month) => ({ month, referrals: 0 }),
    );
    return { perMonth, ...momentumOf(perMonth.map((m) => m.referrals)) };
  },
  goal: async ({ deps, practice, actor }: Ctx) => currentGoalOf(deps, practice, actor.userId),
} satisfies Record<InsightChart, (ctx: Ctx) => Promise<unknown>>;

type ChartData<K extends InsightChart> = Awaited<ReturnType<(typeof charts)[K]>>;

/**
 * One insight computation at a time per server: its queries already run side by side (on
 * PostgreSQL) or serialise on the one connection (SQLite), and each holds memory while it runs.
 */
const insightsAtOnce = createLimiter(1);

/**
 * The insights of a range (§5): only the sections asked for. Charts sharing a scan of the
 * referrals share one query (fetched once per request); the rest run concurrently.
 */
export async function getInsights(
  deps: Deps,
  actor: Actor,
  query: InsightsQuery,
): Promise<Insights> {
  return insightsAtOnce(() => computeInsights(deps, actor, query));
}

async function computeInsights(deps: Deps, actor: Actor, query: InsightsQuery): Promise<Insights> {
  const wanted = new Set<InsightSection>(query.sections ?? insightSections);
  const parts = new Set<q.ReferrerPart>();
  if (wanted.has('who')) for (const p of ['top', 'category', 'role'] as const) parts.add(p);
  if (wanted.has('reciprocity')) parts.add('reciprocity');
  const ctx = await contextOf(deps, actor, query, parts);
  const out: Insights = { range: ctx.days };
  const jobs: Promise<void>[] = [];
  const run = <K extends InsightChart>(chart: K, put: (data: ChartData<K>) => void) => {
    jobs.push((charts[chart](ctx) as Promise<ChartData<K>>).then(put));
  };
  // The longest query first, so the others share the database's cores around it. (Sections
  // that finish asynchronously are put in place as they arrive, as before.)
  if (wanted.has('responsiveness'))
    run('responsiveness', (d) => {
      out.responsiveness = d;
    });
  if (wanted.has('where')) {
    const where = { byChannel: [], byCircle: [] } as NonNullable<Insights['where']>;
    out.where = where;
    run('byChannel', (d) => {
      where.byChannel = d;
    });
    run('byCircle', (d) => {
      where.byCircle = d;
    });
  }
  if (wanted.has('who')) {
    const who = { topReferrers: [], byCategory: [], byRole: [] } as NonNullable<Insights['who']>;
    out.who = who;
    run('topReferrers', (d) => {
      who.topReferrers = d;
    });
    run('byCategory', (d) => {
      who.byCategory = d;
    });
    run('byRole', (d) => {
      who.byRole = d;
    });
  }
  if (wanted.has('why')) {
    const why = { byTag: [] } as NonNullable<Insights['why']>;
    out.why = why;
    run('byTag', (d) => {
      why.byTag = d;
    });
  }
  if (wanted.has('when')) {
    const when = {
      byMonth: [],
      byWeekday: [],
      metToFirstReferralDays: { median: null, count: 0 },
      askToReferralDays: { median: null, count: 0 },
    } as NonNullable<Insights['when']>;
    out.when = when;
    run('byMonth', (d) => {
      when.byMonth = d;
    });
    run('byWeekday', (d) => {
      when.byWeekday = d;
    });
    run('metToFirstReferral', (d) => {
      when.metToFirstReferralDays = d;
    });
    run('askToReferral', (d) => {
      when.askToReferralDays = d;
    });
  }
  if (wanted.has('conversion'))
    run('conversion', (d) => {
      out.conversion = d;
    });
  if (wanted.has('reciprocity'))
    run('reciprocity', (d) => {
      out.reciprocity = d;
    });
  if (wanted.has('mostWanted'))
    run('mostWanted', (d) => {
      out.mostWanted = d;
    });
  if (wanted.has('networkGrowth'))
    run('networkGrowth', (d) => {
      out.networkGrowth = d;
    });
  if (wanted.has('momentum'))
    run('momentum', (d) => {
      out.momentum = d;
    });
  if (wanted.has('goal'))
    run('goal', (d) => {
      out.goal = d;
    });
  await Promise.all(jobs);
  return out;
}

const referrerPartOf: Partial<Record<InsightChart, q.ReferrerPart>> = {
  topReferrers: 'top',
  byCategory: 'category',
  byRole: 'role',
  reciprocity: 'reciprocity',
};

type Cell = string | number | boolean | null;
type Table = { columns: string[]; rows: Cell[][] };

const cell = (v: Cell): string => (v === null ? '' : String(v));

/** One chart's data as a table for CSV: a header and plain cells. */
async function tableOf(chart: InsightChart, ctx: Ctx): Promise<Table> {
  switch (chart) {
    case 'byChannel': {
      const d = await charts.byChannel(ctx);
      return {
        columns: ['channel', 'referrals', 'clients'],
        rows: d.map((x) => [x.channel, x.referrals, x.clients]),
      };
    }
    case 'byCircle': {
      const d = await charts.byCircle(ctx);
      return {
        columns: ['circle_id', 'circle', 'referrals', 'clients'],
        rows: d.map((x) => [x.circle.id, x.circle.name, x.referrals, x.clients]),
      };
    }
    case 'topReferrers': {
      const d = await charts.topReferrers(ctx);
      return {
        columns: ['contact_id', 'contact', 'referrals', 'clients', 'value_minor'],
        rows: d.map((x) => [x.contact.id, x.contact.name, x.referrals, x.clients, x.value]),
      };
    }
    case 'byCategory': {
      const d = await charts.byCategory(ctx);
      return {
        columns: ['category_id', 'category', 'referrals', 'clients'],
        rows: d.map((x) => [
          x.category?.id ?? null,
          x.category?.name ?? null,
          x.referrals,
          x.clients,
        ]),
      };
    }
    case 'byRole': {
      const d = await charts.byRole(ctx);
      return {
        columns: ['role', 'referrals', 'clients', 'conversion'],
        rows: d.map((x) => [x.role, x.referrals, x.clients, x.conversion]),
      };
    }
    case 'byTag': {
      const d = await charts.byTag(ctx);
      return {
        columns: ['tag', 'referrals', 'clients'],
        rows: d.map((x) => [x.tag, x.referrals, x.clients]),
      };
    }
    case 'byMonth': {
      const d = await charts.byMonth(ctx);
      return {
        columns: ['month', 'referrals', 'clients'],
        rows: d.map((x) => [x.month, x.referrals, x.clients]),
      };
    }
    case 'byWeekday': {
      const d = await charts.byWeekday(ctx);
      return { columns: ['weekday', 'referrals'], rows: d.map((x) => [x.weekday, x.referrals]) };
    }
    case 'metToFirstReferral':
    case 'askToReferral': {
      const d = await charts[chart](ctx);
      return { columns: ['median_days', 'count'], rows: [[d.median, d.count]] };
    }
    case 'conversion': {
      const d = await charts.conversion(ctx);
      return {
        columns: ['source', 'referrals', 'clients', 'conversion', 'value_minor'],
        rows: d.bySource.map((x) => [x.source, x.referrals, x.clients, x.conversion, x.valueMinor]),
      };
    }
    case 'responsiveness': {
      const d = await charts.responsiveness(ctx);
      return { columns: Object.keys(d), rows: [Object.values(d)] };
    }
    case 'reciprocity': {
      const d = await charts.reciprocity(ctx);
      return {
        columns: ['partner_id', 'partner', 'received', 'given', 'balance'],
        rows: d.map((x) => [x.partner.id, x.partner.name, x.received, x.given, x.balance]),
      };
    }
    case 'mostWanted': {
      const d = await charts.mostWanted(ctx);
      return {
        columns: ['category_id', 'category', 'coverage', 'target'],
        rows: d.map((x) => [x.category.id, x.category.name, x.coverage, x.target]),
      };
    }
    case 'networkGrowth': {
      const d = await charts.networkGrowth(ctx);
      return {
        columns: ['month', 'met', 'knows', 'likes', 'trusts', 'refers'],
        rows: d.map((x) => [x.month, x.met, x.knows, x.likes, x.trusts, x.refers]),
      };
    }
    case 'momentum': {
      const d = await charts.momentum(ctx);
      return {
        columns: ['month', 'referrals', 'trend_per_month', 'doubling_time_months'],
        rows: d.perMonth.map((x) => [x.month, x.referrals, d.trendPerMonth, d.doublingTimeMonths]),
      };
    }
    case 'goal': {
      const d = await charts.goal(ctx);
      const columns = [
        'year',
        'target_clients',
        'monthly_target',
        'conversion_rate',
        'conversion_source',
        'referrals_needed_per_month',
        'clients_this_year',
        'expected_by_today',
        'pace',
        'forecast_year_end',
        'percent_of_goal',
      ];
      return {
        columns,
        rows: d
          ? [
              [
                d.year,
                d.targetClients,
                d.monthlyTarget,
                d.conversion.rate,
                d.conversion.source,
                d.referralsNeededPerMonth,
                d.clientsThisYear,
                d.expectedByToday,
                d.pace,
                d.forecastYearEnd,
                d.percentOfGoal,
              ],
            ]
          : [],
      };
    }
  }
}

/** One chart's data as CSV (RFC 4180, spreadsheet-safe cells). */
export async function insightCsv(
  deps: Deps,
  actor: Actor,
  chart: InsightChart,
  query: CsvQuery,
): Promise<string> {
  const part = referrerPartOf[chart];
  const ctx = await contextOf(deps, actor, query, new Set(part ? [part] : []));
  const table = await tableOf(chart, ctx);
  return [table.columns, ...table.rows.map((row) => row.map(cell))]
    .map((cells) => csvLine(cells.map(String)))
    .join('');
}
