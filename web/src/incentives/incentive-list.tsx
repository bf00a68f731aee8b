import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DISCLOSURE_METHODS, type DisclosureMethod, type Incentive } from '../api/types';
import { useMe } from '../auth/use-auth';
import { ProblemAlert } from '../components/problem-alert';
import { WhenField } from '../components/text-fields';
import { formatDate, formatMoney, fromLocalInput, toLocalInput } from '../format';
import { DISCLOSURE_METHOD_LABELS, INCENTIVE_KIND_LABELS, RECIPIENT_LABELS } from '../labels';
import { RulingBadge } from './ruling-badge';
import { useDeliverIncentive, useRecordDisclosure } from './use-incentives';

export function IncentiveItems({ items, empty }: { items: Incentive[]; empty?: string }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty ?? 'No incentives yet.'}
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((incentive) => (
        <li key={incentive.id}>
          <IncentiveCard incentive={incentive} />
        </li>
      ))}
    </Stack>
  );
}

export function IncentiveCard({ incentive }: { incentive: Incentive }) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const deliver = useDeliverIncentive();
  const who = incentive.recipientContact?.name ?? RECIPIENT_LABELS[incentive.recipient];
  const title = `${INCENTIVE_KIND_LABELS[incentive.kind]} for ${who}`;
  const titleId = `incentive-${incentive.id}`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} id={titleId}>
            {title}
          </Text>
          <Text size="sm" c="dimmed">
            {RECIPIENT_LABELS[incentive.recipient]}
            {incentive.valueMinor !== null
              ? ` · ${formatMoney(incentive.valueMinor, incentive.currency)}`
              : ''}
            {` · promised ${formatDate(incentive.promisedAt, timeZone)}`}
          </Text>
          {incentive.description ? <Text size="sm">{incentive.description}</Text> : null}
        </div>
        <Group gap={6}>
          <RulingBadge ruling={incentive.verdict} />
          <Badge color={incentive.status === 'delivered' ? 'teal' : 'gray'} variant="outline">
            {incentive.status === 'delivered'
              ? `Delivered ${formatDate(incentive.deliveredAt, timeZone)}`
              : 'Promised'}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {incentive.verdictReason} ({incentive.verdictSource})
      </Text>
      {incentive.disclosure ? (
        <Text size="sm" c="teal.8" mt={4}>
          ✓ Disclosed {formatDate(incentive.disclosure.disclosedAt, timeZone)} —{' '}
          {DISCLOSURE_METHOD_LABELS[incentive.disclosure.method].toLocaleLowerCase()}
          {incentive.disclosure.note ? ` (${incentive.disclosure.note})` : ''}
        </Text>
      ) : incentive.needsDisclosure ? (
        <DisclosureForm incentive={incentive} />
      ) : null}
      {incentive.status === 'promised' ? (
        <Group mt="sm" gap="xs">
          <Button
            size="xs"
            variant="light"
            loading={deliver.isPending}
            onClick={() =>
              deliver.mutate(incentive.id, {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: `${title}: delivered.` }),
              })
            }
            aria-label={`Mark delivered: ${title}`}
          >
            Mark delivered
          </Button>
        </Group>
      ) : null}
      <ProblemAlert error={deliver.error} title="Not delivered" mt="xs" />
    </Paper>
  );
}

function DisclosureForm({ incentive }: { incentive: Incentive }) {
  const record = useRecordDisclosure();
  const [method, setMethod] = useState<DisclosureMethod>('written');
  const [when, setWhen] = useState(() => toLocalInput());
  const [note, setNote] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const disclosedAt = fromLocalInput(when);
        record.mutate(
          {
            id: incentive.id,
            method,
            ...(disclosedAt ? { disclosedAt } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          {
            onSuccess: () => notifications.show({ color: 'teal', message: 'Disclosure recorded.' }),
          },
        );
      }}
    >
      <Paper bg="yellow.0" p="xs" mt="sm" radius="sm">
        <Text size="sm" fw={500} mb={4}>
          Needs a disclosure to the client before it is delivered
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <WhenField size="xs" label="Disclosed on" value={when} onValueChange={setWhen} />
          <NativeSelect
            size="xs"
            label="How"
            value={method}
            data={DISCLOSURE_METHODS.map((m) => ({ value: m, label: DISCLOSURE_METHOD_LABELS[m] }))}
            onChange={(e) =>
              setMethod(DISCLOSURE_METHODS.find((m) => m === e.currentTarget.value) ?? 'written')
            }
          />
          <TextInput
            size="xs"
            label="Disclosure note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        </SimpleGrid>
        <ProblemAlert error={record.error} />
        <Group justify="flex-end" mt="xs">
          <Button size="xs" type="submit" loading={record.isPending}>
            Record disclosure
          </Button>
        </Group>
      </Paper>
    </form>
  );
}
