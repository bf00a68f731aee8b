import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { MESSAGE_STATUSES, type Message, type MessageStatus } from '../api/types';
import { useMe } from '../auth/use-auth';
import { CopyTextButton } from '../components/copy-text-button';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { formatDateTime } from '../format';
import { MESSAGE_STATUS_COLORS, MESSAGE_STATUS_LABELS } from '../labels';
import { messagePdfUrl, useMessage, useMessages, useRetryMessage, useSmtp } from './use-outbox';

export function OutboxPage() {
  const [status, setStatus] = useState<MessageStatus | undefined>(undefined);
  const messages = useMessages(status);
  const smtp = useSmtp();
  const [openId, setOpenId] = useState<string | null>(null);
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email and letter Vouch drafted for you, with what happened to it."
        actions={
          <Button component={Link} to="/settings#letters-title" variant="default">
            Edit letter templates
          </Button>
        }
      />
      {smtp.data && !smtp.data.configured ? (
        <Alert color="yellow" variant="light" mb="md" title="Email is not set up">
          Emails wait here until you add your mail server under{' '}
          <Anchor component={Link} to="/settings#smtp-title">
            Settings → Email (SMTP)
          </Anchor>
          . Nothing is lost, and you can copy or print any of them meanwhile.
        </Alert>
      ) : null}
      <NativeSelect
        label="Status"
        maw={240}
        mb="md"
        value={status ?? ''}
        data={[
          { value: '', label: 'All' },
          ...MESSAGE_STATUSES.map((s) => ({ value: s, label: MESSAGE_STATUS_LABELS[s] })),
        ]}
        onChange={(e) => setStatus(MESSAGE_STATUSES.find((s) => s === e.currentTarget.value))}
      />
      <ProblemAlert error={messages.error} />
      {messages.isPending ? <LoadingState label="Loading the outbox…" /> : null}
      {messages.isSuccess && items.length === 0 ? (
        <Text c="dimmed">
          Nothing here yet. Draft a letter from a referral, a commitment or a referral given.
        </Text>
      ) : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((m) => (
          <li key={m.id}>
            <MessageRow message={m} onOpen={() => setOpenId(m.id)} />
          </li>
        ))}
      </Stack>
      <LoadMoreButton list={messages} />
      <MessageDialog id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

/** "Maya Lindqvist <maya@example.com>": who is copied (the referrer of an introduction). */
function partyLine(party: { name: string; email: string | null }): string {
  return party.email ? `${party.name} <${party.email}>` : party.name;
}

function StatusBadge({ message }: { message: Message }) {
  return (
    <Badge
      color={MESSAGE_STATUS_COLORS[message.status]}
      variant="light"
      style={{ textTransform: 'none' }}
    >
      {message.statusLabel || MESSAGE_STATUS_LABELS[message.status]}
    </Badge>
  );
}

function MessageRow({ message, onOpen }: { message: Message; onOpen: () => void }) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const titleId = `message-${message.id}`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {message.subject}
          </Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {message.channel === 'email' ? 'Email' : 'Letter'} to {message.to.name}
            {message.to.email && message.channel === 'email' ? ` <${message.to.email}>` : ''}
            {message.cc ? `, Cc ${partyLine(message.cc)}` : ''} ·{' '}
            {formatDateTime(message.createdAt, timeZone)}
          </Text>
        </div>
        <StatusBadge message={message} />
      </Group>
      <Group justify="space-between" mt={6} wrap="wrap" gap="xs">
        <Text size="xs" c="dimmed">
          {message.channel === 'email' ? `Attempts: ${message.attempts}` : 'Kept to copy or print'}
          {message.sentAt ? ` · sent ${formatDateTime(message.sentAt, timeZone)}` : ''}
          {message.nextAttemptAt && message.status === 'queued'
            ? ` · next try ${formatDateTime(message.nextAttemptAt, timeZone)}`
            : ''}
        </Text>
        <Button
          size="xs"
          variant="default"
          onClick={onOpen}
          aria-label={`Open: ${message.subject}`}
        >
          Open
        </Button>
      </Group>
      {message.lastError ? (
        <Text size="xs" c="red.8" mt={4} style={{ overflowWrap: 'anywhere' }}>
          Last error: {message.lastError}
        </Text>
      ) : null}
    </Paper>
  );
}

function MessageDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const message = useMessage(id);
  const retry = useRetryMessage();
  const me = useMe();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const data = message.data;
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      title={data ? data.subject : 'Message'}
      size="xl"
      fullScreen={Boolean(isPhone)}
    >
      {message.isPending ? <LoadingState /> : null}
      <ProblemAlert error={message.error} />
      {data ? (
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              To <strong>{data.to.name}</strong>
              {data.to.email ? ` <${data.to.email}>` : ''}
              {data.cc ? (
                <>
                  {', Cc '}
                  <strong>{data.cc.name}</strong>
                  {data.cc.email ? ` <${data.cc.email}>` : ''}
                </>
              ) : null}
            </Text>
            <StatusBadge message={data} />
          </Group>
          <Text size="xs" c="dimmed">
            Created {formatDateTime(data.createdAt, me.data?.practice.timeZone)}
            {data.channel === 'email' ? ` · attempts ${data.attempts}` : ''}
            {data.sentAt
              ? ` · sent ${formatDateTime(data.sentAt, me.data?.practice.timeZone)}`
              : ''}
            {data.providerId ? ` · id ${data.providerId}` : ''}
          </Text>
          {data.lastError ? (
            <Alert color="red" variant="light" title="Last error">
              {data.lastError}
            </Alert>
          ) : null}
          <Paper withBorder p="md" radius="sm" bg="gray.0">
            <Text fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
              {data.subject}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {data.body}
            </Text>
          </Paper>
          <ProblemAlert error={retry.error} title="Not retried" />
          <Group justify="flex-end" gap="sm">
            <CopyTextButton value={`${data.subject}\n\n${data.body}`} label="Copy" size="sm" />
            <Button
              component="a"
              href={messagePdfUrl(data.id)}
              target="_blank"
              rel="noopener"
              variant="default"
              size="sm"
            >
              Print PDF
            </Button>
            {data.status === 'failed' ? (
              <Button
                size="sm"
                loading={retry.isPending}
                onClick={() =>
                  retry.mutate(data.id, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: 'Queued again.' }),
                  })
                }
              >
                Retry
              </Button>
            ) : null}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
