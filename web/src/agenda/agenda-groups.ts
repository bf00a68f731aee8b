import type { AgendaItem } from '../api/types';

/** Items overdue for longer than this go to the collapsed backlog (issue 11 §10). */
export const BACKLOG_DAYS = 30;
/** The choices of "Dismiss all older than …" (days overdue). */
export const BACKLOG_CHOICES = [30, 60, 90] as const;

const dayMs = 86_400_000;

export type KindGroup = { kind: AgendaItem['kind']; items: AgendaItem[] };

/** Overdue for more than `days` days at `now`. */
export function isBacklog(item: AgendaItem, now: number, days: number = BACKLOG_DAYS): boolean {
  if (item.urgency !== 'overdue' || !item.dueAt) return false;
  return now - Date.parse(item.dueAt) > days * dayMs;
}

/**
 * Groups items by kind, keeping the server's order (most urgent first): a group comes where its
 * most urgent item came, and lists its items in that order.
 */
export function groupByKind(items: readonly AgendaItem[]): KindGroup[] {
  const groups = new Map<AgendaItem['kind'], AgendaItem[]>();
  for (const item of items) {
    const list = groups.get(item.kind);
    if (list) list.push(item);
    else groups.set(item.kind, [item]);
  }
  return [...groups].map(([kind, list]) => ({ kind, items: list }));
}

/** Today's layout: the current items grouped by kind, and the backlog grouped the same way. */
export function layoutAgenda(
  items: readonly AgendaItem[],
  now: number,
): { groups: KindGroup[]; backlog: KindGroup[]; backlogCount: number } {
  const current = items.filter((i) => !isBacklog(i, now));
  const old = items.filter((i) => isBacklog(i, now));
  return { groups: groupByKind(current), backlog: groupByKind(old), backlogCount: old.length };
}

/** Rows a group shows before "Show all": the page stays a few screens long. */
export const GROUP_PREVIEW = 8;

/** The rows a group shows: the first few, or all once expanded. */
export function shownItems(
  group: KindGroup,
  expanded: boolean,
  limit: number = GROUP_PREVIEW,
): AgendaItem[] {
  return expanded ? group.items : group.items.slice(0, limit);
}

/** A group's id among the expanded ones: its part of the page and its kind. */
export const groupId = (part: 'agenda' | 'backlog', kind: AgendaItem['kind']) => `${part}:${kind}`;

/** The items in the order the page shows them (j/k walk this order). */
export function visibleOrder(
  layout: { groups: KindGroup[]; backlog: KindGroup[] },
  backlogOpen: boolean,
  expanded: ReadonlySet<string> = new Set(),
): AgendaItem[] {
  const parts = [['agenda', layout.groups] as const];
  const all = backlogOpen ? [...parts, ['backlog', layout.backlog] as const] : parts;
  return all.flatMap(([part, groups]) =>
    groups.flatMap((g) => shownItems(g, expanded.has(groupId(part, g.kind)))),
  );
}

/** Of the selected keys, those still on the page (a refetch may have removed some). */
export function selectedItems(items: readonly AgendaItem[], selected: ReadonlySet<string>) {
  return items.filter((i) => selected.has(i.key));
}
