import type {
  AskOutcome,
  Channel,
  CircleKind,
  CommitmentStatus,
  ContactSort,
  DisclosureMethod,
  GivenOutcome,
  IncentiveKind,
  IncentiveRecipient,
  InteractionKind,
  LinkStat,
  MessageStatus,
  MomentKind,
  ReferralSort,
  ReferralStatus,
  Role,
  Ruling,
  Stage,
  TimelineKind,
  WarmHandoffGroup,
} from './api/types';

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

/**
 * How referrals came, inside a sentence ("Most referrals arrived in person"): a channel's label
 * after "by" reads wrongly for some ("arrived by in person").
 */
export const CHANNEL_ARRIVALS: Record<Channel, string> = {
  in_person: 'arrived in person',
  phone: 'came by phone',
  email: 'came by email',
  text: 'came by text message',
  event: 'came through an event',
  intake_link: 'came through the intake link',
  other: 'came some other way',
};

/** A referral link's numbers (§3.9), as column headings. */
export const LINK_STAT_LABELS: Record<LinkStat, string> = {
  visits: 'Visits',
  submissions: 'Forms sent',
  referrals: 'Referrals',
  clients: 'Clients',
};

/** The same numbers inside a sentence ("3 visits"), one and many. */
export const LINK_STAT_NOUNS: Record<LinkStat, readonly [one: string, many: string]> = {
  visits: ['visit', 'visits'],
  submissions: ['form sent', 'forms sent'],
  referrals: ['referral', 'referrals'],
  clients: ['client', 'clients'],
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

export const MOMENT_KIND_LABELS: Record<MomentKind, string> = {
  milestone: 'Milestone delivered',
  project_completed: 'Project completed',
  feedback: 'Feedback',
  thank_you: 'Thank-you received',
  renewal: 'Renewal',
};

export const ASK_OUTCOME_LABELS: Record<AskOutcome, string> = {
  committed: 'Committed to referrals',
  yes: 'Yes, will think of someone',
  later: 'Later',
  no: 'No',
};

export const INCENTIVE_KIND_LABELS: Record<IncentiveKind, string> = {
  thank_you_note: 'Thank-you note',
  gift: 'Gift or premium',
  referral_fee: 'Referral fee',
  discount: 'Discount for the person referred',
  donation: 'Donation',
  event_invitation: 'Event invitation',
  reciprocal_arrangement: 'Reciprocal arrangement',
};

export const RULING_LABELS: Record<Ruling, string> = {
  allowed: 'Allowed',
  allowed_with_disclosure: 'Allowed with disclosure',
  nominal_only: 'Nominal only',
  prohibited: 'Prohibited',
};

export const RULING_COLORS: Record<Ruling, string> = {
  allowed: 'teal',
  allowed_with_disclosure: 'blue',
  nominal_only: 'yellow',
  prohibited: 'red',
};

export const RECIPIENT_LABELS: Record<IncentiveRecipient, string> = {
  referrer: 'The referrer',
  referred: 'The person referred',
};

export const DISCLOSURE_METHOD_LABELS: Record<DisclosureMethod, string> = {
  verbal: 'Told them in person',
  written: 'In writing',
  email: 'By email',
  engagement_letter: 'In the engagement letter',
};

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  open: 'Open',
  fulfilled: 'Fulfilled',
  released: 'Released',
};

export const MESSAGE_STATUS_COLORS: Record<MessageStatus, string> = {
  draft: 'gray',
  queued: 'yellow',
  sending: 'blue',
  sent: 'teal',
  failed: 'red',
};

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  draft: 'Letter (not emailed)',
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

/** The two groups of the warm-handoff insight (§3.9). */
export const WARM_HANDOFF_GROUP_LABELS: Record<WarmHandoffGroup['group'], string> = {
  warm: 'Warm introductions',
  other: 'Other referrals',
};
