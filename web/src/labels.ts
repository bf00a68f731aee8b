import type { ContactSort, Role, Stage } from './types';

export const STAGE_LABELS: Record<Stage, string> = {
  met: 'Met',
  knows: 'Knows',
  likes: 'Likes',
  trusts: 'Trusts',
  refers: 'Refers',
};

/** What each rung of the ladder means (PRODUCT.md §2). */
export const STAGE_MEANINGS: Record<Stage, string> = {
  met: 'You have met.',
  knows: 'They can say what you do.',
  likes: 'Real rapport, regular contact.',
  trusts: 'Would put their own reputation behind you.',
  refers: 'Has referred at least once.',
};

export const STAGE_COLORS: Record<Stage, string> = {
  met: 'gray',
  knows: 'blue',
  likes: 'cyan',
  trusts: 'teal',
  refers: 'green',
};

export const ROLE_LABELS: Record<Role, string> = {
  client: 'Client',
  former_client: 'Former client',
  prospect: 'Prospect',
  colleague: 'Colleague',
  partner: 'Partner',
  friend: 'Friend',
};

export const SORT_LABELS: Record<ContactSort, string> = {
  name: 'Name (A–Z)',
  '-name': 'Name (Z–A)',
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  '-updatedAt': 'Recently updated',
  updatedAt: 'Least recently updated',
  stage: 'Stage (met first)',
  '-stage': 'Stage (refers first)',
};
