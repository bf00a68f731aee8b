import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Board, BoardColumnStatus, Referral } from '../api/types';
import { STATUS_LABELS } from '../labels';
import { ReferralActions } from './referral-actions';
import classes from './referral-board.module.css';
import { describeClock } from './referral-clock';
import { referredName } from './referred-name';

const COLUMN_TITLES: Record<BoardColumnStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  meeting: 'Meeting',
  client: 'Client',
  closed: 'Closed',
};

const COLUMN_HINTS: Record<BoardColumnStatus, string> = {
  new: 'Contact them within the response window.',
  contacted: 'First contact made.',
  meeting: 'A meeting was held or booked.',
  client: 'They became a client.',
  closed: 'Not a fit, declined or no response.',
};

/** The pipeline: one section per status, overdue cards first (the server's order). */
export function ReferralBoard({ board, now }: { board: Board; now: number }) {
  return (
    <div className={classes.board}>
      {board.columns.map((column) => (
        <BoardColumnView key={column.status} status={column.status} total={column.total}>
          {column.items.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              None.
            </Text>
          ) : (
            <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {column.items.map((referral) => (
                <li key={referral.id}>
                  <ReferralCard referral={referral} now={now} />
                </li>
              ))}
            </Stack>
          )}
          {column.total > column.items.length ? (
            <Text size="xs" c="dimmed" mt="xs">
              Showing {column.items.length} of {column.total}. Use the list view for all.
            </Text>
          ) : null}
        </BoardColumnView>
      ))}
    </div>
  );
}

function BoardColumnView({
  status,
  total,
  children,
}: {
  status: BoardColumnStatus;
  total: number;
  children: React.ReactNode;
}) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} className={classes.column}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Title order={2} fz="h4" id={headingId}>
          {COLUMN_TITLES[status]}
        </Title>
        <Badge variant="light" color="gray" aria-label={`${total} referrals`}>
          {total}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {COLUMN_HINTS[status]}
      </Text>
      {children}
    </Box>
  );
}

export function ClockBadge({ referral, now }: { referral: Referral; now: number }) {
  const clock = describeClock(referral, now);
  return (
    <Text size="sm" c={`${clock.color}.8`} fw={clock.isUrgent ? 700 : 500}>
      {clock.text}
    </Text>
  );
}

function ReferralCard({ referral, now }: { referral: Referral; now: number }) {
  const titleId = useId();
  const clock = describeClock(referral, now);
  return (
    <Paper
      component="article"
      aria-labelledby={titleId}
      withBorder
      p="sm"
      radius="md"
      className={clock.isUrgent ? classes.urgent : undefined}
    >
      <Anchor component={Link} to={`/referrals/${referral.id}`} fw={600} id={titleId}>
        {referredName(referral)}
      </Anchor>
      <Text size="sm" c="dimmed">
        {referral.referrer ? `from ${referral.referrer.name}` : 'Unknown referrer'}
      </Text>
      {referral.need ? (
        <Text size="sm" lineClamp={2} mt={2}>
          {referral.need}
        </Text>
      ) : null}
      {referral.status !== 'new' &&
      !['contacted', 'meeting', 'client'].includes(referral.status) ? (
        <Badge size="xs" color="gray" variant="light" mt={4}>
          {STATUS_LABELS[referral.status]}
        </Badge>
      ) : null}
      <Box mt={6}>
        <ClockBadge referral={referral} now={now} />
      </Box>
      <Box mt="xs">
        <ReferralActions referral={referral} />
      </Box>
    </Paper>
  );
}
