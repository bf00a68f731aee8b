import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Group,
  List,
  Menu,
  NativeSelect,
  Paper,
  SegmentedControl,
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
import { useMembers } from '../team/use-members';
import {
  BACKLOG_CHOICES,
  BACKLOG_DAYS,
  GROUP_PREVIEW,
  groupId,
  type KindGroup,
  layoutAgenda,
  selectedItems,
  shownItems,
  visibleOrder,
} from './agenda-groups';
import { AGENDA_KIND_HEADINGS, AGENDA_KIND_PLURALS, AgendaItemCard } from './agenda-item-card';
import { letterFor } from './agenda-letters';
import {
  DismissDialog,
  SNOOZE_LABELS,
  type SnoozeChoice,
  SnoozeDateDialog,
  snoozeUntil,
} from './snooze-dialogs';
import { useUndoToast } from './undo-toast';
import { useAgenda, useAssignItem, useBulkAction, usePerformItem, useUnmark } from './use-agenda';

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

const showError = (title: string, error: unknown) =>
  notifications.show({ color: 'red', title, message: describeError(error) });

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function TodayPage() {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const at = params.get('at') || undefined;
  const includeSnoozed = params.get('snoozed') === '1';
  const perKind = params.get('more') === '1' ? PER_KIND_MORE : PER_KIND;
  // "Mine" or everyone's (issue 14 §4): only offered when the practice is more than one person.
  const members = useMembers();
  const team = members.data ?? [];
  const isMine = params.get('whose') === 'mine' && team.length > 1;
  const query: AgendaQuery = {
    at,
    perKind,
    ...(includeSnoozed ? { includeSnoozed: true } : {}),
    ...(isMine ? { assignee: 'mine' as const } : {}),
  };
  const assign = useAssignItem();
  const agenda = useAgenda(query);
  const doItem = usePerformItem();
  const bulk = useBulkAction();
  const unmark = useUnmark();
  const toast = useUndoToast();
  const items = useMemo(() => agenda.data?.items ?? [], [agenda.data]);
  const now = agenda.data ? Date.parse(agenda.data.at) : Date.now();
  const layout = useMemo(() => layoutAgenda(items, now), [items, now]);
  const [backlogOpen, setBacklogOpen] = useState(false);
  const [olderThan, setOlderThan] = useState<number>(BACKLOG_DAYS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const order = useMemo(
    () => visibleOrder(layout, backlogOpen, expanded),
    [layout, backlogOpen, expanded],
  );

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = useMemo(() => selectedItems(items, selected), [items, selected]);
  const select = (keys: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      return next;
    });
  const clearSelection = () => setSelected(new Set());

  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [letterItem, setLetterItem] = useState<AgendaItem | null>(null);
  const [dateItem, setDateItem] = useState<AgendaItem | null>(null);
  const [dismissItems, setDismissItems] = useState<AgendaItem[]>([]);
  const refs = useRef(new Map<string, HTMLElement>());
  /** After an item leaves, the focus goes to the one now at its place. */
  const pendingFocus = useRef<number | null>(null);

  const focusIndex = useCallback(
    (index: number) => {
      const item = order[Math.max(0, Math.min(order.length - 1, index))];
      if (!item) return;
      setActiveKey(item.key);
      const el = refs.current.get(item.key);
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    },
    [order],
  );

  useEffect(() => {
    if (pendingFocus.current === null || agenda.isFetching) return;
    const index = pendingFocus.current;
    pendingFocus.current = null;
    if (order.length > 0) focusIndex(index);
  }, [order, agenda.isFetching, focusIndex]);

  /**
   * An item's action. Items the agenda can take back go through it (Undo in the toast); the
   * others follow their own path (a plain confirmation).
   */
  const perform = useCallback(
    (item: AgendaItem, which: 'primary' | 'secondary' = 'primary') => {
      const act = which === 'secondary' && item.secondary ? item.secondary : item.action;
      if (item.kind === 'give_back' && which === 'primary' && item.forWhom) {
        navigate(`/referrals/given?partnerId=${encodeURIComponent(item.forWhom.id)}`);
        return;
      }
      const index = order.findIndex((i) => i.key === item.key);
      const message = `Done: ${act.label} — ${item.title}.`;
      const onError = (error: unknown) => showError(`${act.label} did not work`, error);
      // Focus stays at the item's place, after the action and after its undo alike.
      const undoable = {
        onSuccess: (result: { undoId: string | null }) => {
          pendingFocus.current = index;
          toast(message, result.undoId, () => {
            pendingFocus.current = index;
          });
        },
        onError,
      };
      if (item.kind === 'grow_category' && which === 'primary') {
        // "Done for this week" sets the item aside: a dismissal, which the agenda can take back.
        bulk.mutate({ action: 'dismiss', keys: [item.key], reason: act.label }, undoable);
        return;
      }
      // Every other kind is one the agenda does itself and can take back (`undoableKinds`).
      doItem.mutate({ key: item.key, which }, undoable);
    },
    [bulk, doItem, order, navigate, toast],
  );

  /**
   * Enter does the obvious thing: a thank-you or a referrer update opens its letter (sending it
   * records it), so Enter never records "referrer updated" with nothing sent; any other item's
   * action is done at once, with Undo.
   */
  const enter = useCallback(
    (item: AgendaItem) => {
      if (letterFor(item) && (item.kind === 'thank' || item.kind === 'update_referrer')) {
        setLetterItem(item);
        return;
      }
      perform(item);
    },
    [perform],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingOrWidget(event.target)) return;
      if (letterItem || dateItem || dismissItems.length > 0) return;
      const current = order.findIndex((i) => i.key === activeKey);
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
        const item = order[current];
        if (!item) return;
        event.preventDefault();
        enter(item);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [order, activeKey, focusIndex, enter, letterItem, dateItem, dismissItems]);

  const snoozeKeys = (keys: string[], label: string, until: Date, onDone?: () => void) =>
    bulk.mutate(
      { action: 'snooze', keys, until: until.toISOString() },
      {
        onSuccess: (result) => {
          toast(`${label} snoozed until ${until.toLocaleString()}.`, result.undoId);
          onDone?.();
        },
        onError: (error) => showError('Not snoozed', error),
      },
    );

  const thankable = chosen.filter((i) => i.kind === 'thank');
  const markThanked = () =>
    bulk.mutate(
      { action: 'done', keys: thankable.map((i) => i.key) },
      {
        onSuccess: (result) => {
          toast(`${plural(result.count, 'referrer')} marked thanked.`, result.undoId);
          clearSelection();
        },
        onError: (error) => showError('Not marked thanked', error),
      },
    );

  const dismissOlder = () =>
    bulk.mutate(
      {
        action: 'dismiss',
        olderThanDays: olderThan,
        reason: `Cleared from the backlog: overdue for more than ${olderThan} days`,
      },
      {
        onSuccess: (result) => {
          toast(
            result.count === 0
              ? `Nothing is overdue for more than ${olderThan} days.`
              : `${plural(result.count, 'item')} overdue for more than ${olderThan} days dismissed.`,
            result.undoId,
          );
          clearSelection();
        },
        onError: (error) => showError('Not dismissed', error),
      },
    );

  const letter = letterItem ? letterFor(letterItem) : null;
  const counts = agenda.data?.counts;

  const truncated = new Set(agenda.data?.truncated ?? []);
  const renderGroup = (group: KindGroup, part: 'agenda' | 'backlog') => {
    const headingId = `${part}-${group.kind}`;
    const id = groupId(part, group.kind);
    const isExpanded = expanded.has(id);
    const rows = shownItems(group, isExpanded);
    const more = group.items.length - rows.length;
    // "25+" when the server listed only the most pressing of this kind.
    const count = `${group.items.length}${truncated.has(group.kind) ? '+' : ''}`;
    const keys = group.items.map((i) => i.key);
    const allOn = keys.every((k) => selected.has(k));
    const someOn = keys.some((k) => selected.has(k));
    return (
      <section key={group.kind} aria-labelledby={headingId}>
        <Group gap="xs" mb={6} align="center">
          <Checkbox
            size="xs"
            aria-label={`Select all: ${AGENDA_KIND_HEADINGS[group.kind]}`}
            checked={allOn}
            indeterminate={someOn && !allOn}
            onChange={(e) => select(keys, e.currentTarget.checked)}
          />
          <Title order={2} fz="md" id={headingId}>
            {AGENDA_KIND_HEADINGS[group.kind]} · {count}
          </Title>
        </Group>
        <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((item) => (
            <li key={item.key}>
              <AgendaItemCard
                ref={(el) => {
                  if (el) refs.current.set(item.key, el);
                  else refs.current.delete(item.key);
                }}
                item={item}
                timeZone={timeZone}
                isActive={item.key === activeKey}
                isBusy={doItem.isPending && doItem.variables?.key === item.key}
                isSelected={selected.has(item.key)}
                onSelect={(on) => select([item.key], on)}
                onFocus={() => setActiveKey(item.key)}
                onPerform={(act) => perform(item, act === item.action ? 'primary' : 'secondary')}
                onLetter={() => setLetterItem(item)}
                onSnooze={(choice) => {
                  if (choice === 'date') setDateItem(item);
                  else snoozeKeys([item.key], `“${item.title}”`, snoozeUntil(choice));
                }}
                onDismiss={() => setDismissItems([item])}
                onUnsnooze={() => unmark.mutate(item.key)}
                team={team}
                meId={me.data?.user.id}
                onAssign={(userId) =>
                  assign.mutate(
                    { key: item.key, userId },
                    { onError: (error) => showError('Could not assign it', error) },
                  )
                }
              />
            </li>
          ))}
        </Stack>
        {more > 0 || isExpanded ? (
          <Button
            size="xs"
            variant="subtle"
            color="dark"
            mt={4}
            aria-expanded={isExpanded}
            onClick={() =>
              setExpanded((prev) => {
                const next = new Set(prev);
                if (isExpanded) next.delete(id);
                else next.add(id);
                return next;
              })
            }
          >
            {isExpanded
              ? `Show the first ${GROUP_PREVIEW} only`
              : `Show all ${group.items.length} (${more} more)`}
          </Button>
        ) : null}
      </section>
    );
  };

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
        {counts ? (
          <Group gap={6} role="group" aria-label="Items by urgency">
            {URGENCIES.filter((u) => counts[u] > 0).map((u) => (
              <Badge key={u} variant="light" color={u === 'overdue' ? 'red' : 'gray'}>
                {URGENCY_HEADINGS[u]} {counts[u]}
              </Badge>
            ))}
          </Group>
        ) : (
          <span />
        )}
        {team.length > 1 ? (
          <SegmentedControl
            aria-label="Whose items"
            size="xs"
            value={isMine ? 'mine' : 'everyone'}
            data={[
              { value: 'everyone', label: 'Everyone’s' },
              { value: 'mine', label: 'Mine' },
            ]}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value === 'mine') next.set('whose', 'mine');
              else next.delete('whose');
              setParams(next, { replace: true });
            }}
          />
        ) : null}
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
      <Text size="xs" mb="sm" visibleFrom="sm">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> or arrows to move, <kbd>Enter</kbd> to do the item’s action
        (a thank-you or an update opens its letter). Every action can be undone from its message.
      </Text>
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
      <Stack gap="lg">{layout.groups.map((g) => renderGroup(g, 'agenda'))}</Stack>
      {layout.backlogCount > 0 ? (
        <Paper withBorder p="sm" mt="lg" component="section" aria-labelledby="agenda-backlog">
          <Group justify="space-between" gap="sm">
            <Button
              variant="subtle"
              color="dark"
              id="agenda-backlog"
              aria-expanded={backlogOpen}
              aria-controls="agenda-backlog-items"
              onClick={() => setBacklogOpen((o) => !o)}
            >
              {backlogOpen ? '▾' : '▸'} Backlog ({layout.backlogCount})
            </Button>
            <Group gap="xs" align="flex-end">
              <NativeSelect
                size="xs"
                aria-label="Overdue for more than"
                value={String(olderThan)}
                onChange={(e) => setOlderThan(Number(e.currentTarget.value))}
                data={BACKLOG_CHOICES.map((d) => ({ value: String(d), label: `${d} days` }))}
              />
              <Button size="xs" variant="default" loading={bulk.isPending} onClick={dismissOlder}>
                Dismiss all older than {olderThan} days
              </Button>
            </Group>
          </Group>
          <Text size="xs" mt={4}>
            Overdue for more than {BACKLOG_DAYS} days. Do what still matters; dismiss the rest in
            one go (you can undo it).
          </Text>
          <Collapse expanded={backlogOpen} id="agenda-backlog-items">
            <Stack gap="lg" mt="md">
              {backlogOpen ? layout.backlog.map((g) => renderGroup(g, 'backlog')) : null}
            </Stack>
          </Collapse>
        </Paper>
      ) : null}
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
      {chosen.length > 0 ? (
        <Paper
          withBorder
          shadow="md"
          p="sm"
          mt="md"
          role="region"
          aria-label="Selected items"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
        >
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={600}>
              {plural(chosen.length, 'item')} selected
            </Text>
            <Group gap="xs">
              {thankable.length > 0 ? (
                <Button size="xs" loading={bulk.isPending} onClick={markThanked}>
                  Mark thanked ({thankable.length})
                </Button>
              ) : null}
              <Menu position="top-end" withinPortal>
                <Menu.Target>
                  <Button size="xs" variant="default">
                    Snooze selected
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {(Object.keys(SNOOZE_LABELS) as SnoozeChoice[]).map((choice) => (
                    <Menu.Item
                      key={choice}
                      onClick={() =>
                        snoozeKeys(
                          chosen.map((i) => i.key),
                          plural(chosen.length, 'item'),
                          snoozeUntil(choice),
                          clearSelection,
                        )
                      }
                    >
                      {SNOOZE_LABELS[choice]}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={() => setDismissItems(chosen)}
              >
                Dismiss selected…
              </Button>
              <Button size="xs" variant="subtle" color="dark" onClick={clearSelection}>
                Clear
              </Button>
            </Group>
          </Group>
        </Paper>
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
      <DismissDialog
        items={dismissItems}
        onClose={() => setDismissItems([])}
        onDone={clearSelection}
      />
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
