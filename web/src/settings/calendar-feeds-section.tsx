import { Button, Group, List, Stack, Table, Text } from '@mantine/core';
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
import { DataTable } from '../components/data-table';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { formatDateTime } from '../format';
import { ConfirmOnItem, OneTimeSecret, RevocableStatus } from './revocable-secrets';
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
          <OneTimeSecret
            title="Your calendar feed address"
            warning="Copy it now: this is the only time Vouch shows it. Anyone with this address can read your agenda, so keep it private; if it leaks, revoke it and create another."
            value={created.url}
            valueLabel="Calendar feed address"
            copyLabel="Copy address"
            doneLabel="I have subscribed"
            onDone={() => setCreated(null)}
          >
            <Text size="sm" fw={600}>
              How to subscribe
            </Text>
            <List size="sm" spacing={4}>
              <List.Item>
                <strong>Google Calendar</strong> (on a computer): next to “Other calendars”, click
                +, choose “From URL”, paste the address and click “Add calendar”.
              </List.Item>
              <List.Item>
                <strong>Outlook</strong>: Calendar → Add calendar → “Subscribe from web”, paste the
                address, name it “Vouch” and import.
              </List.Item>
              <List.Item>
                <strong>Apple Calendar</strong>: File → New Calendar Subscription, paste the
                address.
              </List.Item>
            </List>
            <Text size="xs" c="dimmed">
              Calendars refresh subscribed feeds on their own schedule (Google: every few hours), so
              a completed item may linger there for a while.
            </Text>
          </OneTimeSecret>
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
        <QueryContent query={feeds}>
          {(rows) =>
            rows.length === 0 ? (
              <Text c="dimmed">No feeds yet.</Text>
            ) : (
              <DataTable minWidth={420} verticalSpacing="sm" columns={['Created', 'Status']}>
                {rows.map((feed) => (
                  <Table.Tr key={feed.id}>
                    <Table.Td>{formatDateTime(feed.createdAt, timeZone)}</Table.Td>
                    <Table.Td>
                      <RevocableStatus revokedAt={feed.revokedAt} timeZone={timeZone}>
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
                      </RevocableStatus>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )
          }
        </QueryContent>
      </Stack>
      <ConfirmOnItem
        item={revoking}
        onClose={() => setRevoking(null)}
        action={revoke}
        title="Revoke this calendar feed?"
        confirmLabel="Revoke feed"
        onDone={() => notifications.show({ color: 'teal', message: 'Calendar feed revoked.' })}
      >
        Calendars subscribed to it stop updating at once. This cannot be undone.
      </ConfirmOnItem>
      <ConfirmOnItem
        item={rotating}
        onClose={() => setRotating(null)}
        action={rotate}
        title="Give this feed a new address?"
        confirmLabel="New address"
        onDone={(next) => setCreated(next)}
      >
        The current address stops working at once (use this if it may have leaked). You will see the
        new address once, to subscribe again.
      </ConfirmOnItem>
    </SettingsSection>
  );
}
