import { type Stage, stageRank } from '../contacts/contact.rules.ts';
import type { FieldError } from '../platform/errors.ts';

/** The most-wanted list holds at most this many categories (PRODUCT.md §2). */
export const mostWantedMax = 10;

/** Coverage counts contacts at stage `knows` or above (PRODUCT.md §2). */
export const coveringStageRank = stageRank('knows');

export function isCovering(stage: Stage): boolean {
  return stageRank(stage) >= coveringStageRank;
}

/** The category's own target, else the practice default. */
export function effectiveTarget(own: number | null, practiceDefault: number): number {
  return own ?? practiceDefault;
}

/** How many more relationships the category needs to reach its target. */
export function coverageGap(target: number, coverage: number): number {
  return Math.max(0, target - coverage);
}

/**
 * What is wrong with a proposed most-wanted list, if anything: a repeated category is invalid
 * input (400); more than ten is understood but not allowed (422).
 */
export function mostWantedListProblem(
  categoryIds: readonly string[],
): { code: 'validation' | 'unprocessable'; error: FieldError } | null {
  const seen = new Set<string>();
  for (const [i, id] of categoryIds.entries()) {
    if (seen.has(id))
      return {
        code: 'validation',
        error: {
          field: `categoryIds.${i}`,
          message: 'This category is already on the list; list each category once.',
        },
      };
    seen.add(id);
  }
  if (categoryIds.length > mostWantedMax)
    return {
      code: 'unprocessable',
      error: {
        field: 'categoryIds',
        message: `The list holds at most ${mostWantedMax} most-wanted categories; remove ${categoryIds.length - mostWantedMax}.`,
      },
    };
  return null;
}

/** Members as the most-wanted list shows them: those who count for coverage first, then by name. */
export function orderMembers<T extends { stage: Stage; nameKey: string; id: string }>(
  members: readonly T[],
): T[] {
  return [...members].sort(
    (a, b) =>
      Number(isCovering(b.stage)) - Number(isCovering(a.stage)) ||
      a.nameKey.localeCompare(b.nameKey) ||
      a.id.localeCompare(b.id),
  );
}
