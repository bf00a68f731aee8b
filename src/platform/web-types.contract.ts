/**
 * A compile-time contract: the web's API types (web/src/types.ts, written by hand for the
 * browser bundle) are what the server's schemas describe: each response type exactly, each
 * request body as one the server accepts. `npm test` type-checks this file
 * first, so a field changed on one side only fails the build instead of drifting.
 */
import type { z } from '@hono/zod-openapi';
import type * as Web from '../../web/src/types.ts';
import type * as Accounts from '../accounts/account.schemas.ts';
import type * as Agenda from '../agenda/agenda.schemas.ts';
import type * as Asks from '../asks/ask.schemas.ts';
import type * as Audit from '../audit/audit.schemas.ts';
import type * as Commitments from '../commitments/commitment.schemas.ts';
import type * as Contacts from '../contacts/contact.schemas.ts';
import type * as Timeline from '../contacts/timeline.schemas.ts';
import type * as Ethics from '../ethics/ethics.schemas.ts';
import type * as Goals from '../goals/goal.schemas.ts';
import type * as Incentives from '../incentives/incentive.schemas.ts';
import type * as Insights from '../insights/insight.schemas.ts';
import type * as Interactions from '../interactions/interaction.schemas.ts';
import type * as Letters from '../letters/letter.schemas.ts';
import type * as Categories from '../network/category.schemas.ts';
import type * as Circles from '../network/circle.schemas.ts';
import type * as Outbox from '../outbox/outbox.schemas.ts';
import type * as Practices from '../practices/practice.schemas.ts';
import type * as Given from '../referrals/given.schemas.ts';
import type * as Reciprocity from '../referrals/reciprocity.schemas.ts';
import type * as Referrals from '../referrals/referral.schemas.ts';
import type * as Survey from '../survey/survey.schemas.ts';

/** Each assignable to the other: no field missing, extra, optional or typed differently. */
type Same<W, S extends z.ZodType> = [W] extends [z.infer<S>]
  ? [z.infer<S>] extends [W]
    ? true
    : false
  : false;
/** What the web sends, the server accepts (the server may accept more than the web uses). */
type Accepts<W, S extends z.ZodType> = [W] extends [z.input<S>] ? true : false;
type Expect<T extends true> = T;

export type WebResponsesMatchTheServer = [
  Expect<Same<Web.Practice, typeof Practices.ZPractice>>,
  Expect<Same<Web.SettingsResponse, typeof Practices.ZSettingsView>>,
  Expect<Same<Web.Me, typeof Accounts.ZSession>>,
  Expect<Same<Web.ApiToken, typeof Accounts.ZApiToken>>,
  Expect<Same<Web.CreatedApiToken, typeof Accounts.ZCreatedApiToken>>,
  Expect<Same<Web.Page<Web.AuditEntry>, typeof Audit.ZAuditPage>>,
  Expect<Same<Web.ItemList<string>, typeof Audit.ZAuditActions>>,
  Expect<Same<Web.Contact, typeof Contacts.ZContact>>,
  Expect<Same<Web.ContactDetail, typeof Contacts.ZContactDetail>>,
  Expect<Same<Web.StageChange, typeof Contacts.ZStageChange>>,
  Expect<Same<Web.Timeline, typeof Timeline.ZTimeline>>,
  Expect<Same<Web.CategoryView, typeof Categories.ZCategoryView>>,
  Expect<Same<Web.MostWanted, typeof Categories.ZMostWanted>>,
  Expect<Same<Web.CircleView, typeof Circles.ZCircleView>>,
  Expect<Same<Web.CircleDetail, typeof Circles.ZCircleDetail>>,
  Expect<Same<Web.Referral, typeof Referrals.ZReferral>>,
  Expect<Same<Web.ReferralEvent, typeof Referrals.ZReferralEvent>>,
  Expect<Same<Web.ReferralDetail, typeof Referrals.ZReferralDetail>>,
  Expect<Same<Web.Board, typeof Referrals.ZBoard>>,
  Expect<Same<Web.ReferralGiven, typeof Given.ZReferralGiven>>,
  Expect<Same<Web.Reciprocity, typeof Reciprocity.ZReciprocity>>,
  Expect<Same<Web.Interaction, typeof Interactions.ZInteraction>>,
  Expect<Same<Web.Moment, typeof Asks.ZMoment>>,
  Expect<Same<Web.Ask, typeof Asks.ZAsk>>,
  Expect<Same<Web.AskCreated, typeof Asks.ZAskCreated>>,
  Expect<Same<Web.AskScript, typeof Asks.ZAskScript>>,
  Expect<Same<Web.AskReadiness, typeof Asks.ZAskReadiness>>,
  Expect<Same<Web.Commitment, typeof Commitments.ZCommitment>>,
  Expect<Same<Web.CommitmentDetail, typeof Commitments.ZCommitmentDetail>>,
  Expect<Same<Web.CommitmentCreated, typeof Commitments.ZCommitmentCreated>>,
  Expect<Same<Web.Ethics, typeof Ethics.ZEthics>>,
  Expect<Same<Web.Incentive, typeof Incentives.ZIncentive>>,
  Expect<Same<Web.IncentivePreview, typeof Incentives.ZIncentivePreview>>,
  Expect<Same<Web.LetterTemplate, typeof Letters.ZLetterTemplate>>,
  Expect<Same<Web.LetterDraft, typeof Letters.ZLetterDraft>>,
  Expect<Same<Web.MergeField, typeof Letters.ZMergeField>>,
  Expect<Same<Web.Message, typeof Outbox.ZMessage>>,
  Expect<Same<Web.SmtpSettings, typeof Outbox.ZSmtpSettings>>,
  Expect<Same<Web.SmtpTestResult, typeof Outbox.ZSmtpTestResult>>,
  Expect<Same<Web.AgendaItem, typeof Agenda.ZAgendaItem>>,
  Expect<Same<Web.Agenda, typeof Agenda.ZAgenda>>,
  Expect<Same<Web.CalendarFeed, typeof Agenda.ZCalendarFeed>>,
  Expect<Same<Web.CalendarFeedCreated, typeof Agenda.ZCalendarFeedCreated>>,
  Expect<Same<Web.GoalProgress, typeof Goals.ZGoalProgress>>,
  Expect<Same<Web.Survey, typeof Survey.ZSurvey>>,
  Expect<Same<Web.SurveyRecipient, typeof Survey.ZSurveyRecipient>>,
  Expect<Same<Web.PublicSurvey, typeof Survey.ZPublicSurvey>>,
  Expect<Same<Web.Insights, typeof Insights.ZInsights>>,
];

export type WebRequestsAreAccepted = [
  Expect<Accepts<Web.SignUpInput, typeof Accounts.ZSignUp>>,
  Expect<Accepts<Web.SignInInput, typeof Accounts.ZSignIn>>,
  Expect<Accepts<Web.AuditQuery, typeof Audit.ZListAuditQuery>>,
  Expect<Accepts<Web.ChangePasswordInput, typeof Accounts.ZChangePassword>>,
  Expect<Accepts<Web.PracticeUpdate, typeof Practices.ZUpdatePractice>>,
  Expect<Accepts<Partial<Web.Settings>, typeof Practices.ZUpdateSettings>>,
  Expect<Accepts<Web.ContactInput, typeof Contacts.ZCreateContact>>,
  Expect<Accepts<Partial<Web.ContactInput>, typeof Contacts.ZUpdateContact>>,
  Expect<Accepts<Web.ReferralInput, typeof Referrals.ZCreateReferral>>,
  Expect<Accepts<Web.ReferralUpdate, typeof Referrals.ZUpdateReferral>>,
  Expect<Accepts<Web.ReferralGivenInput, typeof Given.ZCreateGiven>>,
  Expect<Accepts<Web.ReferralGivenUpdate, typeof Given.ZUpdateGiven>>,
  Expect<Accepts<Web.InteractionInput, typeof Interactions.ZLogInteraction>>,
  Expect<Accepts<Web.MomentInput, typeof Asks.ZCreateMoment>>,
  Expect<Accepts<Web.AskInput, typeof Asks.ZCreateAsk>>,
  Expect<Accepts<Web.CommitmentInput, typeof Commitments.ZCreateCommitment>>,
  Expect<Accepts<Web.IncentiveInput, typeof Incentives.ZCreateIncentive>>,
  Expect<Accepts<Web.EthicsOverrides, typeof Ethics.ZEthicsOverrides>>,
  Expect<Accepts<Web.MessageInput, typeof Outbox.ZCreateMessage>>,
  Expect<Accepts<Web.SmtpInput, typeof Outbox.ZPutSmtp>>,
  Expect<Accepts<Web.GoalInput, typeof Goals.ZPutGoal>>,
];
