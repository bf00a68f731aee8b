import { Table, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightRange, Insights } from '../api/types';
import { DataTable } from '../components/data-table';
import { WARM_HANDOFF_GROUP_LABELS } from '../labels';
import { CHART_COLORS, ChartCard, pct } from './chart-card';
import { insightCsvUrl } from './use-insights';
import {
  completionBars,
  hasCompletion,
  timesAsOftenSentence,
  warmHandoffSummary,
} from './warm-handoff';

/**
 * Completion (contacted → client) of warm introductions beside the rest (§3.9): the numbers,
 * the two rates as bars, the practice's own "times as often" and why it matters.
 */
export function WarmHandoffCard({ data, range }: { data: Insights; range: InsightRange }) {
  const insight = data.warmHandoff;
  if (!insight) return null;
  const isDrawn = hasCompletion(insight);
  const bars = completionBars(insight);
  const multiple = timesAsOftenSentence(insight);
  return (
    <ChartCard
      id="warm-handoff"
      title="Warm introductions"
      csvUrl={insightCsvUrl('warmHandoff', range)}
      height={150}
      summary={warmHandoffSummary(insight)}
      empty={
        isDrawn
          ? undefined
          : 'No referral received in this range has been contacted yet. Introduce referred people to you with their referrer in Cc (Introduce, on a referrer’s page or a referral), then record the first contact.'
      }
      footer={
        <>
          {isDrawn ? (
            <DataTable
              minWidth={360}
              mt="sm"
              verticalSpacing={4}
              fz="sm"
              columns={[
                'Referrals',
                { label: 'Contacted', align: 'right' },
                { label: 'Became clients', align: 'right' },
                { label: 'Completion', align: 'right' },
              ]}
            >
              {insight.groups.map((g) => (
                <Table.Tr key={g.group}>
                  <Table.Th scope="row" fw={500}>
                    {WARM_HANDOFF_GROUP_LABELS[g.group]}
                  </Table.Th>
                  <Table.Td ta="right">{g.contacted}</Table.Td>
                  <Table.Td ta="right">{g.clients}</Table.Td>
                  <Table.Td ta="right">{pct(g.rate)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          ) : null}
          {multiple ? (
            <Text fw={600} mt="sm">
              {multiple}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed" mt="xs">
            {insight.explanation}
          </Text>
        </>
      }
    >
      <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" domain={[0, 100]} allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={130} interval={0} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="completionPercent" name="Completion %" isAnimationActive={false}>
          {bars.map((b) => (
            <Cell
              key={b.group}
              fill={b.group === 'warm' ? CHART_COLORS.accent : CHART_COLORS.primary}
            />
          ))}
        </Bar>
      </BarChart>
    </ChartCard>
  );
}
