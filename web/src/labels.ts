import type {
  Channel,
  CircleKind,
  ContactSort,
  GivenOutcome,
  InteractionKind,
  ReferralSort,
  ReferralStatus,
  Role,
  Stage,
  TimelineKind,
} from './types';

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

export const CHANNEL_LABELS: Record<Channel, string> = {
  in_person: 'In person',
  phone: 'Phone',
  email: 'Email',
  text: 'Text message',
  event: 'Event',
  intake_link: 'Intake link',
  other: 'Other',
};

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  meeting: 'Meeting',
  client: 'Client',
  not_a_fit: 'Not a fit',
  declined: 'Declined',
  no_response: 'No response',
};

export const STATUS_COLORS: Record<ReferralStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  meeting: 'grape',
  client: 'green',
  not_a_fit: 'gray',
  declined: 'gray',
  no_response: 'gray',
};

export const REFERRAL_SORT_LABELS: Record<ReferralSort, string> = {
  '-receivedAt': 'Newest first',
  receivedAt: 'Oldest first',
  due: 'Most urgent first',
};

export const CIRCLE_KIND_LABELS: Record<CircleKind, string> = {
  chamber: 'Chamber of Commerce',
  rotary: 'Rotary',
  bni: 'BNI chapter',
  association: 'Professional association',
  seminar: 'Seminar series',
  other: 'Other',
};

export const INTERACTION_KIND_LABELS: Record<InteractionKind, string> = {
  meeting: 'Meeting',
  call: 'Call',
  email: 'Email',
  event: 'Event',
  gift: 'Gift',
  joint_presentation: 'Joint presentation',
  door_prize: 'Sponsored door prize',
  note: 'Note',
};

export const OUTCOME_LABELS: Record<GivenOutcome, string> = {
  unknown: 'Unknown yet',
  connected: 'They connected',
  became_client: 'Became their client',
};

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  interaction: 'Touch',
  stage: 'Stage change',
  referral_sent: 'Referral they sent',
  referral_about: 'Referral about them',
  referral_given_to: 'Referral given to them',
  referral_given_about: 'Referral given for them',
  referral_event: 'Referral update',
};

/** A one-character mark per timeline kind (no icon font: nothing is loaded from outside). */
export const TIMELINE_KIND_ICONS: Record<TimelineKind, string> = {
  interaction: '☎',
  stage: '↑',
  referral_sent: '→',
  referral_about: '★',
  referral_given_to: '←',
  referral_given_about: '♺',
  referral_event: '•',
};
