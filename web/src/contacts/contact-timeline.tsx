import {
  Anchor,
  Button,
  Chip,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api';
import {
  type Contact,
  INTERACTION_KINDS,
  type InteractionKind,
  type ReciprocityNumbers,
  type TimelineItem,
  type TimelineKind,
} from '../api/types';
import { useMe } from '../auth/use-auth';
import { FormActions } from '../components/form-actions';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea, WhenField } from '../components/text-fields';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { INTERACTION_KIND_LABELS, TIMELINE_KIND_ICONS, TIMELINE_KIND_LABELS } from '../labels';
import { useDeleteInteraction, useLogTouch, useTimeline } from './use-timeline';

const KIND_COLORS: Record<TimelineKind, string> = {
  interaction: 'blue',
  stage: 'violet',
  referral_sent: 'teal',
  referral_about: 'green',
  referral_given_to: 'orange',
  referral_given_about: 'yellow',
  referral_event: 'gray',
};

const REFERRAL_KINDS: readonly TimelineKind[] = [
  'referral_sent',
  'referral_about',
  'referral_event',
];

/** Where a timeline entry leads: referrals to their page, given ones to the given list. */
function linkOf(item: TimelineItem): string | null {
  if (REFERRAL_KINDS.includes(item.kind)) return `/referrals/${item.refId}`;
  if (item.kind === 'referral_given_to' || item.kind === 'referral_given_about') {
    return '/referrals/given';
  }
  return null;
}

type Filter = 'all' | 'touches' | 'referrals' | 'stage';
const FILTERS: Record<Filter, { label: string; kinds: readonly TimelineKind[] | null }> = {
  all: { label: 'Everything', kinds: null },
  touches: { label: 'Touches', kinds: ['interaction'] },
  referrals: {
    label: 'Referrals',
    kinds: [
      'referral_sent',
      'referral_about',
      'referral_given_to',
      'referral_given_about',
      'referral_event',
    ],
  },
  stage: { label: 'Stage changes', kinds: ['stage'] },
};

/** The timeline, the reciprocity numbers and the referrals of a contact, from one request. */
export function ContactTimelineSection({
  contact,
  timeZone,
}: {
  contact: Contact;
  timeZone?: string;
}) {
  const timeline = useTimeline(contact.id);
  const remove = useDeleteInteraction();
  const [filter, setFilter] = useState<Filter>('all');
  const items = timeline.data?.items ?? [];
  const kinds = FILTERS[filter].kinds;
  const shown = kinds ? items.filter((item) => kinds.includes(item.kind)) : items;

  return (
    <Stack>
      {timeline.data ? (
        <ReciprocityCard
          numbers={timeline.data.reciprocity}
          name={contact.name}
          timeZone={timeZone}
        />
      ) : null}
      {timeline.data ? <ReferralLinks items={items} timeZone={timeZone} /> : null}
      <Panel id="timeline-heading" title="Timeline">
        <Chip.Group multiple={false} value={filter} onChange={(v) => setFilter(v as Filter)}>
          <Group gap={6} mb="sm" role="group" aria-label="Show in the timeline">
            {(Object.keys(FILTERS) as Filter[]).map((key) => (
              <Chip key={key} value={key} size="xs">
                {FILTERS[key].label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <ProblemAlert error={timeline.error ?? remove.error} />
        {timeline.isPending ? <Text c="dimmed">Loading…</Text> : null}
        {timeline.isSuccess && shown.length === 0 ? (
          <Text c="dimmed">Nothing here yet. Log a touch after you speak with {contact.name}.</Text>
        ) : null}
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {shown.map((item) => {
            const to = linkOf(item);
            return (
              <Group
                component="li"
                key={`${item.kind}-${item.refId}-${item.at}`}
                wrap="nowrap"
                align="flex-start"
                gap="sm"
              >
                <ThemeIcon
                  variant="light"
                  color={KIND_COLORS[item.kind]}
                  radius="xl"
                  size="md"
                  aria-hidden
                >
                  {TIMELINE_KIND_ICONS[item.kind]}
                </ThemeIcon>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {to ? (
                      <Anchor component={Link} to={to}>
                        {item.title}
                      </Anchor>
                    ) : (
                      item.title
                    )}
                  </Text>
                  {item.detail ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {item.detail}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {TIMELINE_KIND_LABELS[item.kind]} ·{' '}
                    <time dateTime={item.at}>{formatDateTime(item.at, timeZone)}</time>
                    {item.by ? ` · by ${item.by.name}` : null}
                  </Text>
                </div>
                {item.kind === 'interaction' ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`Delete touch: ${item.title}`}
                    loading={remove.isPending && remove.variables === item.refId}
                    onClick={() =>
                      remove.mutate(item.refId, {
                        onSuccess: () =>
                          notifications.show({ color: 'teal', message: 'Touch deleted.' }),
                      })
                    }
                  >
                    Delete
                  </Button>
                ) : null}
              </Group>
            );
          })}
        </Stack>
      </Panel>
    </Stack>
  );
}

function ReciprocityCard(props: { numbers: ReciprocityNumbers; name: string; timeZone?: string }) {
  const { numbers } = props;
  const me = useMe();
  const threshold = me.data?.practice.settings.giveBackThreshold ?? 2;
  return (
    <Panel id="recip-heading" title="Give and get">
      <SimpleGrid cols={3} component="dl" m={0}>
        {[
          ['Received from them', numbers.received],
          ['Given to them', numbers.given],
          ['Balance', numbers.balance > 0 ? `+${numbers.balance}` : numbers.balance],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0} fw={700} fz="xl">
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="xs">
        Last exchange: {formatDate(numbers.lastExchangeAt, props.timeZone)}
        {numbers.balance >= threshold ? ` · You owe ${props.name} a referral.` : ''}
      </Text>
    </Panel>
  );
}

/** The referrals they sent and the ones about them, newest first, linking to each. */
function ReferralLinks({ items, timeZone }: { items: TimelineItem[]; timeZone?: string }) {
  const sent = items.filter((i) => i.kind === 'referral_sent');
  const about = items.filter((i) => i.kind === 'referral_about');
  if (sent.length === 0 && about.length === 0) return null;
  const list = (entries: TimelineItem[]) => (
    <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
      {entries.map((entry) => (
        <li key={entry.refId}>
          <Anchor component={Link} to={`/referrals/${entry.refId}`} size="sm">
            {entry.title}
          </Anchor>
          <Text span size="xs" c="dimmed">
            {' '}
            · {formatDate(entry.at, timeZone)}
          </Text>
        </li>
      ))}
    </Stack>
  );
  return (
    <Panel id="refs-heading" title="Referrals">
      {sent.length > 0 ? (
        <>
          <Text size="sm" fw={600}>
            They sent ({sent.length})
          </Text>
          {list(sent)}
        </>
      ) : null}
      {about.length > 0 ? (
        <>
          <Text size="sm" fw={600} mt={sent.length ? 'sm' : 0}>
            About them ({about.length})
          </Text>
          {list(about)}
        </>
      ) : null}
    </Panel>
  );
}

/** Log a touch: kind, when (default now), summary. */
export function LogTouchForm({ contact }: { contact: Contact }) {
  const log = useLogTouch(contact.id);
  const [kind, setKind] = useState<InteractionKind>('meeting');
  const [when, setWhen] = useState(() => toLocalInput());
  const [summary, setSummary] = useState('');
  return (
    <Panel id="touch-heading" title="Log a touch">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const occurredAt = fromLocalInput(when);
          log.mutate(
            {
              kind,
              ...(occurredAt ? { occurredAt } : {}),
              ...(summary.trim() ? { summary: summary.trim() } : {}),
            },
            {
              onSuccess: () => {
                setSummary('');
                setWhen(toLocalInput());
                notifications.show({
                  color: 'teal',
                  message: `${INTERACTION_KIND_LABELS[kind]} with ${contact.name} logged.`,
                });
              },
              onError: (error) =>
                notifications.show({
                  color: 'red',
                  title: 'Not logged',
                  message: describeError(error),
                }),
            },
          );
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NativeSelect
              label="Kind of touch"
              value={kind}
              data={INTERACTION_KINDS.map((k) => ({ value: k, label: INTERACTION_KIND_LABELS[k] }))}
              onChange={(e) =>
                setKind(INTERACTION_KINDS.find((k) => k === e.currentTarget.value) ?? 'note')
              }
            />
            <WhenField label="When" value={when} onValueChange={setWhen} />
          </SimpleGrid>
          <GrowingTextarea
            label="Summary"
            placeholder="What you talked about, what you promised"
            maxLength={2000}
            value={summary}
            onValueChange={setSummary}
          />
          <ProblemAlert error={log.error} />
          <FormActions submitLabel="Log touch" isPending={log.isPending} />
        </Stack>
      </form>
    </Panel>
  );
}

/** "Next touch due" with the cadence that sets it. */
export function NextTouchCard({ contact, timeZone }: { contact: Contact; timeZone?: string }) {
  const cadence = contact.cadenceDays;
  const source =
    contact.keepInTouchDays !== null
      ? 'their own cadence'
      : 'the practice’s cadence for their stage and roles';
  return (
    <Panel id="next-touch" title="Next touch due" fz="h4" headingMb={4}>
      {cadence === null || contact.nextTouchDueAt === null ? (
        <Text c="dimmed" size="sm">
          No keep-in-touch cadence for {contact.name}. Set one in their form if you want a reminder.
        </Text>
      ) : (
        <>
          <Text fw={600} c={contact.touchState === 'due' ? 'orange.8' : undefined}>
            {contact.touchState === 'due' ? 'Due now — since ' : ''}
            {formatDate(contact.nextTouchDueAt, timeZone)}
          </Text>
          <Text size="sm" c="dimmed">
            Every {cadence} {cadence === 1 ? 'day' : 'days'} ({source}). Last touch:{' '}
            {formatDate(contact.lastTouchAt, timeZone)}.
          </Text>
        </>
      )}
    </Panel>
  );
}
