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
  keepInTouchMetDays: number;
  keepInTouchKnowsDays: number;
  keepInTouchLikesDays: number;
  keepInTouchTrustsDays: number;
  keepInTouchRefersDays: number;
  keepInTouchPartnerDays: number;
  keepInTouchClientDays: number;
  keepInTouchFormerClientDays: number;
  keepInTouchColleagueDays: number;
  keepInTouchFriendDays: number;
  keepInTouchProspectDays: number;
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
export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export type ProfessionOption = { id: Profession; label: string };

export type Category = { id: string; name: string; createdAt: string };
export type Circle = { id: string; name: string; createdAt: string };

export type StageChange = {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  changedAt: string;
  changedBy: { id: string; name: string } | null;
  reason: string | null;
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
  /** HIPAA (§3.2): as a treating provider, may be told the person was seen or scheduled. */
  isTreatingProvider: boolean;
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
  isTreatingProvider?: boolean;
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
  /** Null when the referred person was erased. */
  referred: ContactRef | null;
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
  kind: ReferralEventKind;
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
export type MostWanted = { max: 10; items: MostWantedItem[] };

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

// ——— Follow-through: asks, commitments, incentives, ethics (docs/API-follow-through.md, Part A) ———

export type Member = { id: string; name: string; email: string; role: MemberRole };

export const MOMENT_KINDS = [
  'milestone',
  'project_completed',
  'feedback',
  'thank_you',
  'renewal',
] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export type Moment = {
  id: string;
  contactId: string;
  kind: MomentKind;
  score: number | null;
  occurredAt: string;
  note: string | null;
  isPositive: boolean;
  askWindowEndsAt: string | null;
  createdAt: string;
};

export type MomentInput = { kind: MomentKind; score?: number; occurredAt?: string; note?: string };

export const ASK_OUTCOMES = ['committed', 'yes', 'later', 'no'] as const;
export type AskOutcome = (typeof ASK_OUTCOMES)[number];

export type Ask = {
  id: string;
  contactId: string;
  askedAt: string;
  momentId: string | null;
  outcome: AskOutcome | null;
  note: string | null;
  createdAt: string;
};

export type AskInput = { askedAt?: string; momentId?: string; outcome?: AskOutcome; note?: string };

export type Warning = { code: string; message: string };
export type AskCreated = {
  ask: Ask;
  warnings: { code: 'cooldown' | 'below_likes' | 'do_not_ask'; message: string }[];
};

export type AskScript = { whatIDo: string; forWhom: string; sayThis: string; full: string };

export type AskReadiness = {
  canAsk: boolean;
  reasons: Warning[];
  openWindow: { momentId: string; kind: MomentKind; endsAt: string } | null;
  cooldownEndsAt: string | null;
  script: AskScript;
};

export const COMMITMENT_STATUSES = ['open', 'fulfilled', 'released'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export type ReminderState = 'not_due' | 'due' | 'release_suggested' | 'closed';

export type Commitment = {
  id: string;
  contact: ContactRef;
  madeAt: string;
  promisedCount: number;
  credited: number;
  /** "2 of 5", worded by the server. */
  progress: string;
  incentiveForReferrer: string | null;
  incentiveForReferred: string | null;
  dueAt: string | null;
  status: CommitmentStatus;
  fulfilledAt: string | null;
  releasedAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  reminder: { state: ReminderState; dueAt: string | null };
  askId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CommitmentDetail = Commitment & {
  credits: { referralId: string; referredName: string | null; receivedAt: string }[];
};

export type CommitmentInput = {
  promisedCount: number;
  incentiveForReferrer?: string;
  incentiveForReferred?: string;
  dueAt?: string;
  madeAt?: string;
  askId?: string;
  note?: string;
};

export type CommitmentCreated = { commitment: Commitment; warnings: Warning[] };

export const INCENTIVE_KINDS = [
  'thank_you_note',
  'gift',
  'referral_fee',
  'discount',
  'donation',
  'event_invitation',
  'reciprocal_arrangement',
] as const;
export type IncentiveKind = (typeof INCENTIVE_KINDS)[number];

export const RULINGS = [
  'allowed',
  'allowed_with_disclosure',
  'nominal_only',
  'prohibited',
] as const;
export type Ruling = (typeof RULINGS)[number];

export type EthicsRuling = {
  kind: IncentiveKind;
  ruling: Ruling;
  reason: string;
  source: string;
  isTightened: boolean;
};

export type Ethics = {
  profession: string;
  profile: string;
  disclaimer: string;
  rulings: EthicsRuling[];
  referrerMayBeToldWithoutConsent: string;
  nominalGiftMinor: number;
  currency: string;
};

export type EthicsOverrides = Partial<Record<IncentiveKind, Ruling>>;

export const INCENTIVE_RECIPIENTS = ['referrer', 'referred'] as const;
export type IncentiveRecipient = (typeof INCENTIVE_RECIPIENTS)[number];
export const DISCLOSURE_METHODS = ['verbal', 'written', 'email', 'engagement_letter'] as const;
export type DisclosureMethod = (typeof DISCLOSURE_METHODS)[number];
export type IncentiveStatus = 'promised' | 'delivered';

export type IncentiveInput = {
  kind: IncentiveKind;
  recipient: IncentiveRecipient;
  recipientContactId?: string;
  description?: string;
  valueMinor?: number;
  currency?: string;
  referralId?: string;
  commitmentId?: string;
  promisedAt?: string;
  isPromisedInAdvance?: boolean;
};

export type IncentivePreview = {
  verdict: Ruling;
  reason: string;
  source: string;
  refusal: string | null;
};

export type Incentive = {
  id: string;
  kind: IncentiveKind;
  recipient: IncentiveRecipient;
  recipientContact: ContactRef | null;
  description: string | null;
  valueMinor: number | null;
  currency: string;
  referralId: string | null;
  commitmentId: string | null;
  status: IncentiveStatus;
  promisedAt: string;
  deliveredAt: string | null;
  verdict: Ruling;
  verdictReason: string;
  verdictSource: string;
  needsDisclosure: boolean;
  disclosure: { disclosedAt: string; method: DisclosureMethod; note: string | null } | null;
  createdAt: string;
  updatedAt: string;
};

export type IncentiveQuery = {
  status?: IncentiveStatus;
  referralId?: string;
  commitmentId?: string;
  contactId?: string;
};

// ——— Letters, outbox, SMTP (docs/API-follow-through.md, Part B) ———

export type TemplateKey =
  | 'ask'
  | 'thanks_referral'
  | 'thanks_conversion'
  | 'referrer_update'
  | 'treating_provider_update'
  | 'partner_notification'
  | 'commitment_reminder'
  | 'given_check_in'
  | 'survey_invitation'
  | 'weekly_digest';

export type MergeFieldConsent = 'always' | 'with_consent' | 'treating_provider';
export type MergeField = { name: string; description: string; consent: MergeFieldConsent };

export type LetterTemplate = {
  key: TemplateKey;
  name: string;
  audience: 'referrer' | 'contact' | 'partner' | 'team';
  about: 'referral' | 'commitment' | 'given' | 'contact' | 'none';
  subject: string;
  body: string;
  isEdited: boolean;
  mergeFields: MergeField[];
};

export type LetterCause =
  | 'thanks_referral'
  | 'thanks_conversion'
  | 'referrer_update'
  | 'partner_notified'
  | 'commitment_reminder'
  | 'given_check_in';

/** What a letter is about: exactly one of these ids. */
export type LetterSubject =
  | { referralId: string }
  | { commitmentId: string }
  | { givenId: string }
  | { contactId: string };

export type LetterDraft = {
  templateKey: TemplateKey;
  to: { contactId: string | null; name: string; email: string | null; emailConsent: boolean };
  subject: string;
  body: string;
  isReferrerFacing: boolean;
  blockedFields: string[];
};

export const MESSAGE_STATUSES = ['draft', 'queued', 'sending', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type MessageChannel = 'email' | 'letter';

export type MessageInput = LetterSubject & {
  templateKey: TemplateKey;
  channel: MessageChannel;
  subject?: string;
  body?: string;
  cause?: LetterCause;
  /** "They gave permission": records the referred person's consent before the letter is checked. */
  referredPersonConsented?: true;
};

export type Message = {
  id: string;
  templateKey: string;
  to: { contactId: string | null; name: string; email: string | null };
  subject: string;
  body: string;
  channel: MessageChannel;
  status: MessageStatus;
  /** For people, e.g. "not sent — SMTP not configured". */
  statusLabel: string;
  isReferrerFacing: boolean;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  providerId: string | null;
  sentAt: string | null;
  createdAt: string;
};

export type SmtpSecurity = 'tls' | 'starttls' | 'none';
export type SmtpSettings = {
  configured: boolean;
  host: string | null;
  port: number | null;
  security: SmtpSecurity | null;
  username: string | null;
  hasPassword: boolean;
  fromEmail: string | null;
  fromName: string | null;
};
export type SmtpInput = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string | null;
  /** Omit to keep the stored one. */
  password?: string;
  fromEmail: string;
  fromName?: string | null;
};
export type SmtpTestResult = { ok: boolean; providerId?: string; error?: string };

// ——— Today, goals, survey, insights (docs/API-today-goals-insights.md) ———

export const AGENDA_KINDS = [
  'respond',
  'thank',
  'update_referrer',
  'notify_partner',
  'ask',
  'remind_commitment',
  'reconnect_quiet_source',
  'give_back',
  'check_in_given',
  'keep_in_touch',
  'grow_category',
  'explain',
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const URGENCIES = ['overdue', 'today', 'this_week', 'later'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type AgendaAction = {
  label: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to /api/v1. */
  path: string;
  body: Record<string, unknown> | null;
};

export type AgendaItem = {
  key: string;
  kind: AgendaKind;
  rank: number;
  title: string;
  forWhom: ContactRef | null;
  /** The referrer, partner or contact it may be named by outside Vouch (never the referred person). */
  party: ContactRef | null;
  why: string;
  dueAt: string | null;
  urgency: Urgency;
  action: AgendaAction;
  secondary?: AgendaAction;
  subject: { type: string; id: string };
  snoozedUntil?: string;
};

export type Agenda = {
  at: string;
  items: AgendaItem[];
  counts: Record<Urgency, number>;
  truncated: AgendaKind[];
};

export type AgendaQuery = {
  at?: string;
  includeSnoozed?: boolean;
  horizon?: 'day' | 'week';
  perKind?: number;
};

export type CalendarFeed = { id: string; createdAt: string; revokedAt: string | null };
export type CalendarFeedCreated = { id: string; url: string };

export const CELEBRATION_THRESHOLDS = [25, 50, 75, 100] as const;
export type Celebration = { threshold: number; reachedAt: string; seenByMe: boolean };
export type Pace = 'ahead' | 'on_track' | 'behind';

export type GoalProgress = {
  year: number;
  targetClients: number;
  emailTeam: boolean;
  monthlyTarget: number;
  conversion: {
    rate: number;
    source: 'default' | 'own';
    closedLast12Months: number;
    explanation: string;
  };
  referralsNeededPerMonth: number;
  clientsThisYear: number;
  clientsThisMonth: number;
  referralsThisMonth: number;
  expectedByToday: number;
  pace: Pace;
  forecastYearEnd: number;
  percentOfGoal: number;
  celebrations: Celebration[];
};

export type GoalInput = { targetClients: number; emailTeam?: boolean };

export type SurveyRecipient = {
  id: string;
  contact: ContactRef;
  invitedAt: string | null;
  answeredAt: string | null;
  answer: string | null;
  scorePercent: number | null;
  matched: string[];
  missed: string[];
  isBelowThreshold: boolean;
  /** Only in the answer that created the survey: shown once. */
  link?: string;
};

export type Survey = { id: string; createdAt: string; recipients: SurveyRecipient[] };
export type PublicSurvey = { practiceName: string; question: string; answered: boolean };

export const INSIGHT_CHARTS = [
  'byChannel',
  'byCircle',
  'topReferrers',
  'byCategory',
  'byRole',
  'byTag',
  'byMonth',
  'byWeekday',
  'metToFirstReferral',
  'askToReferral',
  'conversion',
  'responsiveness',
  'reciprocity',
  'mostWanted',
  'networkGrowth',
  'momentum',
  'goal',
] as const;
export type InsightChart = (typeof INSIGHT_CHARTS)[number];

export type InsightRange = { from: string; to: string };
export type MedianDays = { median: number | null; count: number };

export type Insights = {
  range: InsightRange;
  where?: {
    byChannel: { channel: Channel; referrals: number; clients: number }[];
    byCircle: { circle: { id: string; name: string }; referrals: number; clients: number }[];
  };
  who?: {
    topReferrers: { contact: ContactRef; referrals: number; clients: number; value: number }[];
    byCategory: {
      category: { id: string; name: string } | null;
      referrals: number;
      clients: number;
    }[];
    byRole: { role: Role; referrals: number; clients: number; conversion: number }[];
  };
  why?: { byTag: { tag: string; referrals: number; clients: number }[] };
  when?: {
    byMonth: { month: string; referrals: number; clients: number }[];
    byWeekday: { weekday: number; referrals: number }[];
    metToFirstReferralDays: MedianDays;
    askToReferralDays: MedianDays;
  };
  conversion?: {
    overall: number;
    bySource: {
      source: Channel | 'warm_handoff';
      referrals: number;
      clients: number;
      conversion: number;
      valueMinor: number;
    }[];
  };
  responsiveness?: {
    medianMinutesToFirstContact: number | null;
    shareInsideWindow: number | null;
    thankLagHoursMedian: number | null;
    updateLagHoursMedian: number | null;
  };
  reciprocity?: { partner: ContactRef; received: number; given: number; balance: number }[];
  mostWanted?: { category: { id: string; name: string }; coverage: number; target: number }[];
  networkGrowth?: {
    month: string;
    met: number;
    knows: number;
    likes: number;
    trusts: number;
    refers: number;
  }[];
  momentum?: {
    perMonth: { month: string; referrals: number }[];
    trendPerMonth: number;
    doublingTimeMonths: number | null;
  };
  goal?: GoalProgress | null;
};

// ——— The audit log (Settings → Audit log; owners only) ———

export type AuditEntry = {
  id: string;
  seq: number;
  at: string;
  action: string;
  user: { id: string; name: string } | null;
  subjectType: string | null;
  subjectId: string | null;
  detail: unknown;
};
export type AuditQuery = { action?: string; userId?: string; from?: string; to?: string };
