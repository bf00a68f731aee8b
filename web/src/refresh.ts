import type { QueryClient } from '@tanstack/react-query';

/**
 * Every family of query keys the app reads, named by a key's first element (`['agenda', 'list',
 * query]` is in `agenda`). refresh.test.ts scans web/src and fails when a `useQuery` reads a
 * family missing here or one that no change below refreshes.
 */
export const queryFamilies = [
  'agenda',
  'referrals',
  'referrals-given',
  'contacts',
  'timeline',
  'insights',
  'goals',
  'reciprocity',
  'circles',
  'categories',
  'most-wanted',
  'commitments',
  'incentives',
  'messages',
  'smtp',
  'letter-templates',
  'letter-draft',
  'letter-template-preview',
  'surveys',
  'public-survey',
  'referral-links',
  'imports',
  'moments',
  'asks',
  'ask-readiness',
  'ethics',
  'checklist',
  'calendar-feeds',
  'tokens',
  'webhooks',
  'audit',
  'audit-actions',
  'members',
  'invitations',
  'public-invitation',
  'practice',
  'demo',
  'professions',
  'me',
] as const;
export type QueryFamily = (typeof queryFamilies)[number];

/** Whole-app changes (the practice's settings, demo data, a completed agenda item): every query. */
const everything = 'everything';

/** What a person already sees everywhere about a contact or referral (names, counts, agenda). */
const people = [
  'contacts',
  'timeline',
  'agenda',
  'insights',
  'checklist',
] as const satisfies readonly QueryFamily[];

/** What a referral recorded or changed shows in: its lists, and every count made of referrals. */
const referralViews = [
  ...people,
  'referrals',
  'goals',
  'reciprocity',
  'circles',
  'categories',
  'most-wanted',
  'commitments',
  'referral-links',
] as const satisfies readonly QueryFamily[];

/** What a contact added, edited or erased shows in: names on every list, coverage, the ledger. */
const contactViews = [
  ...people,
  'referrals',
  'referrals-given',
  'reciprocity',
  'circles',
  'categories',
  'most-wanted',
  'commitments',
  'incentives',
  'ask-readiness',
  'referral-links',
  'audit',
] as const satisfies readonly QueryFamily[];

/**
 * The one declaration of which views each kind of change makes stale. A mutation names its
 * change (`useRefreshingMutation(fn, 'referral')`, `refreshAfter(queryClient, 'referral')`);
 * it never lists query keys itself.
 */
export const REFRESHES = {
  /** Quick-add, status moves and corrections, thanks, referrer updates, edits. */
  referral: [...referralViews, 'audit'],
  /**
   * A warm introduction: a referral recorded or marked (a new contact, perhaps), and with
   * `send` an email in the outbox.
   */
  introduction: [...referralViews, 'messages', 'audit'],
  'referral-given': [...people, 'referrals-given', 'reciprocity', 'audit'],
  /** A contact added, edited, erased: names on every list, coverage, the ledger. */
  contact: contactViews,
  /** A file uploaded, discarded or started: the imports only (nothing is written before a run). */
  'import-file': ['imports'],
  /** An import's run ended or was undone: contacts (and circles from labels) came or went. */
  import: [...contactViews, 'imports'],
  /** A touch logged or deleted: last touch, next-touch date, readiness to ask. */
  interaction: [...people, 'ask-readiness'],
  /** A moment or an ask recorded. */
  ask: [...people, 'moments', 'asks', 'ask-readiness'],
  commitment: [...people, 'commitments', 'reciprocity'],
  incentive: [...people, 'incentives', 'audit'],
  /** A letter kept or an email sent (with the thank-you or update it records), or retried. */
  message: [
    ...people,
    'messages',
    'referrals',
    'referrals-given',
    'commitments',
    'reciprocity',
    'audit',
  ],
  template: ['letter-templates', 'letter-draft', 'letter-template-preview', 'checklist'],
  smtp: ['smtp', 'messages', 'checklist', 'audit'],
  goal: ['goals', 'insights', 'agenda', 'checklist'],
  celebration: ['goals'],
  circle: [...people, 'circles', 'referrals'],
  category: [...people, 'categories', 'most-wanted', 'referrals'],
  'most-wanted': ['most-wanted', 'categories', 'agenda', 'insights', 'checklist'],
  survey: [...people, 'surveys'],
  'survey-answer': ['public-survey'],
  /** A referral link made or revoked. */
  'referral-link': ['referral-links', 'audit'],
  /** A snooze, dismissal or its undo. */
  'agenda-mark': ['agenda', 'checklist'],
  /** Completing an agenda item can change a referral, contact, commitment or referral given. */
  'agenda-action': everything,
  ethics: ['ethics', 'incentives', 'agenda'],
  'calendar-feed': ['calendar-feeds', 'audit'],
  token: ['tokens', 'audit'],
  /** An invitation sent, sent again or withdrawn (its email in the outbox). */
  invitation: ['invitations', 'messages', 'audit'],
  /** A role changed or someone removed: the team, owner choices, and perhaps one's own role. */
  member: ['members', 'invitations', 'referrals', 'audit', 'me'],
  /** An invitation link used: it now says so. */
  'invitation-answer': ['public-invitation'],
  /** A webhook endpoint registered, changed, removed, or a delivery sent again. */
  webhook: ['webhooks', 'audit'],
  /** The practice's settings or profile: the response window, the profession, the time zone… */
  practice: everything,
} as const satisfies Record<string, readonly QueryFamily[] | typeof everything>;
export type ChangeKind = keyof typeof REFRESHES;

/** The families a change refreshes (all of them for a whole-app change). */
export function familiesRefreshedBy(change: ChangeKind): readonly QueryFamily[] {
  const families: readonly QueryFamily[] | typeof everything = REFRESHES[change];
  return families === everything ? queryFamilies : families;
}

/** Marks what `change` made stale; what is on screen asks again (the agenda first). */
export async function refreshAfter(queryClient: QueryClient, change: ChangeKind): Promise<void> {
  if (REFRESHES[change] === everything) return queryClient.invalidateQueries();
  await Promise.all(
    familiesRefreshedBy(change).map((family) =>
      queryClient.invalidateQueries({ queryKey: [family] }),
    ),
  );
}
