import { Anchor, Box, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

export const CHART_COLORS = {
  primary: '#0c8599', // teal-ish blue
  secondary: '#2f9e44',
  accent: '#e8590c',
  muted: '#868e96',
  warn: '#e03131',
  stages: ['#d0ebff', '#74c0fc', '#339af0', '#1971c2', '#0b7285'],
} as const;

type ChartCardProps = {
  id: string;
  title: string;
  /** One or two sentences that say what the chart shows: read aloud, and shown under it. */
  summary: string;
  csvUrl?: string;
  height?: number;
  /** A chart (inside a ResponsiveContainer) or other content. */
  children: ReactNode;
  isChart?: boolean;
  footer?: ReactNode;
  /**
   * When the range has nothing to draw: a sentence saying what to do instead, shown in place
   * of the summary and the chart (no empty axes).
   */
  empty?: string | null | undefined;
};

/**
 * A chart with its heading, a text summary that names what it shows (its accessible name, so
 * screen readers need not read the SVG), and its data as CSV.
 */
export function ChartCard(props: ChartCardProps) {
  const { id, title, summary, csvUrl, height = 260, isChart = true } = props;
  const headingId = `${id}-title`;
  const summaryId = `${id}-summary`;
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-labelledby={headingId}
      style={{ minWidth: 0 }}
    >
      <Group justify="space-between" align="flex-start" gap="xs" mb={4}>
        <Title order={3} fz="h4" id={headingId}>
          {title}
        </Title>
        {csvUrl ? (
          <Anchor href={csvUrl} download size="sm" aria-label={`Download CSV: ${title}`}>
            Download CSV
          </Anchor>
        ) : null}
      </Group>
      {props.empty ? (
        <Text size="sm" c="dimmed" id={summaryId} data-empty-chart>
          {props.empty}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" mb="sm" id={summaryId}>
          {summary}
        </Text>
      )}
      {props.empty ? null : isChart ? (
        <Box
          role="img"
          aria-label={`${title}. ${summary}`}
          h={height}
          style={{ minWidth: 0, overflow: 'hidden' }}
        >
          <ResponsiveContainer width="100%" height="100%">
            {props.children as React.ReactElement}
          </ResponsiveContainer>
        </Box>
      ) : (
        props.children
      )}
      {props.footer}
    </Paper>
  );
}

export function pct(rate: number | null | undefined, digits = 0): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(digits)} %`;
}

export { MONTH_NAMES, monthLabel } from './months';
