import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import type { ReciprocityRow } from '../api/types';
import { useMe } from '../auth/use-auth';
import { DataTable } from '../components/data-table';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { formatDate } from '../format';
import { owedSentence } from './owed';
import { useReciprocity } from './use-network';

export function owedText(row: ReciprocityRow): string {
  return `You owe ${row.partner.name} a referral`;
}

function balanceText(balance: number): string {
  if (balance > 0) return `+${balance}`;
  return String(balance);
}

export function ReciprocityPage() {
  const me = useMe();
  const reciprocity = useReciprocity();
  const [params, setParams] = useSearchParams();
  const owedOnly = params.get('owed') === 'true';
  const isWide = useMediaQuery('(min-width: 48em)');
  const timeZone = me.data?.practice.timeZone;
  const rows = (reciprocity.data?.items ?? []).filter((row) => !owedOnly || row.isOwed);
  const owedCount = reciprocity.data?.items.filter((r) => r.isOwed).length ?? 0;

  return (
    <>
      <PageHeader
        title="Reciprocity ledger"
        description={`Give to get: referrals received from each partner and given back. A partner who sent ${reciprocity.data?.threshold ?? 2} or more than they received is owed one.`}
        actions={
          <Button component={Link} to="/referrals/given" variant="default">
            Record a referral given
          </Button>
        }
      />
      <Group mb="md" justify="space-between">
        <Text size="sm" c={owedCount > 0 ? 'orange.8' : 'dimmed'} fw={owedCount ? 600 : 400}>
          {owedSentence(owedCount)}
        </Text>
        <Switch
          label="Only partners I owe"
          checked={owedOnly}
          onChange={(e) =>
            setParams(e.currentTarget.checked ? { owed: 'true' } : {}, { replace: true })
          }
        />
      </Group>
      <ProblemAlert error={reciprocity.error} />
      {reciprocity.isPending ? <LoadingState label="Loading the ledger…" /> : null}
      {reciprocity.isSuccess && rows.length === 0 ? (
        <Text c="dimmed">
          No partners yet. Give contacts the “Partner” role, or record referrals exchanged.
        </Text>
      ) : null}
      {rows.length > 0 && isWide ? (
        <DataTable
          minWidth={720}
          striped
          verticalSpacing="sm"
          columns={[
            'Partner',
            { label: 'Received', align: 'right' },
            { label: 'Given', align: 'right' },
            { label: 'Balance', align: 'right' },
            'Last exchange',
            'To do',
          ]}
        >
          {rows.map((row) => (
            <Table.Tr key={row.partner.id}>
              <Table.Td>
                <PartnerName row={row} />
              </Table.Td>
              <Table.Td ta="right">{row.received}</Table.Td>
              <Table.Td ta="right">{row.given}</Table.Td>
              <Table.Td ta="right" fw={row.isOwed ? 700 : 400}>
                {balanceText(row.balance)}
              </Table.Td>
              <Table.Td>{formatDate(row.lastExchangeAt, timeZone)}</Table.Td>
              <Table.Td>
                <OwedNote row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      ) : null}
      {rows.length > 0 && !isWide ? (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((row) => (
            <Paper key={row.partner.id} withBorder p="sm" radius="md" component="li">
              <PartnerName row={row} />
              <Text size="sm">
                Received {row.received} · given {row.given} · balance {balanceText(row.balance)}
              </Text>
              <Text size="xs" c="dimmed">
                Last exchange: {formatDate(row.lastExchangeAt, timeZone)}
              </Text>
              {row.isOwed ? <OwedNote row={row} /> : null}
            </Paper>
          ))}
        </Stack>
      ) : null}
    </>
  );
}

function PartnerName({ row }: { row: ReciprocityRow }) {
  return (
    <div>
      <Anchor component={Link} to={`/contacts/${row.partner.id}`} fw={600}>
        {row.partner.name}
      </Anchor>
      {row.partner.organization || row.partner.category ? (
        <Text size="xs" c="dimmed">
          {[row.partner.organization, row.partner.category?.name].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
    </div>
  );
}

function OwedNote({ row }: { row: ReciprocityRow }) {
  if (!row.isOwed)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap="xs" wrap="wrap">
      <Badge color="orange" variant="light" tt="none">
        {owedText(row)}
      </Badge>
      <Anchor
        component={Link}
        size="sm"
        to={`/referrals/given?partnerId=${encodeURIComponent(row.partner.id)}`}
      >
        Give one
      </Anchor>
    </Group>
  );
}
