import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Referral } from '../api/types';
import { DataTable } from '../components/data-table';
import { formatDateTime } from '../format';
import { CHANNEL_LABELS, STATUS_COLORS, STATUS_LABELS } from '../labels';
import { ReferralActions } from './referral-actions';
import { ClockBadge } from './referral-board';
import { referredName } from './referred-name';

export function StatusBadge({ referral }: { referral: Referral }) {
  return (
    <Badge color={STATUS_COLORS[referral.status]} variant="light">
      {STATUS_LABELS[referral.status]}
    </Badge>
  );
}

function ReferralLink({ referral }: { referral: Referral }) {
  return (
    <Anchor component={Link} to={`/referrals/${referral.id}`} fw={600}>
      {referredName(referral)}
    </Anchor>
  );
}

type ListProps = { referrals: Referral[]; now: number; timeZone?: string };

export function ReferralTable({ referrals, now, timeZone }: ListProps) {
  return (
    <DataTable
      minWidth={960}
      striped
      highlightOnHover
      verticalSpacing="sm"
      columns={[
        'Referred person',
        'From',
        'Need',
        'Received',
        { label: 'Status', minWidth: 120 },
        'Response clock',
        'Actions',
      ]}
    >
      {referrals.map((referral) => (
        <Table.Tr key={referral.id}>
          <Table.Td>
            <ReferralLink referral={referral} />
          </Table.Td>
          <Table.Td>
            {referral.referrer ? (
              <Anchor component={Link} to={`/contacts/${referral.referrer.id}`}>
                {referral.referrer.name}
              </Anchor>
            ) : (
              <Text c="dimmed" size="sm">
                Unknown
              </Text>
            )}
          </Table.Td>
          <Table.Td maw={240}>
            <Text size="sm" lineClamp={2}>
              {referral.need ?? '—'}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{formatDateTime(referral.receivedAt, timeZone)}</Text>
            <Text size="xs" c="dimmed">
              {CHANNEL_LABELS[referral.channel]}
              {referral.circle ? ` · ${referral.circle.name}` : ''}
            </Text>
          </Table.Td>
          <Table.Td>
            <StatusBadge referral={referral} />
          </Table.Td>
          <Table.Td>
            <ClockBadge referral={referral} now={now} />
          </Table.Td>
          <Table.Td>
            <ReferralActions referral={referral} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

export function ReferralCards({ referrals, now, timeZone }: ListProps) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {referrals.map((referral) => (
        <Paper key={referral.id} withBorder p="sm" radius="md" component="li">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <ReferralLink referral={referral} />
            <StatusBadge referral={referral} />
          </Group>
          <Text size="sm" c="dimmed">
            {referral.referrer ? `from ${referral.referrer.name}` : 'Unknown referrer'} ·{' '}
            {formatDateTime(referral.receivedAt, timeZone)}
          </Text>
          {referral.need ? (
            <Text size="sm" lineClamp={2}>
              {referral.need}
            </Text>
          ) : null}
          <ClockBadge referral={referral} now={now} />
          <Group mt="xs">
            <ReferralActions referral={referral} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
