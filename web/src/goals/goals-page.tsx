import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { GoalProgress, Pace } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { submitWithServerErrors } from '../form-errors';
import { CHART_COLORS, ChartCard, MONTH_NAMES, pct } from '../insights/chart-card';
import { numberLimits, wholeNumberError, wholeNumberProps } from '../number-field';
import { CelebrationBanner } from './celebration-banner';
import { useCurrentGoal, useSaveGoal } from './use-goals';

export const PACE_LABELS: Record<Pace, string> = {
  ahead: 'Ahead of pace',
  on_track: 'On track',
  behind: 'Behind pace',
};
export const PACE_COLORS: Record<Pace, string> = {
  ahead: 'teal',
  on_track: 'blue',
  behind: 'orange',
};

/** The year in the practice's time zone (the API's "current year"). */
function yearIn(timeZone: string | undefined): number {
  try {
    return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(new Date()));
  } catch {
    return new Date().getFullYear();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function GoalsPage() {
  const me = useMe();
  const goal = useCurrentGoal();
  const year = goal.data?.year ?? yearIn(me.data?.practice.timeZone);
  const [isEditing, setEditing] = useState(false);
  return (
    <>
      <PageHeader
        title="Goals"
        description="The arithmetic of a referral program: how many clients you want, and how many referrals that takes."
      />
      <CelebrationBanner showLink={false} />
      <ProblemAlert error={goal.error} />
      {goal.isPending ? <LoadingState label="Loading your goal…" /> : null}
      {goal.isSuccess && (!goal.data || isEditing) ? (
        <GoalForm year={year} goal={goal.data} onDone={() => setEditing(false)} />
      ) : null}
      {goal.data && !isEditing ? (
        <GoalView goal={goal.data} onEdit={() => setEditing(true)} />
      ) : null}
    </>
  );
}

/** What the goal form holds: the target as typed (text while it is not a number yet). */
type GoalFormValues = { targetClients: number | string; emailTeam: boolean };

function GoalForm({
  year,
  goal,
  onDone,
}: {
  year: number;
  goal: GoalProgress | null;
  onDone: () => void;
}) {
  const save = useSaveGoal();
  const form = useForm<GoalFormValues>({
    mode: 'controlled',
    initialValues: {
      targetClients: goal?.targetClients ?? 24,
      emailTeam: goal?.emailTeam ?? false,
    },
    validate: { targetClients: (v) => wholeNumberError(v, numberLimits.goalClients) },
  });
  const submit = submitWithServerErrors(form, save, {
    fields: ['targetClients', 'emailTeam'],
    toInput: (values) => ({
      year,
      targetClients: Number(values.targetClients),
      emailTeam: values.emailTeam,
    }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: `Goal for ${year} saved.` });
      onDone();
    },
  });
  const target = form.values.targetClients;
  const perMonth =
    wholeNumberError(target, numberLimits.goalClients) === null
      ? round1(Number(target) / 12)
      : null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={560} mb="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} fz="h3">
            {goal ? `Change the ${year} goal` : `Set your goal for ${year}`}
          </Title>
          <NumberInput
            label="New clients from referrals this year"
            description={
              perMonth
                ? `That is ${perMonth} a month.`
                : 'How many new clients should referrals bring?'
            }
            {...wholeNumberProps(numberLimits.goalClients)}
            {...form.getInputProps('targetClients')}
            data-autofocus
          />
          <Checkbox
            label="Email the team when we reach 25, 50, 75 and 100 % of the goal"
            {...form.getInputProps('emailTeam', { type: 'checkbox' })}
          />
          <ProblemAlert error={save.error} title="Not saved" />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              Save goal
            </Button>
            {goal ? (
              <Button variant="default" onClick={onDone}>
                Cancel
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Stat({
  label,
  value,
  children,
}: {
  label: string;
  value: string;
  children?: React.ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

function GoalView({ goal, onEdit }: { goal: GoalProgress; onEdit: () => void }) {
  const monthNeeded = Math.ceil(goal.referralsNeededPerMonth);
  const monthShare = Math.min(100, (goal.referralsThisMonth / Math.max(1, monthNeeded)) * 100);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={2} fz="h3">
          {goal.year}: {goal.targetClients} new clients from referrals
        </Title>
        <Group gap="xs">
          <Badge size="lg" variant="light" color={PACE_COLORS[goal.pace]}>
            {PACE_LABELS[goal.pace]}
          </Badge>
          <Button variant="default" size="sm" onClick={onEdit}>
            Edit goal
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat label="This year so far" value={`${goal.clientsThisYear} of ${goal.targetClients}`}>
          <Progress
            mt="xs"
            value={Math.min(100, goal.percentOfGoal)}
            aria-label={`${goal.percentOfGoal} % of the year's goal`}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {goal.percentOfGoal} % of the goal
          </Text>
        </Stat>
        <Stat label="Monthly target" value={`${round1(goal.monthlyTarget)} clients`}>
          <Text size="xs" c="dimmed" mt={4}>
            {goal.clientsThisMonth} won this month
          </Text>
        </Stat>
        <Stat label="Referrals needed per month" value={String(monthNeeded)}>
          <Progress
            mt="xs"
            color={monthShare >= 100 ? 'teal' : 'blue'}
            value={monthShare}
            aria-label={`${goal.referralsThisMonth} of ${monthNeeded} referrals this month`}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {goal.referralsThisMonth} received this month
          </Text>
        </Stat>
        <Stat label="Year-end forecast" value={`${goal.forecastYearEnd} clients`}>
          <Text size="xs" c="dimmed" mt={4}>
            At the current pace ({goal.forecastYearEnd >= goal.targetClients ? 'meets' : 'short of'}{' '}
            the goal)
          </Text>
        </Stat>
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Title order={3} fz="h4" mb={4}>
          Why {monthNeeded} referrals a month
        </Title>
        <Text size="sm">
          {round1(goal.monthlyTarget)} clients a month ÷ a conversion rate of{' '}
          <strong>{pct(goal.conversion.rate)}</strong> = {round1(goal.referralsNeededPerMonth)}{' '}
          referrals.{' '}
          {goal.conversion.source === 'default'
            ? `Vouch plans with 2 of 3 referrals becoming clients until you have 10 closed referrals in the last 12 months (you have ${goal.conversion.closedLast12Months}): gather at least 50 % more referrals than the clients you want.`
            : 'You have enough closed referrals for Vouch to use your own trailing 12-month rate.'}
        </Text>
        <Text size="sm" c="dimmed" mt={4}>
          {goal.conversion.explanation}
        </Text>
      </Paper>
      <PaceChart goal={goal} />
    </Stack>
  );
}

type PacePoint = { x: number; goal?: number; actual?: number; forecast?: number };

/** Goal line from 0 to the target; actual from 0 to today; forecast from today to year-end. */
function PaceChart({ goal }: { goal: GoalProgress }) {
  const share = goal.targetClients > 0 ? goal.expectedByToday / goal.targetClients : 0;
  const today = Math.min(12, Math.max(0, share * 12));
  const points: PacePoint[] = [];
  for (let m = 0; m <= 12; m++) points.push({ x: m, goal: round1((goal.targetClients * m) / 12) });
  points.push({
    x: today,
    goal: round1(goal.expectedByToday),
    actual: goal.clientsThisYear,
    forecast: goal.clientsThisYear,
  });
  points[0] = { ...points[0], x: 0, actual: 0 };
  points[12] = { ...points[12], x: 12, forecast: goal.forecastYearEnd };
  points.sort((a, b) => a.x - b.x);
  const diff = round1(goal.clientsThisYear - goal.expectedByToday);
  const summary = `By today the goal expects ${round1(goal.expectedByToday)} clients; you have ${goal.clientsThisYear} (${diff >= 0 ? `${diff} ahead` : `${-diff} behind`}). At this pace the year ends at ${goal.forecastYearEnd} of ${goal.targetClients}.`;
  return (
    <ChartCard
      id="goal-pace"
      title="Pace: expected by today and actual"
      summary={summary}
      height={300}
    >
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          type="number"
          domain={[0, 12]}
          ticks={[0, 2, 4, 6, 8, 10, 12]}
          tickFormatter={(m: number) => (m >= 12 ? 'Dec 31' : (MONTH_NAMES[m] ?? ''))}
        />
        <YAxis allowDecimals={false} />
        <Tooltip
          labelFormatter={(x) =>
            Number(x) === today ? 'Today' : `${MONTH_NAMES[Math.min(11, Math.floor(Number(x)))]}`
          }
        />
        <Legend />
        <Line
          dataKey="goal"
          name="Goal pace"
          stroke={CHART_COLORS.muted}
          strokeDasharray="6 4"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="actual"
          name="Clients won"
          stroke={CHART_COLORS.primary}
          strokeWidth={3}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name="Forecast"
          stroke={CHART_COLORS.accent}
          strokeDasharray="4 4"
          connectNulls
          isAnimationActive={false}
        />
        <ReferenceDot x={today} y={goal.clientsThisYear} r={5} fill={CHART_COLORS.primary} />
      </LineChart>
    </ChartCard>
  );
}
