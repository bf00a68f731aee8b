import { Anchor, Badge, Button, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { forwardRef } from 'react';
import { Link } from 'react-router';
import type { AgendaAction, AgendaItem } from '../api/types';
import { formatDateTime } from '../format';
import { letterFor } from './agenda-letters';
import { SNOOZE_LABELS, type SnoozeChoice } from './snooze-dialogs';

export const AGENDA_KIND_LABELS: Record<AgendaItem['kind'], string> = {
  respond: 'Respond',
  thank: 'Thank',
  update_referrer: 'Update the referrer',
  notify_partner: 'Notify a partner',
  ask: 'Ask',
  remind_commitment: 'Commitment',
  reconnect_quiet_source: 'Quiet source',
  give_back: 'Give back',
  check_in_given: 'Check in',
  keep_in_touch: 'Keep in touch',
  grow_category: 'Most-wanted',
  explain: 'Explain what you do',
};

/** Plural names of the kinds, for "and more…". */
export const AGENDA_KIND_PLURALS: Record<AgendaItem['kind'], string> = {
  respond: 'new referrals to respond to',
  thank: 'thank-yous',
  update_referrer: 'referrer updates',
  notify_partner: 'partners to notify',
  ask: 'asks',
  remind_commitment: 'commitment reminders',
  reconnect_quiet_source: 'quiet sources',
  give_back: 'partners to give back to',
  check_in_given: 'check-ins',
  keep_in_touch: 'people to keep in touch with',
  grow_category: 'most-wanted categories',
  explain: 'people to explain your work to',
};

type AgendaItemCardProps = {
  item: AgendaItem;
  timeZone?: string;
  isActive: boolean;
  isBusy: boolean;
  onFocus: () => void;
  onPerform: (action: AgendaAction) => void;
  onLetter: () => void;
  onSnooze: (choice: SnoozeChoice | 'date') => void;
  onDismiss: () => void;
  onUnsnooze: () => void;
};

function dueText(item: AgendaItem, timeZone?: string): string | null {
  if (!item.dueAt) return null;
  const when = formatDateTime(item.dueAt, timeZone);
  return new Date(item.dueAt).getTime() < Date.now() ? `Was due ${when}` : `Due ${when}`;
}

/** One thing to do: what, for whom, why now, when — and the one action that completes it. */
export const AgendaItemCard = forwardRef<HTMLElement, AgendaItemCardProps>(
  function AgendaItemCard(props, ref) {
    const { item, timeZone, isActive, isBusy } = props;
    const titleId = `agenda-${item.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const letter = letterFor(item);
    const due = dueText(item, timeZone);
    const isGiveBack = item.kind === 'give_back';
    return (
      <Paper
        ref={ref}
        component="article"
        withBorder
        p="md"
        radius="md"
        tabIndex={0}
        aria-labelledby={titleId}
        data-agenda-item={item.key}
        data-active={isActive || undefined}
        onFocus={(e: React.FocusEvent) => {
          if (e.target === e.currentTarget) props.onFocus();
        }}
        style={{
          outline: isActive ? '2px solid var(--mantine-color-teal-6)' : undefined,
          outlineOffset: 2,
          borderLeft: `4px solid var(--mantine-color-${item.urgency === 'overdue' ? 'red' : item.urgency === 'today' ? 'teal' : 'gray'}-6)`,
        }}
      >
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
            <Title order={3} fz="lg" id={titleId}>
              {item.title}
            </Title>
            <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
              {AGENDA_KIND_LABELS[item.kind]}
            </Badge>
          </Group>
          {item.forWhom ? (
            <Text size="sm">
              For{' '}
              <Anchor component={Link} to={`/contacts/${item.forWhom.id}`}>
                {item.forWhom.name}
              </Anchor>
            </Text>
          ) : null}
          <Text size="sm">{item.why}</Text>
          {due || item.snoozedUntil ? (
            <Text size="xs" c={item.urgency === 'overdue' ? 'red.8' : 'dimmed'}>
              {due}
              {due && item.snoozedUntil ? ' · ' : null}
              {item.snoozedUntil
                ? `Snoozed until ${formatDateTime(item.snoozedUntil, timeZone)}`
                : null}
            </Text>
          ) : null}
          <Group gap="xs" mt={4}>
            {isGiveBack && item.forWhom ? (
              <Button
                size="sm"
                component={Link}
                to={`/referrals/given?partnerId=${encodeURIComponent(item.forWhom.id)}`}
              >
                {item.action.label}
              </Button>
            ) : (
              <Button
                size="sm"
                loading={isBusy}
                onClick={() => props.onPerform(item.action)}
                data-primary-action
              >
                {item.action.label}
              </Button>
            )}
            {letter ? (
              <Button size="sm" variant="light" onClick={props.onLetter}>
                {letter.buttonLabel}
              </Button>
            ) : null}
            {item.secondary ? (
              <Button
                size="sm"
                variant="subtle"
                disabled={isBusy}
                onClick={() => {
                  if (item.secondary) props.onPerform(item.secondary);
                }}
              >
                {item.secondary.label}
              </Button>
            ) : null}
            {item.snoozedUntil ? (
              <Button size="sm" variant="subtle" onClick={props.onUnsnooze}>
                Bring back now
              </Button>
            ) : (
              <Menu position="bottom-start" withinPortal>
                <Menu.Target>
                  <Button size="sm" variant="default" aria-label={`Snooze: ${item.title}`}>
                    Snooze
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>Snooze until</Menu.Label>
                  {(Object.keys(SNOOZE_LABELS) as SnoozeChoice[]).map((choice) => (
                    <Menu.Item key={choice} onClick={() => props.onSnooze(choice)}>
                      {SNOOZE_LABELS[choice]}
                    </Menu.Item>
                  ))}
                  <Menu.Item onClick={() => props.onSnooze('date')}>A day you choose…</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Button
              size="sm"
              variant="subtle"
              color="gray"
              onClick={props.onDismiss}
              aria-label={`Dismiss: ${item.title}`}
            >
              Dismiss
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  },
);
