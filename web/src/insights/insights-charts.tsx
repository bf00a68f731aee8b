import { Anchor, SimpleGrid, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type Channel,
  type InsightChart,
  type InsightRange,
  type Insights,
  STAGES,
} from '../api/types';
import { DataTable } from '../components/data-table';
import { formatDuration, formatMoney } from '../format';
import { CHANNEL_ARRIVALS, CHANNEL_LABELS, ROLE_LABELS, STAGE_LABELS } from '../labels';
import { owedSentence } from '../network/owed';
import { CHART_COLORS, ChartCard, monthLabel, pct } from './chart-card';
import { EMPTY_CHART, emptyUnless, hasData } from './empty-states';
import { insightCsvUrl } from './use-insights';

type Props = { data: Insights; range: InsightRange; currency: string };

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SOURCE_LABELS: Record<Channel | 'warm_handoff', string> = {
  ...CHANNEL_LABELS,
  warm_handoff: 'Warm introduction',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function maxBy<T>(rows: readonly T[], value: (row: T) => number): T | undefined {
  return rows.reduce<T | undefined>(
    (best, row) => (!best || value(row) > value(best) ? row : best),
    undefined,
  );
}

function useCategoryWidth(): number {
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return isPhone ? 96 : 170;
}

function csv(chart: InsightChart, range: InsightRange): string {
  return insightCsvUrl(chart, range);
}

const rowsHeight = (n: number) => Math.max(160, n * 30 + 60);

/**
 * Named rows as horizontal bars: the grid, the number axis, the names (shortened to fit) and the
 * tooltip every such chart shares; the bars are the children.
 */
function HorizontalBars({
  rows,
  children,
  legend = false,
  numberAxis,
  labelWidth,
  right = 16,
}: {
  rows: readonly { name: string }[];
  children: ReactNode;
  legend?: boolean;
  numberAxis?: { unit?: string; domain?: [number, number] };
  labelWidth?: number;
  right?: number;
}) {
  const fitted = useCategoryWidth();
  const width = labelWidth ?? fitted;
  return (
    <BarChart data={[...rows]} layout="vertical" margin={{ top: 4, right, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} {...numberAxis} />
      <YAxis
        type="category"
        dataKey="name"
        width={width}
        interval={0}
        tick={{ fontSize: 12 }}
        tickFormatter={(name: string) => short(name, Math.round(width / 7))}
      />
      <Tooltip />
      {legend ? <Legend /> : null}
      {children}
    </BarChart>
  );
}

/** A horizontal bar chart of named rows: referrals, and clients when known. */
function NamedBars({
  rows,
  withClients = true,
}: {
  rows: { name: string; referrals: number; clients?: number }[];
  withClients?: boolean;
}) {
  return (
    <HorizontalBars rows={rows} legend>
      <Bar
        dataKey="referrals"
        name="Referrals"
        fill={CHART_COLORS.primary}
        isAnimationActive={false}
      />
      {withClients ? (
        <Bar
          dataKey="clients"
          name="Became clients"
          fill={CHART_COLORS.secondary}
          isAnimationActive={false}
        />
      ) : null}
    </HorizontalBars>
  );
}

// ——— Where ———

export function WhereCharts({ data, range }: Props) {
  const where = data.where;
  if (!where) return null;
  const channels = where.byChannel.map((r) => ({
    ...r,
    name: CHANNEL_LABELS[r.channel] ?? r.channel,
  }));
  const circles = where.byCircle.map((r) => ({ ...r, name: r.circle?.name ?? 'No circle' }));
  const topChannel = maxBy(channels, (r) => r.referrals);
  const topCircle = maxBy(circles, (r) => r.referrals);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard
        id="by-channel"
        empty={emptyUnless(hasData(channels, 'referrals'), EMPTY_CHART.referrals)}
        title="Referrals by channel"
        csvUrl={csv('byChannel', range)}
        height={rowsHeight(channels.length)}
        summary={
          topChannel
            ? `Most referrals ${CHANNEL_ARRIVALS[topChannel.channel]}: ${topChannel.referrals}, of whom ${topChannel.clients} became clients.`
            : 'No referrals in this range.'
        }
      >
        <NamedBars rows={channels} />
      </ChartCard>
      <ChartCard
        id="by-circle"
        empty={emptyUnless(hasData(circles, 'referrals'), EMPTY_CHART.byCircle)}
        title="Referrals by circle"
        csvUrl={csv('byCircle', range)}
        height={rowsHeight(circles.length)}
        summary={
          topCircle
            ? `The circle that brought the most referrals: ${topCircle.name} (${topCircle.referrals}, ${topCircle.clients} clients).`
            : 'No referrals from people in your circles in this range.'
        }
      >
        <NamedBars rows={circles} />
      </ChartCard>
    </SimpleGrid>
  );
}

// ——— Who ———

export function WhoCharts({ data, range, currency }: Props) {
  const who = data.who;
  if (!who) return null;
  const categories = who.byCategory.map((r) => ({ ...r, name: r.category?.name ?? 'No category' }));
  const roles = who.byRole.map((r) => ({
    ...r,
    name: r.role ? ROLE_LABELS[r.role] : 'No role',
    group: r.role ? `${ROLE_LABELS[r.role]}s` : 'People without a role',
    conversionPercent: Math.round(r.conversion * 100),
  }));
  // Only what the bars draw: recharts copies each row's fields onto its SVG shapes, so a
  // `role` field would become an ARIA role attribute ("client") on every bar.
  const roleBars = roles.map((r) => ({
    name: r.name,
    referrals: r.referrals,
    clients: r.clients,
    conversionPercent: r.conversionPercent,
  }));
  const mostReferrals = maxBy(roles, (r) => r.referrals);
  const bestConversion = maxBy(
    roles.filter((r) => r.referrals >= 3),
    (r) => r.conversion,
  );
  const clients = roles.find((r) => r.role === 'client');
  const roleSummary = mostReferrals
    ? [
        `${mostReferrals.group} sent the most referrals (${mostReferrals.referrals}).`,
        bestConversion
          ? `${bestConversion.group}’ referrals became clients most often (${pct(bestConversion.conversion)}).`
          : '',
        clients
          ? `Clients sent ${clients.referrals} (${pct(clients.conversion)} became clients) — ${
              mostReferrals.role === 'client'
                ? 'your clients are your biggest source.'
                : 'clients are not your biggest source.'
            }`
          : 'Clients sent none in this range: they are not always the best source.',
      ]
        .filter(Boolean)
        .join(' ')
    : 'No referrals in this range.';
  const topCategory = maxBy(
    categories.filter((c) => c.category),
    (r) => r.referrals,
  );
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard
        id="by-role"
        empty={emptyUnless(hasData(roleBars, 'referrals'), EMPTY_CHART.referrals)}
        title="By role, with conversion"
        csvUrl={csv('byRole', range)}
        height={300}
        summary={roleSummary}
      >
        <ComposedChart data={roleBars} margin={{ top: 8, right: 0, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
          <YAxis yAxisId="n" allowDecimals={false} />
          <YAxis yAxisId="p" orientation="right" unit="%" domain={[0, 100]} width={44} />
          <Tooltip />
          <Legend />
          <Bar
            yAxisId="n"
            dataKey="referrals"
            name="Referrals"
            fill={CHART_COLORS.primary}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="n"
            dataKey="clients"
            name="Became clients"
            fill={CHART_COLORS.secondary}
            isAnimationActive={false}
          />
          <Line
            yAxisId="p"
            dataKey="conversionPercent"
            name="Conversion %"
            stroke={CHART_COLORS.accent}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartCard>
      <ChartCard
        id="by-category"
        empty={emptyUnless(hasData(categories, 'referrals'), EMPTY_CHART.byCategory)}
        title="By category"
        csvUrl={csv('byCategory', range)}
        height={rowsHeight(categories.length)}
        summary={
          topCategory
            ? `Among categories, ${topCategory.name} referred the most (${topCategory.referrals}, ${topCategory.clients} clients).`
            : 'No referrals from categorised contacts in this range.'
        }
      >
        <NamedBars rows={categories} />
      </ChartCard>
      <ChartCard
        id="top-referrers"
        title="Top referrers"
        csvUrl={csv('topReferrers', range)}
        isChart={false}
        summary={
          who.topReferrers.length === 0
            ? 'Who referred the most in this range, and what their referrals became.'
            : `The ${who.topReferrers.length === 1 ? 'one person' : `${who.topReferrers.length} people`} who referred the most in this range, and what their referrals became.`
        }
      >
        {who.topReferrers.length === 0 ? (
          <Text c="dimmed">Nobody referred anyone in this range.</Text>
        ) : (
          <DataTable
            minWidth={360}
            striped
            verticalSpacing={6}
            columns={[
              'Referrer',
              { label: 'Referrals', align: 'right' },
              { label: 'Clients', align: 'right' },
              { label: 'Value', align: 'right' },
            ]}
          >
            {who.topReferrers.map((r) => (
              <Table.Tr key={r.contact.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${r.contact.id}`}>
                    {r.contact.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">{r.referrals}</Table.Td>
                <Table.Td ta="right">{r.clients}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.value, currency)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </ChartCard>
      <WhyChart data={data} range={range} currency={currency} />
    </SimpleGrid>
  );
}

function WhyChart({ data, range }: Props) {
  const tags = (data.why?.byTag ?? []).map((r) => ({ ...r, name: r.tag }));
  const top = tags[0];
  return (
    <ChartCard
      id="by-tag"
      empty={emptyUnless(hasData(tags, 'referrals'), EMPTY_CHART.byTag)}
      title="Why: by need or tag"
      csvUrl={csv('byTag', range)}
      height={rowsHeight(tags.length)}
      summary={
        top
          ? `The need people were referred for most often: “${top.name}” (${plural(top.referrals, 'referral')}).`
          : 'No tagged referrals in this range.'
      }
    >
      <NamedBars rows={tags} withClients={tags.some((t) => t.clients !== undefined)} />
    </ChartCard>
  );
}

// ——— When ———

export function WhenCharts({ data, range }: Props) {
  const when = data.when;
  if (!when) return null;
  const months = when.byMonth.map((r) => ({ ...r, name: monthLabel(r.month) }));
  const weekdays = when.byWeekday.map((r) => ({
    ...r,
    name: WEEKDAYS[r.weekday]?.slice(0, 3) ?? '',
  }));
  const busiestMonth = maxBy(months, (r) => r.referrals);
  const busiestDay = maxBy(when.byWeekday, (r) => r.referrals);
  const days = (d: { median: number | null; count: number }, what: string) =>
    d.median === null
      ? `Not enough data: no ${what} in this range.`
      : `Median ${d.median.toLocaleString(undefined, { maximumFractionDigits: 1 })} days, over ${plural(d.count, what)}.`;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard
        id="by-month"
        empty={emptyUnless(hasData(months, 'referrals', 'clients'), EMPTY_CHART.referrals)}
        title="Referrals and clients by month"
        csvUrl={csv('byMonth', range)}
        height={280}
        summary={
          busiestMonth
            ? `${months.reduce((s, r) => s + r.referrals, 0)} referrals and ${months.reduce((s, r) => s + r.clients, 0)} clients over ${months.length} months; the busiest month was ${busiestMonth.name} (${busiestMonth.referrals}).`
            : 'No months in this range.'
        }
      >
        <ComposedChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar
            dataKey="referrals"
            name="Referrals"
            fill={CHART_COLORS.primary}
            isAnimationActive={false}
          />
          <Line
            dataKey="clients"
            name="Became clients"
            stroke={CHART_COLORS.secondary}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ChartCard>
      <ChartCard
        id="by-weekday"
        empty={emptyUnless(hasData(weekdays, 'referrals'), EMPTY_CHART.referrals)}
        title="Referrals by weekday"
        csvUrl={csv('byWeekday', range)}
        height={240}
        summary={
          busiestDay
            ? `Most referrals arrive on ${WEEKDAYS[busiestDay.weekday]} (${busiestDay.referrals}).`
            : 'No referrals in this range.'
        }
      >
        <BarChart data={weekdays} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar
            dataKey="referrals"
            name="Referrals"
            fill={CHART_COLORS.primary}
            isAnimationActive={false}
          />
        </BarChart>
      </ChartCard>
      <ChartCard
        id="met-to-referral"
        title="From meeting someone to their first referral"
        csvUrl={csv('metToFirstReferral', range)}
        isChart={false}
        summary="How long relationships take to bear fruit: from the first record of a person to the first referral they send."
      >
        <BigNumber
          value={when.metToFirstReferralDays.median}
          unit="days"
          detail={days(when.metToFirstReferralDays, 'referrer')}
        />
      </ChartCard>
      <ChartCard
        id="ask-to-referral"
        title="From asking to the referral"
        csvUrl={csv('askToReferral', range)}
        isChart={false}
        summary="From the latest ask to the referrer, to each referral that followed it."
      >
        <BigNumber
          value={when.askToReferralDays.median}
          unit="days"
          detail={days(when.askToReferralDays, 'referral after an ask')}
        />
      </ChartCard>
    </SimpleGrid>
  );
}

function BigNumber({
  value,
  unit,
  detail,
}: {
  value: number | null;
  unit: string;
  detail: string;
}) {
  return (
    <>
      <Text fz={34} fw={700} lh={1.1}>
        {value === null ? '—' : value.toLocaleString(undefined, { maximumFractionDigits: 1 })}{' '}
        <Text span fz="lg" fw={500} c="dimmed">
          {unit}
        </Text>
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {detail}
      </Text>
    </>
  );
}

// ——— Conversion and responsiveness ———

export function ConversionCharts({ data, range, currency }: Props) {
  const conv = data.conversion;
  const resp = data.responsiveness;
  const sources = (conv?.bySource ?? []).map((r) => ({
    ...r,
    name: SOURCE_LABELS[r.source] ?? r.source,
    conversionPercent: Math.round(r.conversion * 100),
  }));
  const best = maxBy(
    sources.filter((s) => s.referrals >= 3),
    (s) => s.conversion,
  );
  const valued = maxBy(sources, (s) => s.valueMinor);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {conv ? (
        <ChartCard
          id="conversion"
          empty={emptyUnless(hasData(sources, 'referrals'), EMPTY_CHART.referrals)}
          title="Conversion and value by source"
          csvUrl={csv('conversion', range)}
          height={rowsHeight(sources.length)}
          summary={`Overall ${pct(conv.overall)} of referrals became clients.${best ? ` Best source: ${best.name} (${pct(best.conversion)}).` : ''}${valued && valued.valueMinor > 0 ? ` Most value: ${valued.name} (${formatMoney(valued.valueMinor, currency)}).` : ''}`}
          footer={
            <DataTable
              minWidth={320}
              mt="sm"
              verticalSpacing={4}
              fz="sm"
              columns={[
                'Source',
                { label: 'Clients', align: 'right' },
                { label: 'Value', align: 'right' },
              ]}
            >
              {sources.map((s) => (
                <Table.Tr key={s.source}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td ta="right">
                    {s.clients} of {s.referrals}
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(s.valueMinor, currency)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          }
        >
          <HorizontalBars
            rows={sources}
            labelWidth={120}
            right={24}
            numberAxis={{ unit: '%', domain: [0, 100] }}
          >
            <Bar dataKey="conversionPercent" name="Conversion %" isAnimationActive={false}>
              {sources.map((s) => (
                <Cell
                  key={s.source}
                  fill={s.source === 'warm_handoff' ? CHART_COLORS.accent : CHART_COLORS.primary}
                />
              ))}
            </Bar>
          </HorizontalBars>
        </ChartCard>
      ) : null}
      {resp ? (
        <ChartCard
          id="responsiveness"
          title="Responsiveness"
          csvUrl={csv('responsiveness', range)}
          isChart={false}
          summary="How fast you call a new referral, and how soon referrers hear from you."
        >
          <SimpleGrid cols={2} spacing="md">
            <Figure
              label="Median time to first contact"
              value={
                resp.medianMinutesToFirstContact === null
                  ? '—'
                  : formatDuration(resp.medianMinutesToFirstContact)
              }
            />
            <Figure
              label="Contacted inside the response window"
              value={pct(resp.shareInsideWindow)}
            />
            <Figure
              label="Median thank-you lag"
              value={
                resp.thankLagHoursMedian === null
                  ? '—'
                  : formatDuration(resp.thankLagHoursMedian * 60)
              }
            />
            <Figure
              label="Median update lag"
              value={
                resp.updateLagHoursMedian === null
                  ? '—'
                  : formatDuration(resp.updateLagHoursMedian * 60)
              }
            />
          </SimpleGrid>
        </ChartCard>
      ) : null}
    </SimpleGrid>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text fz={26} fw={700} lh={1.1}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </div>
  );
}

// ——— Network: reciprocity, most-wanted, growth ———

export function NetworkCharts({ data, range }: Props) {
  const reciprocity = [...(data.reciprocity?.partners ?? [])]
    .filter((r) => r.received + r.given > 0)
    .sort((a, b) => Math.abs(b.balance) - Math.abs(a.balance))
    .slice(0, 12)
    .map((r) => ({ ...r, name: r.partner.name }));
  // Owed as the reciprocity ledger says it (all time, at the give-back threshold).
  const owed = data.reciprocity?.owed ?? 0;
  const wanted = (data.mostWanted ?? []).map((r) => ({ ...r, name: r.category.name }));
  const under = wanted.filter((w) => w.coverage < w.target);
  const growth = (data.networkGrowth ?? []).map((r) => ({ ...r, name: monthLabel(r.month) }));
  const added = growth.reduce((s, r) => s + STAGES.reduce((t, st) => t + r[st], 0), 0);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {data.reciprocity ? (
        <ChartCard
          id="reciprocity"
          empty={emptyUnless(reciprocity.length > 0, EMPTY_CHART.reciprocity)}
          title="Reciprocity balance"
          csvUrl={csv('reciprocity', range)}
          height={rowsHeight(reciprocity.length)}
          summary={
            reciprocity.length
              ? `Received minus given in this range, for the ${reciprocity.length} most unbalanced relationships. ${owedSentence(owed)}`
              : 'No referrals exchanged in this range.'
          }
        >
          <HorizontalBars rows={reciprocity}>
            <ReferenceLine x={0} stroke={CHART_COLORS.muted} />
            <Bar dataKey="balance" name="Received − given" isAnimationActive={false}>
              {reciprocity.map((r) => (
                <Cell
                  key={r.partner.id}
                  fill={r.balance > 0 ? CHART_COLORS.accent : CHART_COLORS.secondary}
                />
              ))}
            </Bar>
          </HorizontalBars>
        </ChartCard>
      ) : null}
      {data.mostWanted ? (
        <ChartCard
          id="most-wanted"
          empty={emptyUnless(wanted.length > 0, EMPTY_CHART.mostWanted)}
          title="Most-wanted coverage"
          csvUrl={csv('mostWanted', range)}
          height={rowsHeight(wanted.length)}
          summary={
            wanted.length === 0
              ? 'No most-wanted categories yet: list the kinds of people you want to know.'
              : under.length
                ? `Under target: ${under.map((u) => `${u.name} (${u.coverage} of ${u.target})`).join(', ')}.`
                : `All ${wanted.length} most-wanted categories are at or above target.`
          }
        >
          <HorizontalBars rows={wanted} legend>
            <Bar
              dataKey="coverage"
              name="Relationships (knows or above)"
              fill={CHART_COLORS.primary}
              isAnimationActive={false}
            />
            <Bar
              dataKey="target"
              name="Target"
              fill={CHART_COLORS.muted}
              isAnimationActive={false}
            />
          </HorizontalBars>
        </ChartCard>
      ) : null}
      {data.networkGrowth ? (
        <ChartCard
          id="network-growth"
          empty={emptyUnless(added > 0, EMPTY_CHART.networkGrowth)}
          title="Network growth by stage"
          csvUrl={csv('networkGrowth', range)}
          height={300}
          summary={`Relationships recorded at each stage per month: ${added} stage records over ${growth.length} months, from met to refers.`}
        >
          <AreaChart data={growth} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {STAGES.map((stage, i) => (
              <Area
                key={stage}
                type="monotone"
                dataKey={stage}
                name={STAGE_LABELS[stage]}
                stackId="stages"
                stroke={CHART_COLORS.stages[i]}
                fill={CHART_COLORS.stages[i]}
                fillOpacity={0.85}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ChartCard>
      ) : null}
    </SimpleGrid>
  );
}

// ——— Momentum ———

/** Least-squares line through the months, for the chart's trend. */
function trendLine(values: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) return [...values];
  const xs = values.map((_, i) => i);
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + v, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * ((values[i] ?? 0) - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return xs.map((x) => Math.max(0, Math.round((my + slope * (x - mx)) * 10) / 10));
}

export function MomentumChart({ data, range }: Props) {
  const m = data.momentum;
  if (!m) return null;
  const trend = trendLine(m.perMonth.map((r) => r.referrals));
  const rows = m.perMonth.map((r, i) => ({ ...r, name: monthLabel(r.month), trend: trend[i] }));
  const slope = m.trendPerMonth;
  const summary = [
    slope === null
      ? 'Not enough months for a trend.'
      : `Referrals per month are ${slope >= 0 ? 'rising' : 'falling'} by about ${Math.abs(slope).toLocaleString(undefined, { maximumFractionDigits: 2 })} a month.`,
    m.doublingTimeMonths !== null
      ? `At this rate they double every ${m.doublingTimeMonths.toLocaleString(undefined, { maximumFractionDigits: 1 })} months — slow, then exponential.`
      : 'No doubling yet: keep asking, thanking and giving back until the curve tips.',
  ].join(' ');
  return (
    <ChartCard
      id="momentum"
      empty={emptyUnless(hasData(rows, 'referrals'), EMPTY_CHART.momentum)}
      title="Momentum"
      csvUrl={csv('momentum', range)}
      height={300}
      summary={summary}
    >
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Line
          dataKey="referrals"
          name="Referrals per month"
          stroke={CHART_COLORS.primary}
          strokeWidth={3}
          isAnimationActive={false}
        />
        <Line
          dataKey="trend"
          name="Trend"
          stroke={CHART_COLORS.accent}
          strokeDasharray="6 4"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartCard>
  );
}
