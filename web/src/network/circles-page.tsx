import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { CIRCLE_KINDS, type CircleKind, type CircleView } from '../api/types';
import { DataTable } from '../components/data-table';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { CIRCLE_KIND_LABELS } from '../labels';
import { useCircleViews, useCreateCircleView } from './use-network';

export function circleKindOptions(noneLabel: string) {
  return [
    { value: '', label: noneLabel },
    ...CIRCLE_KINDS.map((k) => ({ value: k, label: CIRCLE_KIND_LABELS[k] })),
  ];
}

export function CirclesPage() {
  const circles = useCircleViews();
  const isWide = useMediaQuery('(min-width: 48em)');
  return (
    <>
      <PageHeader
        title="Circles"
        description="Groups where referral sources gather: chambers, Rotary, BNI, associations, seminars."
      />
      <ProblemAlert error={circles.error} />
      {circles.isPending ? <LoadingState label="Loading circles…" /> : null}
      {circles.data && circles.data.length === 0 ? (
        <Text c="dimmed" mb="md">
          No circles yet. Add the groups you belong to.
        </Text>
      ) : null}
      {circles.data && circles.data.length > 0 ? (
        isWide ? (
          <CircleTable circles={circles.data} />
        ) : (
          <CircleCards circles={circles.data} />
        )
      ) : null}
      <AddCircleForm />
    </>
  );
}

function CircleLink({ circle }: { circle: CircleView }) {
  return (
    <Anchor component={Link} to={`/network/circles/${circle.id}`} fw={600}>
      {circle.name}
    </Anchor>
  );
}

function CircleTable({ circles }: { circles: CircleView[] }) {
  return (
    <DataTable
      minWidth={560}
      striped
      highlightOnHover
      verticalSpacing="sm"
      columns={[
        'Circle',
        'Kind',
        { label: 'Members', align: 'right' },
        { label: 'Referrals', align: 'right' },
      ]}
    >
      {circles.map((circle) => (
        <Table.Tr key={circle.id}>
          <Table.Td>
            <CircleLink circle={circle} />
          </Table.Td>
          <Table.Td>{circle.kind ? CIRCLE_KIND_LABELS[circle.kind] : '—'}</Table.Td>
          <Table.Td ta="right">{circle.members}</Table.Td>
          <Table.Td ta="right">{circle.referrals}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function CircleCards({ circles }: { circles: CircleView[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {circles.map((circle) => (
        <Paper key={circle.id} withBorder p="sm" radius="md" component="li">
          <CircleLink circle={circle} />
          <Text size="sm" c="dimmed">
            {circle.kind ? CIRCLE_KIND_LABELS[circle.kind] : 'Kind not set'} · {circle.members}{' '}
            {circle.members === 1 ? 'member' : 'members'} · {circle.referrals}{' '}
            {circle.referrals === 1 ? 'referral' : 'referrals'}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function AddCircleForm() {
  const create = useCreateCircleView();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CircleKind | ''>('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel id="add-circle" title="Add a circle" fz="h4" headingMb="xs" mt="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) {
            setError('Enter the circle’s name.');
            return;
          }
          setError(null);
          create.mutate(
            { name: name.trim(), ...(kind ? { kind } : {}) },
            {
              onSuccess: (circle) => {
                setName('');
                setKind('');
                notifications.show({ color: 'teal', message: `${circle.name} was added.` });
              },
            },
          );
        }}
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Circle name"
            placeholder="e.g. Lakeshore Rotary"
            value={name}
            error={error}
            onChange={(e) => setName(e.currentTarget.value)}
            miw={240}
          />
          <NativeSelect
            label="Kind"
            value={kind}
            data={circleKindOptions('Not set')}
            onChange={(e) => setKind(CIRCLE_KINDS.find((k) => k === e.currentTarget.value) ?? '')}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            Add circle
          </Button>
        </Group>
        <ProblemAlert error={create.error} mt="sm" />
      </form>
    </Panel>
  );
}
