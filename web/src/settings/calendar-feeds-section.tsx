import { Alert, Badge, Button, Code, Group, List, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  useCalendarFeeds,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
  useRotateCalendarFeed,
} from '../agenda/use-agenda';
import type { CalendarFeed, CalendarFeedCreated } from '../api/types';
import { useMe } from '../auth/use-auth';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyTextButton } from '../components/copy-text-button';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { formatDateTime } from '../format';
import { SettingsSection } from './settings-section';

/** A private calendar (.ics) of the agenda's items that have a due time. */
export function CalendarFeedsSection() {
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [revoking, setRevoking] = useState<CalendarFeed | null>(null);
  const [rotating, setRotating] = useState<CalendarFeed | null>(null);
  const timeZone = useMe().data?.practice.timeZone;

  return (
    <SettingsSection
      id="calendar-title"
      title="Calendar feed"
      description="See your agenda’s due items (calls to return, thank-yous, check-ins) in your own calendar. The feed is yours: it shows your practice’s agenda to anyone who has its address."
    >
      <Stack>
        {created ? (
          <Alert color="yellow" variant="light" title="Your calendar feed address" role="alert">
            <Stack gap="sm">
              <Text size="sm" fw={600}>
                Copy it now: this is the only time Vouch shows it. Anyone with this address can read
                your agenda, so keep it private; if it leaks, revoke it and create another.
              </Text>
              <Code
                block
                style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
                aria-label="Calendar feed address"
              >
                {created.url}
              </Code>
              <Group gap="sm">
                <CopyTextButton value={created.url} label="Copy address" size="sm" />
                <Button variant="default" size="sm" onClick={() => setCreated(null)}>
                  I have subscribed
                </Button>
              </Group>
              <Text size="sm" fw={600}>
                How to subscribe
              </Text>
              <List size="sm" spacing={4}>
                <List.Item>
                  <strong>Google Calendar</strong> (on a computer): next to “Other calendars”, click
                  +, choose “From URL”, paste the address and click “Add calendar”.
                </List.Item>
                <List.Item>
                  <strong>Outlook</strong>: Calendar → Add calendar → “Subscribe from web”, paste
                  the address, name it “Vouch” and import.
                </List.Item>
                <List.Item>
                  <strong>Apple Calendar</strong>: File → New Calendar Subscription, paste the
                  address.
                </List.Item>
              </List>
              <Text size="xs" c="dimmed">
                Calendars refresh subscribed feeds on their own schedule (Google: every few hours),
                so a completed item may linger there for a while.
              </Text>
            </Stack>
          </Alert>
        ) : (
          <Group>
            <Button
              onClick={() => create.mutate(undefined, { onSuccess: setCreated })}
              loading={create.isPending}
            >
              Create a calendar feed
            </Button>
          </Group>
        )}
        <ProblemAlert error={create.error} />
        {feeds.isPending ? <LoadingState /> : null}
        <ProblemAlert error={feeds.error} />
        {feeds.data && feeds.data.length === 0 ? <Text c="dimmed">No feeds yet.</Text> : null}
        {feeds.data && feeds.data.length > 0 ? (
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Created</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {feeds.data.map((feed) => (
                  <Table.Tr key={feed.id}>
                    <Table.Td>{formatDateTime(feed.createdAt, timeZone)}</Table.Td>
                    <Table.Td>
                      {feed.revokedAt ? (
                        <Badge color="gray" variant="light">
                          Revoked {formatDateTime(feed.revokedAt, timeZone)}
                        </Badge>
                      ) : (
                        <Group gap="xs">
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setRotating(feed)}
                            aria-label={`New address for the feed created ${formatDateTime(feed.createdAt, timeZone)}`}
                          >
                            New address
                          </Button>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => setRevoking(feed)}
                            aria-label={`Revoke the feed created ${formatDateTime(feed.createdAt, timeZone)}`}
                          >
                            Revoke
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke this calendar feed?"
        confirmLabel="Revoke feed"
        isPending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: 'Calendar feed revoked.' });
              setRevoking(null);
            },
          });
        }}
      >
        Calendars subscribed to it stop updating at once. This cannot be undone.
      </ConfirmDialog>
      <ConfirmDialog
        opened={rotating !== null}
        title="Give this feed a new address?"
        confirmLabel="New address"
        isPending={rotate.isPending}
        error={rotate.error}
        onCancel={() => {
          setRotating(null);
          rotate.reset();
        }}
        onConfirm={() => {
          if (!rotating) return;
          rotate.mutate(rotating.id, {
            onSuccess: (next) => {
              setCreated(next);
              setRotating(null);
            },
          });
        }}
      >
        The current address stops working at once (use this if it may have leaked). You will see the
        new address once, to subscribe again.
      </ConfirmDialog>
    </SettingsSection>
  );
}
