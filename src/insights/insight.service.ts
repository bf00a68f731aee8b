import { currentGoalOf } from '../goals/goal.service.ts';
import { effectiveTarget } from '../network/category.rules.ts';
import { dayRangeInstants, daysBetween } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { csvLine } from '../platform/csv.ts';
import type { Deps } from '../platform/deps.ts';
import { fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { createLimiter } from '../platform/limiter.ts';
import { loadPracticeContext, type PracticeContext } from '../practices/practice.service.ts';
import type { Settings } from '../practices/settings.rules.ts';
import { countOwedPartners } from '../referrals/reciprocity.service.ts';
import type { Channel } from '../referrals/referral.rules.ts';
import * as q from './insight.repository.ts';
import {
  completionOf,
  conversionOf,
  type DayRange,
  defaultRange,
  fillMonths,
  momentumOf,
  monthsOf,
  round1,
  warmHandoffExplanation,
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
  practice: PracticeContext;
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
  const practice = await loadPracticeContext(deps.db, actor.practiceId);
  const timeZone = practice.timeZone;
  const days = rangeOf(deps.clock.now(), query, timeZone);
  const instants = dayRangeInstants(days, timeZone);
  return {
    deps,
    actor,
    practice,
    settings: practice.settings,
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

async function referrerPart<P extends q.ReferrerPart>(ctx: Ctx, part: P) {
  const rows = await once(ctx, 'referrers', () =>
    q.referrerCharts(ctx.deps.db, ctx.r, ctx.referrerParts, topReferrersShown),
  );
  return rows
    .filter((x): x is q.ReferrerChartRow & { part: P } => x.part === part)
    .sort((a, b) => n(a.ord) - n(b.ord));
}

const ref = (id: string | null, name: string | null) => ({ id: id ?? '', name: name ?? '' });
const counted = (row: q.CountRow) => ({ referrals: n(row.referrals), clients: n(row.clients) });

type Cell = string | number | boolean | null;

/** The full answer with every section present: the slot each chart fills. */
type Answer = { [S in InsightSection]-?: Exclude<Insights[S], undefined> };
/** Sections holding several charts, each under its own key; the others are one chart each. */
type Grouped = 'where' | 'who' | 'why' | 'when';

type Spec<T> = {
  load: (ctx: Ctx) => Promise<T>;
  /** The CSV header, and the chart's data as rows of plain cells under it. */
  columns: readonly string[];
  rows: (data: T) => Cell[][];
  /** The per-referrer query this chart reads, so that its CSV asks for that part alone. */
  referrerPart?: q.ReferrerPart;
};

/** A chart as the registry keeps it: where it goes in the answer, how to load it and tabulate it. */
type Chart = {
  section: InsightSection;
  /** Its key inside a grouped section; absent when the chart is the whole section. */
  key?: string;
  referrerPart?: q.ReferrerPart;
  columns: readonly string[];
  load: (ctx: Ctx) => Promise<unknown>;
  rowsOf: (ctx: Ctx) => Promise<Cell[][]>;
};

function chartOf<T>(section: InsightSection, key: string | undefined, spec: Spec<T>): Chart {
  return {
    section,
    ...(key === undefined ? {} : { key }),
    ...(spec.referrerPart ? { referrerPart: spec.referrerPart } : {}),
    columns: spec.columns,
    load: spec.load,
    rowsOf: async (ctx) => spec.rows(await spec.load(ctx)),
  };
}

/** A chart that is a whole section of the answer; its data has the section's type. */
const whole = <S extends Exclude<InsightSection, Grouped>>(section: S, spec: Spec<Answer[S]>) =>
  chartOf(section, undefined, spec);

/** A chart under `key` in a grouped section; its data has that key's type. */
const inside = <S extends Grouped, K extends keyof Answer[S] & string>(
  section: S,
  key: K,
  spec: Spec<Answer[S][K]>,
) => chartOf(section, key, spec);

const median = (m: q.MedianRow) => ({ median: round1(nOrNull(m.median)), count: n(m.n) });
const medianColumns = ['median_days', 'count'];
const medianRows = (d: { median: number | null; count: number }): Cell[][] => [[d.median, d.count]];

const referralsByMonth = async (ctx: Ctx) =>
  [...(await daysBy(ctx, (x) => x.month))].sort((a, b) => byText(a[0], b[0]));

/**
 * Every chart (§5), one entry each: its place in the answer, its data and its CSV. The order
 * is the order they start in (the longest query first, so the others share the database's
 * cores around it) and the order of the keys inside a grouped section.
 */
export const insightChartRegistry = {
  responsiveness: whole('responsiveness', {
    load: async ({ deps, r, settings }) => {
      const x = await q.responsiveness(
        deps.db,
        deps.dialect,
        r,
        settings.responseWindowHours * 60,
        toTimestamp(deps.clock.now()),
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
    columns: [
      'medianMinutesToFirstContact',
      'shareInsideWindow',
      'thankLagHoursMedian',
      'updateLagHoursMedian',
    ],
    rows: (d) => [
      [
        d.medianMinutesToFirstContact,
        d.shareInsideWindow,
        d.thankLagHoursMedian,
        d.updateLagHoursMedian,
      ],
    ],
  }),
  byChannel: inside('where', 'byChannel', {
    load: async (ctx) =>
      mostFirst((await channelTallies(ctx)).byChannel).map(([channel, t]) => ({
        channel,
        referrals: t.referrals,
        clients: t.clients,
      })),
    columns: ['channel', 'referrals', 'clients'],
    rows: (d) => d.map((x) => [x.channel, x.referrals, x.clients]),
  }),
  byCircle: inside('where', 'byCircle', {
    load: async ({ deps, r }) =>
      (await q.referralsByCircle(deps.db, r)).map((x) => ({
        circle: ref(x.key, x.name),
        ...counted(x),
      })),
    columns: ['circle_id', 'circle', 'referrals', 'clients'],
    rows: (d) => d.map((x) => [x.circle.id, x.circle.name, x.referrals, x.clients]),
  }),
  topReferrers: inside('who', 'topReferrers', {
    referrerPart: 'top',
    load: async (ctx) =>
      (await referrerPart(ctx, 'top')).map((x) => ({
        contact: ref(x.key, x.name),
        ...counted(x),
        value: n(x.value),
      })),
    columns: ['contact_id', 'contact', 'referrals', 'clients', 'value_minor'],
    rows: (d) => d.map((x) => [x.contact.id, x.contact.name, x.referrals, x.clients, x.value]),
  }),
  byCategory: inside('who', 'byCategory', {
    referrerPart: 'category',
    load: async (ctx) =>
      (await referrerPart(ctx, 'category')).map((x) => ({
        category: x.key ? ref(x.key, x.name) : null,
        ...counted(x),
      })),
    columns: ['category_id', 'category', 'referrals', 'clients'],
    rows: (d) =>
      d.map((x) => [x.category?.id ?? null, x.category?.name ?? null, x.referrals, x.clients]),
  }),
  byRole: inside('who', 'byRole', {
    referrerPart: 'role',
    load: async (ctx) =>
      (await referrerPart(ctx, 'role')).map((x) => ({
        role: x.key,
        ...counted(x),
        conversion: conversionOf(n(x.clients), n(x.referrals)),
      })),
    columns: ['role', 'referrals', 'clients', 'conversion'],
    rows: (d) => d.map((x) => [x.role, x.referrals, x.clients, x.conversion]),
  }),
  byTag: inside('why', 'byTag', {
    load: async ({ deps, r }) =>
      (await q.referralsByTag(deps.db, r)).map((x) => ({ tag: x.key ?? '', ...counted(x) })),
    columns: ['tag', 'referrals', 'clients'],
    rows: (d) => d.map((x) => [x.tag, x.referrals, x.clients]),
  }),
  byMonth: inside('when', 'byMonth', {
    load: async (ctx) =>
      fillMonths(
        monthsOf(ctx.days),
        (await referralsByMonth(ctx)).map(([month, t]) => ({
          month,
          referrals: t.referrals,
          clients: t.clients,
        })),
        (month) => ({ month, referrals: 0, clients: 0 }),
      ),
    columns: ['month', 'referrals', 'clients'],
    rows: (d) => d.map((x) => [x.month, x.referrals, x.clients]),
  }),
  byWeekday: inside('when', 'byWeekday', {
    load: async (ctx) => {
      const byDay = await daysBy(ctx, (x) => n(x.weekday));
      // 0 = Sunday … 6 = Saturday, every day present.
      return [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        weekday,
        referrals: byDay.get(weekday)?.referrals ?? 0,
      }));
    },
    columns: ['weekday', 'referrals'],
    rows: (d) => d.map((x) => [x.weekday, x.referrals]),
  }),
  metToFirstReferral: inside('when', 'metToFirstReferralDays', {
    load: async ({ deps, r }) => median(await q.metToFirstReferral(deps.db, deps.dialect, r)),
    columns: medianColumns,
    rows: medianRows,
  }),
  askToReferral: inside('when', 'askToReferralDays', {
    load: async ({ deps, r }) => median(await q.askToReferral(deps.db, deps.dialect, r)),
    columns: medianColumns,
    rows: medianRows,
  }),
  conversion: whole('conversion', {
    load: async (ctx) => {
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
    columns: ['source', 'referrals', 'clients', 'conversion', 'value_minor'],
    rows: (d) =>
      d.bySource.map((x) => [x.source, x.referrals, x.clients, x.conversion, x.valueMinor]),
  }),
  reciprocity: whole('reciprocity', {
    referrerPart: 'reciprocity',
    // The bars are the range's balances; "owed" is the ledger's (reciprocity.rules `isOwed`,
    // all time), so Insights and the reciprocity page say the same number.
    load: async (ctx) => {
      const threshold = ctx.settings.giveBackThreshold;
      const [rows, owed] = await Promise.all([
        referrerPart(ctx, 'reciprocity'),
        countOwedPartners(ctx.deps, ctx.actor.practiceId, threshold),
      ]);
      const partners = rows.map((x) => ({
        partner: ref(x.key, x.name),
        received: n(x.referrals),
        given: n(x.given),
        balance: n(x.referrals) - n(x.given),
      }));
      return { partners, owed, threshold };
    },
    columns: ['partner_id', 'partner', 'received', 'given', 'balance'],
    rows: (d) =>
      d.partners.map((x) => [x.partner.id, x.partner.name, x.received, x.given, x.balance]),
  }),
  mostWanted: whole('mostWanted', {
    load: async ({ deps, actor, settings }) =>
      (await q.mostWantedCoverage(deps.db, actor.practiceId)).map((x) => ({
        category: ref(x.key, x.name),
        coverage: n(x.coverage),
        target: effectiveTarget(x.target === null ? null : n(x.target), settings.mostWantedTarget),
      })),
    columns: ['category_id', 'category', 'coverage', 'target'],
    rows: (d) => d.map((x) => [x.category.id, x.category.name, x.coverage, x.target]),
  }),
  networkGrowth: whole('networkGrowth', {
    load: async ({ deps, r, days }) =>
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
    columns: ['month', 'met', 'knows', 'likes', 'trusts', 'refers'],
    rows: (d) => d.map((x) => [x.month, x.met, x.knows, x.likes, x.trusts, x.refers]),
  }),
  momentum: whole('momentum', {
    load: async (ctx) => {
      const perMonth = fillMonths(
        monthsOf(ctx.days),
        (await referralsByMonth(ctx)).map(([month, t]) => ({ month, referrals: t.referrals })),
        (month) => ({ month, referrals: 0 }),
      );
      return { perMonth, ...momentumOf(perMonth.map((m) => m.referrals)) };
    },
    columns: ['month', 'referrals', 'trend_per_month', 'doubling_time_months'],
    rows: (d) =>
      d.perMonth.map((x) => [x.month, x.referrals, d.trendPerMonth, d.doublingTimeMonths]),
  }),
  goal: whole('goal', {
    load: async ({ deps, practice, actor }) => currentGoalOf(deps, practice, actor.userId),
    columns: [
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
    ],
    rows: (d) =>
      d
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
  }),
  warmHandoff: whole('warmHandoff', {
    load: async ({ deps, r }) => {
      const x = await q.completion(deps.db, r);
      return {
        ...completionOf({
          contacted: n(x.contacted),
          clients: n(x.clients),
          warmContacted: n(x.warm_contacted),
          warmClients: n(x.warm_clients),
        }),
        explanation: warmHandoffExplanation,
      };
    },
    columns: ['group', 'contacted', 'clients', 'rate'],
    rows: (d) => d.groups.map((g) => [g.group, g.contacted, g.clients, g.rate]),
  }),
} satisfies Record<InsightChart, Chart>;

const registered: readonly Chart[] = Object.values(insightChartRegistry);

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
  const charts = registered.filter((chart) => wanted.has(chart.section));
  const parts = new Set(charts.flatMap((chart) => chart.referrerPart ?? []));
  const ctx = await contextOf(deps, actor, query, parts);
  const data = await Promise.all(charts.map((chart) => chart.load(ctx)));
  const sections = new Map<InsightSection, unknown>();
  charts.forEach((chart, i) => {
    if (chart.key === undefined) sections.set(chart.section, data[i]);
    else {
      const group = (sections.get(chart.section) ?? {}) as Record<string, unknown>;
      sections.set(chart.section, { ...group, [chart.key]: data[i] });
    }
  });
  // whole() and inside() type each chart's data as its slot in Insights, so the pieces fit.
  return Object.fromEntries([
    ['range', ctx.days],
    ...insightSections.filter((s) => sections.has(s)).map((s) => [s, sections.get(s)]),
  ]) as Insights;
}

const cell = (v: Cell): string => (v === null ? '' : String(v));

/** One chart's data as CSV (RFC 4180, spreadsheet-safe cells). */
export async function insightCsv(
  deps: Deps,
  actor: Actor,
  chart: InsightChart,
  query: CsvQuery,
): Promise<string> {
  const entry: Chart = insightChartRegistry[chart];
  const part = entry.referrerPart;
  const ctx = await contextOf(deps, actor, query, new Set(part ? [part] : []));
  const rows = await entry.rowsOf(ctx);
  return [entry.columns, ...rows.map((row) => row.map(cell))]
    .map((cells) => csvLine(cells.map(String)))
    .join('');
}
