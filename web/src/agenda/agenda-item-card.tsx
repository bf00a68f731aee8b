import { Anchor, Box, Button, Checkbox, Group, Menu, Paper, Text, Title } from '@mantine/core';
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

/** The heading of each kind's group on Today ("Respond to referrals · 3"). */
export const AGENDA_KIND_HEADINGS: Record<AgendaItem['kind'], string> = {
  respond: 'Respond to referrals',
  thank: 'Thank referrers',
  update_referrer: 'Update referrers',
  notify_partner: 'Tell partners about referrals',
  ask: 'Ask for referrals',
  remind_commitment: 'Commitments',
  reconnect_quiet_source: 'Reconnect with quiet sources',
  give_back: 'Give back',
  check_in_given: 'Check in on referrals given',
  keep_in_touch: 'Keep in touch',
  grow_category: 'Grow most-wanted categories',
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
  isSelected: boolean;
  onSelect: (selected: boolean) => void;
  onFocus: () => void;
  onPerform: (action: AgendaAction) => void;
  onLetter: () => void;
  onSnooze: (choice: SnoozeChoice | 'date') => void;
  onDismiss: () => void;
  onUnsnooze: () => void;
  /** The team to assign the item to (issue 14): shown when the practice has more than one. */
  team: { id: string; name: string }[];
  meId: string | undefined;
  onAssign: (userId: string | null) => void;
};

/** "Was due …" once the server counts it overdue (at the agenda's moment, `?at=` included). */
function dueText(item: AgendaItem, timeZone?: string): string | null {
  if (!item.dueAt) return null;
  const when = formatDateTime(item.dueAt, timeZone);
  return item.urgency === 'overdue' ? `Was due ${when}` : `Due ${when}`;
}

/**
 * One thing to do, in one or two lines (issue 11 §10): a box to select it, what and for whom,
 * why now and when, the one action that completes it, and the rest in a menu.
 */
export const AgendaItemCard = forwardRef<HTMLElement, AgendaItemCardProps>(
  function AgendaItemCard(props, ref) {
    const { item, timeZone, isActive, isBusy } = props;
    const titleId = `agenda-${item.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const letter = letterFor(item);
    const due = dueText(item, timeZone);
    const isGiveBack = item.kind === 'give_back';
    const when = [
      due,
      item.snoozedUntil ? `Snoozed until ${formatDateTime(item.snoozedUntil, timeZone)}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    return (
      <Paper
        ref={ref}
        component="article"
        withBorder
        px="sm"
        py={6}
        radius="sm"
        tabIndex={0}
        aria-labelledby={titleId}
        data-agenda-item={item.key}
        data-active={isActive || undefined}
        onFocus={(e: React.FocusEvent) => {
          if (e.target === e.currentTarget) props.onFocus();
        }}
        style={{
          outline: isActive ? '2px solid var(--mantine-color-teal-9)' : undefined,
          outlineOffset: 2,
          borderLeft: `4px solid var(--mantine-color-${item.urgency === 'overdue' ? 'red' : item.urgency === 'today' ? 'teal' : 'gray'}-6)`,
        }}
      >
        <Group gap="sm" wrap="nowrap" align="center">
          <Checkbox
            aria-label={`Select: ${item.title}`}
            checked={props.isSelected}
            onChange={(e) => props.onSelect(e.currentTarget.checked)}
          />
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Group gap={6} wrap="nowrap" align="baseline">
              <Title order={3} fz="sm" fw={600} id={titleId} lineClamp={1}>
                {item.title}
              </Title>
              {item.assignee ? (
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  · {item.assignee.id === props.meId ? 'yours' : item.assignee.name}
                </Text>
              ) : null}
              {item.forWhom ? (
                <Text size="xs" style={{ flexShrink: 0 }} visibleFrom="sm">
                  for{' '}
                  <Anchor component={Link} to={`/contacts/${item.forWhom.id}`} size="xs">
                    {item.forWhom.name}
                  </Anchor>
                </Text>
              ) : null}
            </Group>
            <Text size="xs" lineClamp={1} title={item.why}>
              {when ? (
                <Text span size="xs" fw={500} c={item.urgency === 'overdue' ? 'red.9' : undefined}>
                  {when} ·{' '}
                </Text>
              ) : null}
              {item.why}
            </Text>
          </Box>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {isGiveBack && item.forWhom ? (
              <Button
                size="xs"
                component={Link}
                to={`/referrals/given?partnerId=${encodeURIComponent(item.forWhom.id)}`}
              >
                {item.action.label}
              </Button>
            ) : (
              <Button
                size="xs"
                loading={isBusy}
                onClick={() => props.onPerform(item.action)}
                data-primary-action
              >
                {item.action.label}
              </Button>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" aria-label={`More: ${item.title}`}>
                  More
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {letter ? (
                  <Menu.Item onClick={props.onLetter}>{letter.buttonLabel}</Menu.Item>
                ) : null}
                {item.secondary ? (
                  <Menu.Item
                    disabled={isBusy}
                    onClick={() => {
                      if (item.secondary) props.onPerform(item.secondary);
                    }}
                  >
                    {item.secondary.label}
                  </Menu.Item>
                ) : null}
                {item.snoozedUntil ? (
                  <Menu.Item onClick={props.onUnsnooze}>Bring back now</Menu.Item>
                ) : (
                  <>
                    <Menu.Label>Snooze until</Menu.Label>
                    {(Object.keys(SNOOZE_LABELS) as SnoozeChoice[]).map((choice) => (
                      <Menu.Item key={choice} onClick={() => props.onSnooze(choice)}>
                        {SNOOZE_LABELS[choice]}
                      </Menu.Item>
                    ))}
                    <Menu.Item onClick={() => props.onSnooze('date')}>A day you choose…</Menu.Item>
                  </>
                )}
                {props.team.length > 1 ? (
                  <>
                    <Menu.Divider />
                    <Menu.Label>Assign to</Menu.Label>
                    {props.team
                      .filter((m) => m.id !== item.assignee?.id)
                      .map((m) => (
                        <Menu.Item key={m.id} onClick={() => props.onAssign(m.id)}>
                          {m.id === props.meId ? `${m.name} (me)` : m.name}
                        </Menu.Item>
                      ))}
                    {item.assignee ? (
                      <Menu.Item onClick={() => props.onAssign(null)}>Everyone</Menu.Item>
                    ) : null}
                  </>
                ) : null}
                <Menu.Divider />
                <Menu.Item onClick={props.onDismiss}>Dismiss…</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Paper>
    );
  },
);
