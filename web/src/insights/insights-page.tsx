import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { InsightRange, Insights } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { PACE_COLORS, PACE_LABELS } from '../goals/goals-page';
import { ChartCard } from './chart-card';
import {
  ConversionCharts,
  MomentumChart,
  NetworkCharts,
  WhenCharts,
  WhereCharts,
  WhoCharts,
} from './insights-charts';
import { ReferralLinksCard } from './referral-links-card';
import { insightCsvUrl, useInsights } from './use-insights';
import { WarmHandoffCard } from './warm-handoff-card';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The same default as the API: the last 12 months, ending today (UTC days). */
function lastMonths(months: number): InsightRange {
  const to = new Date();
  const from = new Date(to);
  from.setUTCMonth(from.getUTCMonth() - months);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: isoDay(from), to: isoDay(to) };
}

const PRESETS: { label: string; range: () => InsightRange }[] = [
  { label: 'Last 12 months', range: () => lastMonths(12) },
  { label: 'Last 24 months', range: () => lastMonths(24) },
  {
    label: 'This year',
    range: () => ({ from: `${new Date().getUTCFullYear()}-01-01`, to: isoDay(new Date()) }),
  },
];

export function InsightsPage() {
  const me = useMe();
  const currency = me.data?.practice.settings.currency ?? 'USD';
  const [params, setParams] = useSearchParams();
  const fallback = lastMonths(12);
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const from = DAY.test(fromParam) ? fromParam : fallback.from;
  const to = DAY.test(toParam) ? toParam : fallback.to;
  const rangeError = from > to ? 'The start must be on or before the end.' : null;
  const insights = useInsights(rangeError ? { from: to, to } : { from, to });
  const data = insights.data;
  const range: InsightRange = data?.range ?? { from, to };

  const setRange = (next: Partial<InsightRange>) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value && DAY.test(value)) p.set(key, value);
    }
    setParams(p, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Insights"
        description="Where referrals come from, who sends them, and whether the program is gathering momentum."
      />
      <Paper withBorder p="md" radius="md" mb="lg" component="form" aria-label="Date range">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label="From"
            value={from}
            max={to}
            onChange={(e) => setRange({ from: e.currentTarget.value })}
            w={170}
          />
          <TextInput
            type="date"
            label="To"
            value={to}
            min={from}
            error={rangeError}
            onChange={(e) => setRange({ to: e.currentTarget.value })}
            w={170}
          />
          <Group gap="xs">
            {PRESETS.map((preset) => {
              const r = preset.range();
              const isOn = r.from === from && r.to === to;
              return (
                <Button
                  key={preset.label}
                  size="sm"
                  variant={isOn ? 'filled' : 'default'}
                  aria-pressed={isOn}
                  onClick={() => setRange(r)}
                >
                  {preset.label}
                </Button>
              );
            })}
          </Group>
        </Group>
      </Paper>
      <ProblemAlert error={insights.error} />
      {insights.isPending ? <LoadingState label="Computing insights…" /> : null}
      {data ? (
        <Stack gap="xl" style={{ opacity: insights.isPlaceholderData ? 0.6 : 1 }}>
          {SECTIONS.map(({ id, title, Charts }) => (
            <Section key={id} id={id} title={title}>
              <Charts data={data} range={range} currency={currency} />
            </Section>
          ))}
        </Stack>
      ) : null}
    </>
  );
}

type ChartsProps = { data: Insights; range: InsightRange; currency: string };

/** The channels, then warm introductions' completion and the intake links' own numbers. */
function WhereAndLinks(props: ChartsProps) {
  return (
    <Stack>
      <WhereCharts {...props} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <WarmHandoffCard data={props.data} range={props.range} />
        <ReferralLinksCard />
      </SimpleGrid>
    </Stack>
  );
}

function MomentumAndGoal(props: ChartsProps) {
  return (
    <Stack>
      <MomentumChart {...props} />
      <GoalCard data={props.data} range={props.range} />
    </Stack>
  );
}

/** The page's sections in order, each a heading over its charts. */
const SECTIONS: { id: string; title: string; Charts: (props: ChartsProps) => ReactNode }[] = [
  { id: 'where', title: 'Where referrals come from', Charts: WhereAndLinks },
  { id: 'who', title: 'Who refers, and why', Charts: WhoCharts },
  { id: 'when', title: 'When', Charts: WhenCharts },
  { id: 'conversion', title: 'Conversion, value and responsiveness', Charts: ConversionCharts },
  { id: 'network', title: 'Give and take, and the network', Charts: NetworkCharts },
  { id: 'momentum-section', title: 'Momentum and the goal', Charts: MomentumAndGoal },
];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <Title order={2} fz="h3" mb="sm" id={`${id}-heading`}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function GoalCard({ data, range }: { data: Insights; range: InsightRange }) {
  const goal = data.goal;
  return (
    <ChartCard
      id="goal-progress"
      title="Goal progress and forecast"
      csvUrl={insightCsvUrl('goal', range)}
      isChart={false}
      summary={
        goal
          ? `${goal.clientsThisYear} of ${goal.targetClients} new clients from referrals in ${goal.year} (${goal.percentOfGoal} %); at this pace, ${goal.forecastYearEnd} by year-end.`
          : 'No goal for this year yet.'
      }
    >
      {goal ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge variant="light" color={PACE_COLORS[goal.pace]}>
              {PACE_LABELS[goal.pace]}
            </Badge>
            <Text size="sm">
              Expected by today:{' '}
              {goal.expectedByToday.toLocaleString(undefined, { maximumFractionDigits: 1 })}
            </Text>
          </Group>
          <Progress
            value={Math.min(100, goal.percentOfGoal)}
            size="lg"
            aria-label={`${goal.percentOfGoal} % of the ${goal.year} goal`}
          />
          <Anchor component={Link} to="/goals" size="sm">
            Open the goal
          </Anchor>
        </Stack>
      ) : (
        <Anchor component={Link} to="/goals">
          Set this year’s goal
        </Anchor>
      )}
    </ChartCard>
  );
}
