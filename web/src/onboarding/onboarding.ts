/** Pure pieces of the onboarding checklist on Today. */

type Item = { done: boolean };

/** "3 of 8 done". */
export function progressText(items: readonly Item[]): string {
  return `${items.filter((i) => i.done).length} of ${items.length} done`;
}

/** The browser remembers, per practice, that its owner hid the checklist. */
export function hiddenKey(practiceId: string): string {
  return `vouch.onboarding.hidden.${practiceId}`;
}

/** Shown while something is left to do and it was not hidden; never once all is done. */
export function isChecklistShown(checklist: { complete: boolean }, hidden: boolean): boolean {
  return !checklist.complete && !hidden;
}
