import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { TodayPage } from './agenda/today-page';
import { ForgotPasswordPage } from './auth/forgot-password-page';
import { ResetPasswordPage } from './auth/reset-password-page';
import { SignInPage } from './auth/sign-in-page';
import { SignUpPage } from './auth/sign-up-page';
import { CommitmentsPage } from './commitments/commitments-page';
import { LoadingState } from './components/loading-state';
import { ContactDetailPage } from './contacts/contact-detail-page';
import { EditContactPage, NewContactPage } from './contacts/contact-form-page';
import { ContactsPage } from './contacts/contacts-page';
import { ImportPage } from './imports/import-page';
import { ImportUploadPage } from './imports/import-upload-page';
import { IncentivesPage } from './incentives/incentives-page';
import { KitPage } from './kit/kit-page';
import { AppLayout } from './layout/app-layout';
import { RequireAuth, RequireSignedOut } from './layout/route-guards';
import { CircleDetailPage } from './network/circle-detail-page';
import { CirclesPage } from './network/circles-page';
import { MostWantedPage } from './network/most-wanted-page';
import { ReciprocityPage } from './network/reciprocity-page';
import { NotFoundPage } from './not-found-page';
import { OutboxPage } from './outbox/outbox-page';
import { SetupPage } from './practice/setup-page';
import { GivenReferralsPage } from './referrals/given-referrals-page';
import { ReferralDetailPage } from './referrals/referral-detail-page';
import { ReferralsPage } from './referrals/referrals-page';
import { SettingsIndex, SettingsPage } from './settings/settings-page';
import { PublicSurveyPage } from './survey/public-survey-page';
import { SurveyPage } from './survey/survey-page';
import { JoinPage } from './team/join-page';

// The two pages with charts load the chart library when first opened, not with the app.
const GoalsPage = lazy(() => import('./goals/goals-page').then((m) => ({ default: m.GoalsPage })));
const InsightsPage = lazy(() =>
  import('./insights/insights-page').then((m) => ({ default: m.InsightsPage })),
);

export function AppRoutes() {
  return (
    <Routes>
      {/* Public: a survey link opens without a session, outside the app's layout. */}
      <Route path="/survey/:token" element={<PublicSurveyPage />} />
      {/* An invitation link: joins a practice, signed out or not. */}
      <Route path="/join/:token" element={<JoinPage />} />
      {/* A reset link works in any browser: the reset ends every session of the account. */}
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route element={<RequireSignedOut />}>
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<TodayPage />} />
          <Route path="/today" element={<TodayPage />} />
          <Route
            path="/goals"
            element={
              <Suspense fallback={<LoadingState />}>
                <GoalsPage />
              </Suspense>
            }
          />
          <Route
            path="/insights"
            element={
              <Suspense fallback={<LoadingState />}>
                <InsightsPage />
              </Suspense>
            }
          />
          <Route path="/survey" element={<SurveyPage />} />
          <Route path="/kit" element={<KitPage />} />
          <Route path="/contacts" element={<ContactsPage />} />
          <Route path="/contacts/new" element={<NewContactPage />} />
          <Route path="/contacts/import" element={<ImportUploadPage />} />
          <Route path="/contacts/import/:id" element={<ImportPage />} />
          <Route path="/contacts/:id" element={<ContactDetailPage />} />
          <Route path="/contacts/:id/edit" element={<EditContactPage />} />
          <Route path="/referrals" element={<ReferralsPage />} />
          <Route path="/referrals/given" element={<GivenReferralsPage />} />
          <Route path="/referrals/:id" element={<ReferralDetailPage />} />
          <Route path="/commitments" element={<CommitmentsPage />} />
          <Route path="/incentives" element={<IncentivesPage />} />
          <Route path="/outbox" element={<OutboxPage />} />
          <Route path="/network" element={<Navigate to="/network/most-wanted" replace />} />
          <Route path="/network/most-wanted" element={<MostWantedPage />} />
          <Route path="/network/circles" element={<CirclesPage />} />
          <Route path="/network/circles/:id" element={<CircleDetailPage />} />
          <Route path="/network/reciprocity" element={<ReciprocityPage />} />
          <Route path="/settings" element={<SettingsIndex />} />
          <Route path="/settings/:section" element={<SettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
