// The web's names for the API's shapes, all derived from the generated `schema.d.ts` (the
// server's OpenAPI document, itself made from the zod schemas): nothing here is written twice.
import type { AnswerOf } from '../api';
import type { components, paths } from './schema';

type Schemas = components['schemas'];

/** The query parameters a GET path takes. */
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

/**
 * Every value of a union, in the order a person sees them. Checked both ways: a value the union
 * lacks, or one of its values left out, fails the typecheck (so a server change shows here).
 */
const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L &
      ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    list;

// ——— Accounts and the practice ———

export type Profession = Schemas['Practice']['profession'];
export type User = Schemas['User'];
export type Me = Schemas['Session'];
export type SignUpInput = Schemas['SignUp'];
export type SignInInput = Schemas['SignIn'];
export type ChangePasswordInput = Schemas['ChangePassword'];
export type PasswordResetRequest = Schemas['RequestPasswordReset'];
export type PasswordResetRequested = Schemas['PasswordResetRequested'];
export type ResetPasswordInput = Schemas['ResetPassword'];
export type Member = AnswerOf<paths['/members']['get']>['items'][number];
export type ApiToken = Schemas['ApiToken'];
export type CreatedApiToken = Schemas['CreatedApiToken'];
export type CreateApiTokenInput = Schemas['CreateApiToken'];
export type TeamRole = Me['role'];
export type Invitation = Schemas['Invitation'];
export type SentInvitation = Schemas['SentInvitation'];
export type CreateInvitationInput = Schemas['CreateInvitation'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type AcceptInvitationInput = Schemas['AcceptInvitation'];

// ——— Webhooks ———

export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type CreatedWebhookEndpoint = Schemas['CreatedWebhookEndpoint'];
export type CreateWebhookInput = Schemas['CreateWebhookEndpoint'];
export type UpdateWebhookInput = Schemas['UpdateWebhookEndpoint'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookEventType = Schemas['WebhookEventType'];

export type Practice = Schemas['Practice'];
export type PracticeUpdate = Schemas['UpdatePractice'];
export type Settings = Practice['settings'];
export type SettingsResponse = Schemas['Settings'];
export type SettingMeta = SettingsResponse['meta'][number];

/** A whole list, unpaged. */
export type ItemList<T> = { items: T[] };

// ——— The network ———

export type Stage = Schemas['Stage'];
export const STAGES = everyOf<Stage>()(['met', 'knows', 'likes', 'trusts', 'refers']);
export const WEBHOOK_EVENTS = everyOf<WebhookEventType>()([
  'referral.created',
  'referral.status_changed',
  'commitment.fulfilled',
  'contact.created',
  'intake.submitted',
]);
export type Role = Schemas['Role'];
export const ROLES = everyOf<Role>()([
  'client',
  'former_client',
  'prospect',
  'colleague',
  'partner',
  'friend',
]);

export type Category = Schemas['Group'];
export type Circle = Schemas['Group'];
export type StageChange = Schemas['StageChange'];
export type Contact = Schemas['Contact'];
export type ContactDetail = Schemas['ContactDetail'];
/** Body of POST /contacts; PATCH takes any of these, with `null` clearing an optional field. */
export type ContactInput = Schemas['CreateContact'];
export type ContactQuery = QueryOf<'/contacts'>;
export type ContactSort = NonNullable<ContactQuery['sort']>;
export const CONTACT_SORTS = everyOf<ContactSort>()([
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'stage',
  '-stage',
]);
export type ContactRef = NonNullable<Schemas['ContactRef']>;

export type MostWanted = Schemas['MostWanted'];
export type MostWantedItem = MostWanted['items'][number];
export type CircleKind = Schemas['CircleKind'];
export const CIRCLE_KINDS = everyOf<CircleKind>()([
  'chamber',
  'rotary',
  'bni',
  'association',
  'seminar',
  'other',
]);
/** Body of PATCH /circles/{id}; POST /circles takes the same with `name` required. */
export type CircleInput = Schemas['UpdateCircle'];
export type CircleView = Schemas['CircleView'];
export type CircleDetail = Schemas['CircleDetail'];

export type InteractionKind = Schemas['InteractionKind'];
export const INTERACTION_KINDS = everyOf<InteractionKind>()([
  'meeting',
  'call',
  'email',
  'event',
  'gift',
  'joint_presentation',
  'door_prize',
  'note',
]);
export type InteractionInput = Schemas['LogInteraction'];
export type Timeline = Schemas['Timeline'];
export type TimelineItem = Timeline['items'][number];
export type TimelineKind = TimelineItem['kind'];
export type ReciprocityNumbers = Timeline['reciprocity'];

// ——— Referrals ———

export type Channel = Schemas['Channel'];
export const CHANNELS = everyOf<Channel>()([
  'in_person',
  'phone',
  'email',
  'text',
  'event',
  'intake_link',
  'other',
]);
export type ReferralStatus = Schemas['ReferralStatus'];
export const CLOSED_STATUSES = [
  'not_a_fit',
  'declined',
  'no_response',
] as const satisfies readonly ReferralStatus[];
export const REFERRAL_STATUSES = everyOf<ReferralStatus>()([
  'new',
  'contacted',
  'meeting',
  'client',
  ...CLOSED_STATUSES,
]);

export type Referral = Schemas['Referral'];
export type Thanks = Referral['thanks'];
export type ThanksState = Thanks['referral']['state'];
export type ReferralEvent = Schemas['ReferralEvent'];
export type ReferralDetail = Schemas['ReferralDetail'];
export type ReferralInput = Schemas['CreateReferral'];
export type ReferralUpdate = Schemas['UpdateReferral'];
export type StatusChange = Schemas['ChangeReferralStatus'];
export type Reopening = Schemas['ReopenReferral'];
export type ThanksRecord = Schemas['RecordThanks'];
export type UndoableAction = Schemas['PerformAction'];
export type BulkAction = Schemas['BulkAgendaAction'];
export type ReferralSort = NonNullable<QueryOf<'/referrals'>['sort']>;
export const REFERRAL_SORTS = everyOf<ReferralSort>()(['-receivedAt', 'receivedAt', 'due']);
/** The filters shared by the board, the list and the CSV export. */
export type ReferralFilters = Omit<QueryOf<'/referrals/board'>, 'limit'>;
export type Board = Schemas['ReferralBoard'];
export type BoardColumnStatus = Board['columns'][number]['status'];

export type GivenOutcome = Schemas['GivenOutcome'];
export const GIVEN_OUTCOMES = everyOf<GivenOutcome>()(['unknown', 'connected', 'became_client']);
export type ReferralGiven = Schemas['ReferralGiven'];
export type ReferralGivenInput = Schemas['CreateReferralGiven'];
export type ReferralGivenUpdate = Schemas['UpdateReferralGiven'];
export type GivenQuery = Omit<QueryOf<'/referrals-given'>, 'limit' | 'cursor'>;
export type Reciprocity = Schemas['Reciprocity'];
export type ReciprocityRow = Reciprocity['items'][number];

// ——— Follow-through: asks, commitments, incentives, ethics ———

export type MomentKind = Schemas['MomentKind'];
export const MOMENT_KINDS = everyOf<MomentKind>()([
  'milestone',
  'project_completed',
  'feedback',
  'thank_you',
  'renewal',
]);
export type Moment = Schemas['Moment'];
export type MomentInput = Schemas['CreateMoment'];
export type AskOutcome = Schemas['AskOutcome'];
export const ASK_OUTCOMES = everyOf<AskOutcome>()(['committed', 'yes', 'later', 'no']);
export type Ask = Schemas['Ask'];
export type AskInput = Schemas['CreateAsk'];
export type AskCreated = Schemas['AskCreated'];
export type AskReadiness = Schemas['AskReadiness'];
export type AskScript = Schemas['AskScript'];
export type Warning = AskReadiness['reasons'][number];

export type CommitmentStatus = Schemas['CommitmentStatus'];
export const COMMITMENT_STATUSES = everyOf<CommitmentStatus>()(['open', 'fulfilled', 'released']);
export type Commitment = Schemas['Commitment'];
export type CommitmentInput = Schemas['CreateCommitment'];
export type CommitmentQuery = QueryOf<'/commitments'>;

export type IncentiveKind = Schemas['IncentiveKind'];
export const INCENTIVE_KINDS = everyOf<IncentiveKind>()([
  'thank_you_note',
  'gift',
  'referral_fee',
  'discount',
  'donation',
  'event_invitation',
  'reciprocal_arrangement',
]);
export type Ruling = Schemas['Ruling'];
export const RULINGS = everyOf<Ruling>()([
  'allowed',
  'allowed_with_disclosure',
  'nominal_only',
  'prohibited',
]);
export type Ethics = Schemas['Ethics'];
export type EthicsOverrides = Schemas['EthicsOverrides'];
export type DisclosureMethod = Schemas['RecordDisclosure']['method'];
export const DISCLOSURE_METHODS = everyOf<DisclosureMethod>()([
  'verbal',
  'written',
  'email',
  'engagement_letter',
]);
export type IncentiveRecipient = Schemas['CreateIncentive']['recipient'];
export type IncentiveStatus = Schemas['IncentiveStatus'];
export type IncentiveInput = Schemas['CreateIncentive'];
export type Incentive = Schemas['Incentive'];
export type IncentiveQuery = QueryOf<'/incentives'>;

// ——— Letters, outbox, SMTP ———

export type TemplateKey = Schemas['LetterTemplateKey'];
export type LetterTemplate = Schemas['LetterTemplate'];
export type MergeFieldConsent = LetterTemplate['mergeFields'][number]['consent'];
export type LetterDraft = Schemas['LetterDraft'];
export type MessageInput = Schemas['CreateMessage'];
/** What a letter is about: exactly one of these ids. */
export type LetterSubject =
  | Required<Pick<MessageInput, 'referralId'>>
  | Required<Pick<MessageInput, 'commitmentId'>>
  | Required<Pick<MessageInput, 'givenId'>>
  | Required<Pick<MessageInput, 'contactId'>>;
export type Message = Schemas['Message'];
export type MessageStatus = Message['status'];
export type MessageChannel = Message['channel'];
export type LetterCause = NonNullable<MessageInput['cause']>;
export const MESSAGE_STATUSES = everyOf<MessageStatus>()([
  'draft',
  'queued',
  'sending',
  'sent',
  'failed',
]);
export type SmtpSettings = Schemas['SmtpSettings'];
export type SmtpSecurity = NonNullable<SmtpSettings['security']>;
export type SmtpInput = Schemas['PutSmtpSettings'];

// ——— Today, goals, survey, insights, audit ———

export type Urgency = Schemas['AgendaUrgency'];
export const URGENCIES = everyOf<Urgency>()(['overdue', 'today', 'this_week', 'later']);
export type AgendaAction = Schemas['AgendaAction'];
export type AgendaItem = Schemas['AgendaItem'];
export type AgendaQuery = QueryOf<'/agenda'>;
export type CalendarFeed = Schemas['CalendarFeed'];
export type CalendarFeedCreated = Schemas['CalendarFeedCreated'];

export type GoalProgress = Schemas['GoalProgress'];
export type Pace = GoalProgress['pace'];
export type GoalInput = Schemas['PutGoal'];

export type SurveyRecipient = Schemas['SurveyRecipient'];
export type Survey = Schemas['Survey'];

// ——— The referral kit ———

export type ReferralLink = Schemas['ReferralLink'];
export type ReferralLinkStats = Schemas['ReferralLinkStats'];
export type LinkStat = keyof ReferralLinkStats;
/** A link's numbers in the order of the path a person takes: opened, sent, referred, client. */
export const LINK_STATS = everyOf<LinkStat>()(['visits', 'submissions', 'referrals', 'clients']);

// ——— Warm introductions (§3.9) ———

/** The three-way email: to the person, copying the referrer, with its `mailto:` address. */
export type IntroductionDraft = Schemas['IntroductionDraft'];
/** Body of POST /introductions/preview. */
export type IntroductionPreviewInput = Schemas['PreviewIntroduction'];
/** Body of POST /introductions (`send: true` queues the email). */
export type IntroductionInput = Schemas['CreateIntroduction'];
/** The answer of POST /introductions: the draft, the referral, the queued message or null. */
export type Introduction = Schemas['Introduction'];

export type Insights = Schemas['Insights'];
/** Completion (contacted → client) of warm handoffs beside the rest. */
export type WarmHandoffInsight = NonNullable<Insights['warmHandoff']>;
export type WarmHandoffGroup = WarmHandoffInsight['groups'][number];
export type InsightRange = Insights['range'];
export type InsightsQuery = QueryOf<'/insights'>;
/** The charts of the insights page, each with its CSV at /insights/<chart>.csv. */
export type InsightChart =
  paths['/insights/{chart}']['get']['parameters']['path']['chart'] extends `${infer C}.csv`
    ? C
    : never;

export type AuditQuery = Omit<QueryOf<'/audit'>, 'limit' | 'cursor'>;
