import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../api';
import { type AgendaItem, type AgendaQuery, URGENCIES, type Urgency } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { CelebrationBanner } from '../goals/celebration-banner';
import { LetterDialog } from '../letters/letter-dialog';
import { OnboardingChecklist } from '../onboarding/checklist';
import { AGENDA_KIND_PLURALS, AgendaItemCard } from './agenda-item-card';
import { letterFor } from './agenda-letters';
import { DismissDialog, SnoozeDateDialog, snoozeUntil } from './snooze-dialogs';
import { useAgenda, useAgendaAction, useSnooze, useUnmark } from './use-agenda';

export const URGENCY_HEADINGS: Record<Urgency, string> = {
  overdue: 'Overdue',
  today: 'Today',
  this_week: 'This week',
  later: 'Later',
};

const PER_KIND = 25;
const PER_KIND_MORE = 200;

/** Typing in a field, or working a menu or dialog: the page's shortcuts stay out of the way. */
function isTypingOrWidget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target.closest('[role="menu"], [role="dialog"], [role="listbox"]') !== null;
}

export function TodayPage() {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const at = params.get('at') || undefined;
  const includeSnoozed = params.get('snoozed') === '1';
  const perKind = params.get('more') === '1' ? PER_KIND_MORE : PER_KIND;
  const query: AgendaQuery = { at, perKind, ...(includeSnoozed ? { includeSnoozed: true } : {}) };
  const agenda = useAgenda(query);
  const action = useAgendaAction();
  const snooze = useSnooze();
  const unmark = useUnmark();
  const items = useMemo(() => agenda.data?.items ?? [], [agenda.data]);

  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [letterItem, setLetterItem] = useState<AgendaItem | null>(null);
  const [dateItem, setDateItem] = useState<AgendaItem | null>(null);
  const [dismissItem, setDismissItem] = useState<AgendaItem | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());
  /** After an item leaves, the focus goes to the one now at its place. */
  const pendingFocus = useRef<number | null>(null);

  const focusIndex = useCallback(
    (index: number) => {
      const item = items[Math.max(0, Math.min(items.length - 1, index))];
      if (!item) return;
      setActiveKey(item.key);
      const el = refs.current.get(item.key);
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    },
    [items],
  );

  useEffect(() => {
    if (pendingFocus.current === null || agenda.isFetching) return;
    const index = pendingFocus.current;
    pendingFocus.current = null;
    if (items.length > 0) focusIndex(index);
  }, [items, agenda.isFetching, focusIndex]);

  const perform = useCallback(
    (item: AgendaItem, which: 'primary' | 'secondary' = 'primary') => {
      const act = which === 'secondary' && item.secondary ? item.secondary : item.action;
      if (item.kind === 'give_back' && which === 'primary' && item.forWhom) {
        navigate(`/referrals/given?partnerId=${encodeURIComponent(item.forWhom.id)}`);
        return;
      }
      const index = items.findIndex((i) => i.key === item.key);
      action.mutate(
        { key: item.key, action: act },
        {
          onSuccess: () => {
            pendingFocus.current = index;
            notifications.show({ color: 'teal', message: `Done: ${act.label} — ${item.title}.` });
          },
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: `${act.label} did not work`,
              message: describeError(error),
            }),
        },
      );
    },
    [action, items, navigate],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingOrWidget(event.target)) return;
      if (letterItem || dateItem || dismissItem) return;
      const current = items.findIndex((i) => i.key === activeKey);
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        focusIndex(current < 0 ? 0 : current + 1);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        focusIndex(current < 0 ? 0 : current - 1);
      } else if (event.key === 'Enter') {
        // Enter on a button or link does what that button or link does.
        const target = event.target;
        if (target instanceof HTMLElement && target.closest('button, a')) return;
        const item = items[current];
        if (!item) return;
        event.preventDefault();
        perform(item);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, activeKey, focusIndex, perform, letterItem, dateItem, dismissItem]);

  const groups = URGENCIES.map((urgency) => ({
    urgency,
    items: items.filter((i) => i.urgency === urgency),
  })).filter((g) => g.items.length > 0);
  const letter = letterItem ? letterFor(letterItem) : null;

  return (
    <>
      <PageHeader
        title="Today"
        description="What to do, for whom, and why now — most pressing first."
        actions={
          <Button component={Link} to="/goals" variant="default">
            Goals
          </Button>
        }
      />
      <CelebrationBanner />
      <OnboardingChecklist />
      <Group justify="space-between" mb="md" gap="sm">
        <Text size="sm" c="dimmed" visibleFrom="sm">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> or arrows to move, <kbd>Enter</kbd> to do the item’s
          action.
        </Text>
        <Switch
          label="Show snoozed items"
          checked={includeSnoozed}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.currentTarget.checked) next.set('snoozed', '1');
            else next.delete('snoozed');
            setParams(next, { replace: true });
          }}
        />
      </Group>
      {at ? (
        <Alert color="blue" variant="light" mb="md" title="Preview">
          This is the agenda as it would look at {new Date(at).toLocaleString()}.{' '}
          <Anchor component={Link} to="/">
            Back to now
          </Anchor>
        </Alert>
      ) : null}
      <ProblemAlert error={agenda.error} />
      {agenda.isPending ? <LoadingState label="Loading your agenda…" /> : null}
      {agenda.isSuccess && items.length === 0 ? <NothingDue /> : null}
      <Stack gap="xl">
        {groups.map((group) => {
          const headingId = `agenda-${group.urgency}`;
          return (
            <section key={group.urgency} aria-labelledby={headingId}>
              <Group gap="xs" mb="sm" align="center">
                <Title order={2} fz="h3" id={headingId}>
                  {URGENCY_HEADINGS[group.urgency]}
                </Title>
                <Badge
                  variant="light"
                  color={group.urgency === 'overdue' ? 'red' : 'gray'}
                  aria-label={`${group.items.length} items`}
                >
                  {group.items.length}
                </Badge>
              </Group>
              <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
                {group.items.map((item) => (
                  <li key={item.key}>
                    <AgendaItemCard
                      ref={(el) => {
                        if (el) refs.current.set(item.key, el);
                        else refs.current.delete(item.key);
                      }}
                      item={item}
                      timeZone={timeZone}
                      isActive={item.key === activeKey}
                      isBusy={action.isPending && action.variables?.key === item.key}
                      onFocus={() => setActiveKey(item.key)}
                      onPerform={(act) =>
                        perform(item, act === item.action ? 'primary' : 'secondary')
                      }
                      onLetter={() => setLetterItem(item)}
                      onSnooze={(choice) => {
                        if (choice === 'date') {
                          setDateItem(item);
                          return;
                        }
                        const until = snoozeUntil(choice);
                        snooze.mutate(
                          { key: item.key, until: until.toISOString() },
                          {
                            onSuccess: () =>
                              notifications.show({
                                color: 'teal',
                                message: `“${item.title}” snoozed until ${until.toLocaleString()}.`,
                              }),
                            onError: (error) =>
                              notifications.show({
                                color: 'red',
                                title: 'Not snoozed',
                                message: describeError(error),
                              }),
                          },
                        );
                      }}
                      onDismiss={() => setDismissItem(item)}
                      onUnsnooze={() => unmark.mutate(item.key)}
                    />
                  </li>
                ))}
              </Stack>
            </section>
          );
        })}
      </Stack>
      {agenda.data && agenda.data.truncated.length > 0 ? (
        <Alert color="gray" variant="light" mt="lg" title="And more…">
          <Text size="sm">
            Only the {perKind} most pressing of each kind are listed. There are more{' '}
            {agenda.data.truncated.map((k) => AGENDA_KIND_PLURALS[k]).join(', ')}… Work through
            these first{perKind === PER_KIND ? ', or list more.' : '.'}
          </Text>
          {perKind === PER_KIND ? (
            <Button
              mt="sm"
              size="xs"
              variant="default"
              onClick={() => {
                const next = new URLSearchParams(params);
                next.set('more', '1');
                setParams(next, { replace: true });
              }}
            >
              List up to {PER_KIND_MORE} of each
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {letterItem && letter ? (
        <LetterDialog
          opened
          onClose={() => setLetterItem(null)}
          title={letter.title}
          templateKey={letter.templateKey}
          about={letter.about}
          cause={letter.cause}
        />
      ) : null}
      <SnoozeDateDialog item={dateItem} onClose={() => setDateItem(null)} />
      <DismissDialog item={dismissItem} onClose={() => setDismissItem(null)} />
    </>
  );
}

function NothingDue() {
  return (
    <Alert color="teal" variant="light" title="Nothing is due right now">
      <Text size="sm" mb="xs">
        Every referral is answered and every referrer thanked. A quiet day is the time to grow:
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>
          <Anchor component={Link} to="/contacts?sort=updatedAt">
            Log a touch with someone you have not spoken to lately
          </Anchor>
          .
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/contacts?role=client">
            Ask a happy client
          </Anchor>{' '}
          whom you helped recently whether they know someone like them.
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/network/most-wanted">
            Meet someone in a most-wanted category
          </Anchor>
          , or{' '}
          <Anchor component={Link} to="/survey">
            check that people know what you do
          </Anchor>
          .
        </List.Item>
      </List>
    </Alert>
  );
}
