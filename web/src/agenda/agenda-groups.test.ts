import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../api/types';
import {
  GROUP_PREVIEW,
  groupByKind,
  groupId,
  isBacklog,
  layoutAgenda,
  selectedItems,
  visibleOrder,
} from './agenda-groups';

const now = Date.parse('2026-03-02T09:00:00.000Z');
const daysAgo = (n: number) => new Date(now - n * 86_400_000).toISOString();

function item(key: string, kind: AgendaItem['kind'], more: Partial<AgendaItem> = {}): AgendaItem {
  return {
    key,
    kind,
    rank: 1,
    title: key,
    forWhom: null,
    party: null,
    why: '',
    dueAt: null,
    urgency: 'today',
    action: { label: 'Do', method: 'POST', path: '/x', body: null },
    subject: { type: 'referral', id: key },
    undoable: true,
    assignee: null,
    ...more,
  };
}

describe('Today grouping', () => {
  it('groups by kind in the order of each kind’s most urgent item, keeping item order', () => {
    const items = [
      item('t1', 'thank', { urgency: 'overdue' }),
      item('r1', 'respond', { urgency: 'overdue' }),
      item('t2', 'thank'),
      item('k1', 'keep_in_touch'),
      item('r2', 'respond'),
    ];
    expect(groupByKind(items).map((g) => [g.kind, g.items.map((i) => i.key)])).toEqual([
      ['thank', ['t1', 't2']],
      ['respond', ['r1', 'r2']],
      ['keep_in_touch', ['k1']],
    ]);
  });

  it('puts items overdue for more than 30 days in the backlog, and walks it only when open', () => {
    const items = [
      item('old', 'respond', { urgency: 'overdue', dueAt: daysAgo(31) }),
      item('edge', 'respond', { urgency: 'overdue', dueAt: daysAgo(30) }),
      item('new', 'thank', { urgency: 'overdue', dueAt: daysAgo(2) }),
      item('undated', 'update_referrer', { urgency: 'today' }),
    ];
    expect(isBacklog(items[0] as AgendaItem, now)).toBe(true);
    expect(isBacklog(items[1] as AgendaItem, now)).toBe(false);
    expect(isBacklog(items[0] as AgendaItem, now, 60)).toBe(false);
    const layout = layoutAgenda(items, now);
    expect(layout.backlogCount).toBe(1);
    expect(layout.backlog.map((g) => g.kind)).toEqual(['respond']);
    expect(visibleOrder(layout, false).map((i) => i.key)).toEqual(['edge', 'new', 'undated']);
    expect(visibleOrder(layout, true).map((i) => i.key)).toEqual(['edge', 'new', 'undated', 'old']);
  });

  it('shows the first rows of a long group until it is expanded; j/k walk what is shown', () => {
    const many = Array.from({ length: GROUP_PREVIEW + 3 }, (_, n) => item(`t${n}`, 'thank'));
    const layout = layoutAgenda([...many, item('r', 'respond')], now);
    expect(visibleOrder(layout, false).map((i) => i.key)).toEqual([
      ...many.slice(0, GROUP_PREVIEW).map((i) => i.key),
      'r',
    ]);
    const open = new Set([groupId('agenda', 'thank')]);
    expect(visibleOrder(layout, false, open)).toHaveLength(GROUP_PREVIEW + 4);
    // Expanding the backlog's group of a kind does not expand the current one.
    expect(visibleOrder(layout, false, new Set([groupId('backlog', 'thank')]))).toHaveLength(
      GROUP_PREVIEW + 1,
    );
  });

  it('keeps only the selected items still listed', () => {
    const items = [item('a', 'thank'), item('b', 'thank')];
    expect(selectedItems(items, new Set(['b', 'gone'])).map((i) => i.key)).toEqual(['b']);
  });
});
