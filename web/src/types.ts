// Shapes of the Vouch REST API v1, mirroring docs/API.md.

export const PROFESSIONS = [
  'counselor',
  'psychologist',
  'health',
  'attorney',
  'accountant',
  'financial_adviser',
  'real_estate',
  'coach',
  'consultant',
  'creative',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const STAGES = ['met', 'knows', 'likes', 'trusts', 'refers'] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = [
  'client',
  'former_client',
  'prospect',
  'colleague',
  'partner',
  'friend',
] as const;
export type Role = (typeof ROLES)[number];

export type User = { id: string; name: string; email: string };
export type MemberRole = 'owner' | 'member';

export type Settings = {
  responseWindowHours: number;
  thankWithinHours: number;
  askWindowDays: number;
  askCooldownDays: number;
  commitmentReminderDays: number;
  commitmentMaxReminders: number;
  quietSourceDays: number;
  giveBackThreshold: number;
  checkInDays: number;
  defaultConversionPercent: number;
  conversionMinClosed: number;
  mostWantedTarget: number;
  surveyMaxPeople: number;
  alignmentThresholdPercent: number;
  keepInTouchMetDays?: number;
  keepInTouchKnowsDays?: number;
  keepInTouchLikesDays?: number;
  keepInTouchTrustsDays: number;
  keepInTouchRefersDays?: number;
  keepInTouchPartnerDays: number;
  keepInTouchClientDays?: number;
  keepInTouchFormerClientDays?: number;
  keepInTouchColleagueDays?: number;
  keepInTouchFriendDays?: number;
  keepInTouchProspectDays?: number;
  nominalGiftMinor: number;
  currency: string;
};
export type SettingKey = keyof Settings;

export type SettingMeta = {
  key: SettingKey;
  label: string;
  meaning: string;
  unit: string;
  min?: number;
  max?: number;
  default: number | string;
};

export type SettingsResponse = { values: Settings; meta: SettingMeta[] };

export type Practice = {
  id: string;
  name: string;
  profession: Profession;
  valueProposition: string;
  keyPhrases: string[];
  idealClient: string;
  timeZone: string;
  postalAddress: string;
  isSetUp: boolean;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
};

export type PracticeUpdate = Partial<
  Pick<
    Practice,
    | 'name'
    | 'profession'
    | 'valueProposition'
    | 'keyPhrases'
    | 'idealClient'
    | 'timeZone'
    | 'postalAddress'
  >
> & { markSetUp?: true };

export type Me = { user: User; practice: Practice; role: MemberRole };
export type AuthResult = { user: User; practice: Practice };

export type SignUpInput = { practiceName: string; name: string; email: string; password: string };
export type SignInInput = { email: string; password: string };

export type ProfessionOption = { id: Profession; label: string };

export type Category = { id: string; name: string; createdAt: string };
export type Circle = { id: string; name: string; createdAt: string };

export type StageChange = {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  changedAt: string;
  changedBy: { id: string; name: string } | null;
  reason?: string | null;
};

export type Contact = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  organization: string | null;
  category: Category | null;
  roles: Role[];
  stage: Stage;
  circles: Circle[];
  metWhere: string | null;
  metHow: string | null;
  emailConsent: boolean;
  doNotAsk: boolean;
  notes: string | null;
  lastTouchAt: string | null;
  /** The contact's own keep-in-touch override, in days. */
  keepInTouchDays: number | null;
  /** The effective cadence: the override, else the practice's for their stage and roles. */
  cadenceDays: number | null;
  nextTouchDueAt: string | null;
  touchState: TouchState;
  createdAt: string;
  updatedAt: string;
};

export type TouchState = 'none' | 'ok' | 'due';

export type ContactDetail = Contact & { stageHistory: StageChange[] };

/** Body of POST /contacts; PATCH takes any of these, with `null` clearing an optional field. */
export type ContactInput = {
  name: string;
  email?: string | null;
  phone?: string | null;
  organization?: string | null;
  categoryId?: string | null;
  roles?: Role[];
  stage?: Stage;
  circleIds?: string[];
  metWhere?: string | null;
  metHow?: string | null;
  emailConsent?: boolean;
  doNotAsk?: boolean;
  notes?: string | null;
  keepInTouchDays?: number | null;
};

export const CONTACT_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export type ContactQuery = {
  q?: string;
  role?: Role;
  stage?: Stage;
  categoryId?: string;
  circleId?: string;
  sort?: ContactSort;
  touch?: 'due';
  limit?: number;
  cursor?: string;
};

export type Page<T> = { items: T[]; nextCursor: string | null };
export type ItemList<T> = { items: T[] };

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type CreatedApiToken = ApiToken & { token: string };

// ——— The network and the referral pipeline (docs/API-network-pipeline.md) ———

export type ContactRef = { id: string; name: string };

export const CHANNELS = [
  'in_person',
  'phone',
  'email',
  'text',
  'event',
  'intake_link',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const OPEN_STATUSES = ['new', 'contacted', 'meeting'] as const;
export const CLOSED_STATUSES = ['not_a_fit', 'declined', 'no_response'] as const;
export const REFERRAL_STATUSES = [...OPEN_STATUSES, 'client', ...CLOSED_STATUSES] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];

export type ClockState = 'due' | 'overdue' | 'met' | 'late';
export type Clock = {
  dueAt: string;
  state: ClockState;
  firstContactAt: string | null;
  tookMinutes: number | null;
  overdueByMinutes: number | null;
};

export type ThanksState = 'not_applicable' | 'due' | 'overdue' | 'done';
export type Thanks = {
  referral: { state: ThanksState; dueAt: string; thankedAt: string | null };
  conversion: { state: ThanksState; dueAt: string | null; thankedAt: string | null };
};

export type ReferrerUpdateState = 'not_allowed' | 'up_to_date' | 'due';

export type Referral = {
  id: string;
  referrer: ContactRef | null;
  referred: ContactRef;
  receivedAt: string;
  channel: Channel;
  circle: { id: string; name: string } | null;
  place: string | null;
  need: string | null;
  tags: string[];
  status: ReferralStatus;
  statusChangedAt: string;
  firstContactAt: string | null;
  meetingAt: string | null;
  clientAt: string | null;
  closedAt: string | null;
  valueMinor: number | null;
  currency: string;
  consentToUpdate: boolean;
  warmHandoff: boolean;
  owner: ContactRef | null;
  clock: Clock;
  thanks: Thanks;
  referrerUpdate: {
    state: ReferrerUpdateState;
    toldStatus: ReferralStatus | null;
    toldAt: string | null;
  };
  createdAt: string;
  updatedAt: string;
};

export const REFERRAL_EVENT_KINDS = [
  'created',
  'status',
  'reopened',
  'thanked',
  'conversion_thanked',
  'referrer_updated',
] as const;
export type ReferralEventKind = (typeof REFERRAL_EVENT_KINDS)[number];

export type ReferralEvent = {
  id: string;
  kind: ReferralEventKind | (string & {});
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus | null;
  at: string;
  by: ContactRef | null;
  note: string | null;
};

export type ReferralDetail = Referral & { events: ReferralEvent[] };

export type PersonInput = { contactId: string } | { name: string; email?: string; phone?: string };

export type ReferralInput = {
  referred: PersonInput;
  referrer: { contactId: string } | { unknown: true };
  need?: string;
  tags?: string[];
  channel: Channel;
  circleId?: string;
  place?: string;
  receivedAt?: string;
  valueMinor?: number;
  currency?: string;
  consentToUpdate?: boolean;
  warmHandoff?: boolean;
  ownerId?: string;
};

export type ReferralUpdate = {
  need?: string | null;
  tags?: string[];
  channel?: Channel;
  circleId?: string | null;
  place?: string | null;
  valueMinor?: number | null;
  currency?: string;
  consentToUpdate?: boolean;
  warmHandoff?: boolean;
  ownerId?: string;
};

export const REFERRAL_SORTS = ['-receivedAt', 'receivedAt', 'due'] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

/** The filters shared by the board, the list and the CSV export. */
export type ReferralFilters = {
  /** One status, or `open` / `closed`. */
  status?: string;
  referrerId?: string;
  referrer?: 'unknown';
  categoryId?: string;
  channel?: Channel;
  circleId?: string;
  ownerId?: string;
  from?: string;
  to?: string;
  q?: string;
};

export type BoardColumnStatus = 'new' | 'contacted' | 'meeting' | 'client' | 'closed';
export type BoardColumn = { status: BoardColumnStatus; total: number; items: Referral[] };
export type Board = { columns: BoardColumn[] };

export const GIVEN_OUTCOMES = ['unknown', 'connected', 'became_client'] as const;
export type GivenOutcome = (typeof GIVEN_OUTCOMES)[number];

export type ReferralGiven = {
  id: string;
  person: ContactRef;
  partner: ContactRef;
  givenAt: string;
  reason: string | null;
  partnerNotifiedAt: string | null;
  outcome: GivenOutcome;
  outcomeAt: string | null;
  checkInDueAt: string;
  checkedInAt: string | null;
  checkInState: 'not_yet' | 'due' | 'done';
  createdAt: string;
  updatedAt: string;
};

export type ReferralGivenInput = {
  person: PersonInput;
  partnerId: string;
  reason?: string;
  givenAt?: string;
  partnerNotifiedAt?: string;
};

export type ReferralGivenUpdate = {
  reason?: string | null;
  partnerNotifiedAt?: string | null;
  outcome?: GivenOutcome;
  checkedInAt?: string | null;
};

export type ReciprocityRow = {
  partner: ContactRef & { organization: string | null; category: ContactRef | null };
  received: number;
  given: number;
  balance: number;
  lastExchangeAt: string | null;
  isOwed: boolean;
};
export type Reciprocity = { threshold: number; items: ReciprocityRow[] };

export type CategoryView = Category & {
  mostWantedRank: number | null;
  target: number;
  coverage: number;
  contacts: number;
};

export type MostWantedItem = {
  category: CategoryView;
  rank: number;
  target: number;
  coverage: number;
  gap: number;
  members: { id: string; name: string; stage: Stage }[];
};
export type MostWanted = { max: number; items: MostWantedItem[] };

export const CIRCLE_KINDS = [
  'chamber',
  'rotary',
  'bni',
  'association',
  'seminar',
  'other',
] as const;
export type CircleKind = (typeof CIRCLE_KINDS)[number];

export type CircleView = Circle & {
  kind: CircleKind | null;
  notes: string | null;
  members: number;
  referrals: number;
};

export type CircleDetail = CircleView & {
  memberList: { id: string; name: string; stage: Stage; category: ContactRef | null }[];
  mostWantedReach: { categoryId: string; name: string; rank: number; members: number }[];
};

export const INTERACTION_KINDS = [
  'meeting',
  'call',
  'email',
  'event',
  'gift',
  'joint_presentation',
  'door_prize',
  'note',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export type Interaction = {
  id: string;
  contactId: string;
  kind: InteractionKind;
  occurredAt: string;
  summary: string | null;
  createdAt: string;
  createdBy: ContactRef | null;
};

export type InteractionInput = { kind: InteractionKind; occurredAt?: string; summary?: string };

export const TIMELINE_KINDS = [
  'interaction',
  'stage',
  'referral_sent',
  'referral_about',
  'referral_given_to',
  'referral_given_about',
  'referral_event',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineItem = {
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  refId: string;
};

export type ReciprocityNumbers = {
  received: number;
  given: number;
  balance: number;
  lastExchangeAt: string | null;
};

export type Timeline = { items: TimelineItem[]; reciprocity: ReciprocityNumbers };
