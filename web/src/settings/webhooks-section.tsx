import {
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  type CreatedWebhookEndpoint,
  WEBHOOK_EVENTS,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '../api/types';
import { useMe } from '../auth/use-auth';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { submitWithServerErrors } from '../form-errors';
import { formatDateTime } from '../format';
import { OneTimeSecret } from './revocable-secrets';
import { SettingsSection } from './settings-section';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useResendDelivery,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
} from './use-webhooks';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'referral.created': 'A referral is received',
  'referral.status_changed': "A referral's status changes",
  'commitment.fulfilled': 'A commitment is fulfilled',
  'contact.created': 'A contact is added (not by an import)',
  'intake.submitted': 'A referral link form is sent',
};

/** Settings → Webhooks (issue 14 §6–8): owners only; the server refuses members too. */
export function WebhooksSection() {
  const me = useMe();
  const isOwner = me.data?.role === 'owner';
  return (
    <SettingsSection
      id="webhooks-title"
      title="Webhooks"
      description={
        <>
          Tell another system when something happens in Vouch. Deliveries are signed the{' '}
          <a href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
            Standard Webhooks
          </a>{' '}
          way and carry ids only, never a person's name, contact details, need or notes: the
          receiver reads those through the API with a token.
        </>
      }
    >
      {isOwner ? (
        <Webhooks timeZone={me.data?.practice.timeZone} />
      ) : (
        <Text size="sm">Only the practice owner manages webhooks.</Text>
      )}
    </SettingsSection>
  );
}

function Webhooks({ timeZone }: { timeZone: string | undefined }) {
  const endpoints = useWebhooks();
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  return (
    <Stack>
      {created ? (
        <OneTimeSecret
          title="Endpoint registered"
          warning="Copy the signing secret now: this is the only time Vouch shows it. The receiver verifies every delivery with it."
          value={created.secret}
          valueLabel="Signing secret"
          copyLabel="Copy secret"
          doneLabel="I have stored it"
          onDone={() => setCreated(null)}
        />
      ) : (
        <CreateWebhookForm onCreated={setCreated} />
      )}
      <QueryContent query={endpoints}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">No endpoints yet.</Text>
          ) : (
            <Stack>
              {rows.map((endpoint) => (
                <EndpointCard key={endpoint.id} endpoint={endpoint} timeZone={timeZone} />
              ))}
            </Stack>
          )
        }
      </QueryContent>
    </Stack>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated: (e: CreatedWebhookEndpoint) => void }) {
  const create = useCreateWebhook();
  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', events: [...WEBHOOK_EVENTS] as string[], description: '' },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Give the https:// address.'),
      events: (v) => (v.length > 0 ? null : 'Pick at least one event.'),
    },
  });
  const submit = submitWithServerErrors(form, create, {
    fields: ['url', 'events', 'description'],
    toInput: (values) => ({
      url: values.url.trim(),
      events: WEBHOOK_EVENTS.filter((e) => values.events.includes(e)),
      description: values.description.trim() || null,
    }),
    onSuccess: (endpoint) => {
      form.reset();
      onCreated(endpoint);
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Endpoint URL"
          placeholder="https://example.com/hooks/vouch"
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Description"
          placeholder="e.g. Our CRM"
          {...form.getInputProps('description')}
        />
        <Checkbox.Group label="Events" {...form.getInputProps('events')}>
          <Stack gap={6} mt={6}>
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox
                key={event}
                value={event}
                label={
                  <>
                    {EVENT_LABELS[event]} <Code>{event}</Code>
                  </>
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Register endpoint
          </Button>
        </Group>
        <ProblemAlert error={create.error} />
      </Stack>
    </form>
  );
}

function EndpointStatus({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone?: string }) {
  if (endpoint.pausedAt)
    return (
      <Badge color="red" variant="light">
        Paused {formatDateTime(endpoint.pausedAt, timeZone)}
      </Badge>
    );
  if (endpoint.failingSince)
    return (
      <Badge color="yellow" variant="light">
        Failing since {formatDateTime(endpoint.failingSince, timeZone)}
      </Badge>
    );
  return (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  );
}

function EndpointCard({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone?: string }) {
  const [showLog, setShowLog] = useState(false);
  const [removing, setRemoving] = useState(false);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const label = endpoint.description ?? endpoint.url;
  return (
    <Paper withBorder p="md" component="section" aria-label={`Webhook ${label}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            {endpoint.description && <Text fw={600}>{endpoint.description}</Text>}
            <Code style={{ overflowWrap: 'anywhere' }}>{endpoint.url}</Code>
          </Stack>
          <EndpointStatus endpoint={endpoint} timeZone={timeZone} />
        </Group>
        <Text size="sm" c="dimmed">
          {endpoint.events.join(', ')}
        </Text>
        {endpoint.pausedAt && (
          <Text size="sm">
            Deliveries failed for three days, or it was paused by hand: new events are not sent to
            it. Check the receiver, then resume.
          </Text>
        )}
        <Group gap="sm">
          <Button size="xs" variant="default" onClick={() => setShowLog((v) => !v)}>
            {showLog ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: endpoint.id, body: { paused: endpoint.pausedAt === null } },
                {
                  onSuccess: (saved) =>
                    notifications.show({
                      color: 'teal',
                      message: saved.pausedAt ? 'Endpoint paused.' : 'Endpoint resumed.',
                    }),
                },
              )
            }
          >
            {endpoint.pausedAt ? 'Resume' : 'Pause'}
          </Button>
          <Button size="xs" color="red" variant="light" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        </Group>
        <ProblemAlert error={update.error} />
        {showLog && <DeliveryLog endpointId={endpoint.id} timeZone={timeZone} />}
      </Stack>
      <ConfirmDialog
        opened={removing}
        title="Remove this endpoint?"
        confirmLabel="Remove endpoint"
        isPending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setRemoving(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(endpoint.id, {
            onSuccess: () => {
              setRemoving(false);
              notifications.show({ color: 'teal', message: 'Endpoint removed.' });
            },
          })
        }
      >
        The receiver gets nothing more from Vouch, and this endpoint's delivery log is deleted.
      </ConfirmDialog>
    </Paper>
  );
}

const STATUS_COLORS: Record<WebhookDelivery['status'], string> = {
  pending: 'yellow',
  sending: 'blue',
  delivered: 'teal',
  failed: 'red',
};

function DeliveryLog({ endpointId, timeZone }: { endpointId: string; timeZone?: string }) {
  const list = useWebhookDeliveries(endpointId);
  const resend = useResendDelivery();
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ProblemAlert error={list.error} />;
  const rows = list.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <Text c="dimmed">No deliveries yet.</Text>;
  return (
    <>
      <DataTable
        minWidth={720}
        verticalSpacing="xs"
        columns={['Event', 'Status', 'Attempts', 'Last answer', 'Next try', '']}
      >
        {rows.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Code>{d.eventType}</Code>
              <Text size="xs" c="dimmed">
                {formatDateTime(d.occurredAt, timeZone)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLORS[d.status]} variant="light">
                {d.status}
              </Badge>
            </Table.Td>
            <Table.Td>{d.attempts}</Table.Td>
            <Table.Td>
              {d.lastStatusCode ?? (d.lastError ? 'no answer' : '—')}
              {d.lastDurationMs !== null && ` · ${d.lastDurationMs} ms`}
              {d.lastError && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {d.lastError}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt, timeZone) : '—'}</Table.Td>
            <Table.Td>
              {d.status !== 'sending' && d.status !== 'pending' && (
                <Button
                  size="xs"
                  variant="default"
                  loading={resend.isPending && resend.variables?.deliveryId === d.id}
                  onClick={() =>
                    resend.mutate(
                      { id: endpointId, deliveryId: d.id },
                      {
                        onSuccess: () =>
                          notifications.show({ color: 'teal', message: 'It will be sent again.' }),
                      },
                    )
                  }
                >
                  Send again
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ProblemAlert error={resend.error} />
      <LoadMoreButton list={list} />
    </>
  );
}
