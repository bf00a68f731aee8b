import type { WarmHandoffGroup, WarmHandoffInsight } from '../api/types';
import { WARM_HANDOFF_GROUP_LABELS } from '../labels';

function percent(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}

/** "2 of 3 contacted became clients (67 %)", or that none was contacted. */
export function describeCompletion(group: WarmHandoffGroup): string {
  if (group.contacted === 0 || group.rate === null) return 'none contacted yet';
  return `${group.clients} of ${group.contacted} contacted became clients (${percent(group.rate)})`;
}

/** Whether anything in the range was contacted, so there is a completion to compare. */
export function hasCompletion(insight: WarmHandoffInsight): boolean {
  return insight.groups.some((g) => g.contacted > 0);
}

/** "6.7 times as often" as said in a sentence; "as often" at 1. */
export function timesAsOftenText(times: number): string {
  if (times === 1) return 'as often';
  return `${times.toLocaleString('en', { maximumFractionDigits: 1 })} times as often`;
}

/** The card's sentence: each group's completion, side by side. */
export function warmHandoffSummary(insight: WarmHandoffInsight): string {
  return insight.groups
    .map((g) => `${WARM_HANDOFF_GROUP_LABELS[g.group]}: ${describeCompletion(g)}.`)
    .join(' ');
}

/**
 * The practice's own number, when it is known (both groups contacted, the rest completed some):
 * "Your warm introductions completed 3 times as often as the rest."
 */
export function timesAsOftenSentence(insight: WarmHandoffInsight): string | null {
  if (insight.timesAsOften === null) return null;
  return `Your warm introductions completed ${timesAsOftenText(insight.timesAsOften)} as the rest.`;
}

/**
 * The bars: completion in whole percent per group. A group nobody in was contacted has no
 * completion, so no bar (a 0 % bar would read as none completed); the table says so.
 */
export function completionBars(insight: WarmHandoffInsight) {
  return insight.groups.flatMap((g) =>
    g.rate === null
      ? []
      : [
          {
            group: g.group,
            name: WARM_HANDOFF_GROUP_LABELS[g.group],
            completionPercent: Math.round(g.rate * 100),
          },
        ],
  );
}
