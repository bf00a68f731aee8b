/**
 * A most-wanted category's coverage in words: "3 of 5 covered"; past the target, the count
 * stops at the target and the rest is said apart ("5 of 5 covered, 10 more beyond"), so a
 * numerator is never above its denominator.
 */
export function coverageText(coverage: number, target: number): string {
  if (coverage <= target) return `${coverage} of ${target} covered`;
  return `${target} of ${target} covered, ${coverage - target} more beyond`;
}

/** The two parts of `coverageText`, for a layout that sets the numbers apart. */
export function coverageParts(coverage: number, target: number): { count: string; rest: string } {
  const shown = Math.min(coverage, target);
  const beyond = coverage - shown;
  return {
    count: `${shown} of ${target}`,
    rest: beyond > 0 ? `covered, ${beyond} more beyond` : 'covered',
  };
}
