import { Alert, Box, Group, NativeSelect, NavLink, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { useMe } from '../auth/use-auth';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-content';
import { NotFoundPage } from '../not-found-page';
import { PracticeForm } from '../practice/practice-form';
import { usePractice } from '../practice/use-practice';
import { TeamSection } from '../team/team-section';
import { isOwner } from '../team/use-team';
import { ApiTokensSection } from './api-tokens-section';
import { AuditLogSection } from './audit-log-section';
import { CalendarFeedsSection } from './calendar-feeds-section';
import { DataSection } from './data-section';
import { EthicsSection } from './ethics-section';
import { LetterTemplatesSection } from './letter-templates-section';
import { ProgramDefaultsSection } from './program-defaults-section';
import { SecuritySection } from './security-section';
import { SettingsSection } from './settings-section';
import {
  type SettingsSlug,
  settingsPathFor,
  settingsSectionOf,
  visibleSettingsSections,
} from './settings-sections';
import { SmtpSection } from './smtp-section';
import { WebhooksSection } from './webhooks-section';

function PracticeSection() {
  const practice = usePractice();
  return (
    <SettingsSection
      id="practice-title"
      title="Practice"
      description="Who you are and whom you serve: Vouch builds your ask scripts and letters from this."
    >
      <QueryContent query={practice}>
        {(data) => (
          <PracticeForm
            key={data.updatedAt}
            practice={data}
            submitLabel="Save practice"
            onSaved={() => notifications.show({ color: 'teal', message: 'Practice saved.' })}
          />
        )}
      </QueryContent>
    </SettingsSection>
  );
}

const SECTION_PAGES: Record<SettingsSlug, () => ReactNode> = {
  practice: () => <PracticeSection />,
  team: () => <TeamSection />,
  program: () => <ProgramDefaultsSection />,
  ethics: () => <EthicsSection />,
  email: () => <SmtpSection />,
  letters: () => <LetterTemplatesSection />,
  calendar: () => <CalendarFeedsSection />,
  tokens: () => <ApiTokensSection />,
  webhooks: () => <WebhooksSection />,
  security: () => <SecuritySection />,
  audit: () => <AuditLogSection />,
  data: () => <DataSection />,
};

/** /settings: to the first page, or to the page an old `#…-title` link meant. */
export function SettingsIndex() {
  const { hash } = useLocation();
  const me = useMe();
  return <Navigate to={settingsPathFor(hash, isOwner(me.data))} replace />;
}

/** What a member sees at an owner's section: who may, instead of a form the server refuses. */
function OwnersOnly({ label }: { label: string }) {
  return (
    <Alert color="gray" variant="light" title={`${label} is for owners`}>
      Only an owner of the practice can change this. Ask an owner if something here needs to change.
    </Alert>
  );
}

/** /settings/:section — one section per page, with the others a click away. */
export function SettingsPage() {
  const { section: slug } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const section = settingsSectionOf(slug);
  if (!section) return <NotFoundPage />;
  const owner = isOwner(me.data);
  const sections = visibleSettingsSections(owner);
  return (
    <>
      <PageHeader title={`Settings · ${section.label}`} />
      {/* On a phone the pages are a select; from sm up, a list beside the section. */}
      <Box hiddenFrom="sm" mb="md">
        <NativeSelect
          label="Settings page"
          value={section.slug}
          data={sections.map((s) => ({ value: s.slug, label: s.label }))}
          onChange={(e) => navigate(`/settings/${e.currentTarget.value}`)}
        />
      </Box>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Box
          component="nav"
          aria-label="Settings pages"
          visibleFrom="sm"
          w={200}
          style={{ flexShrink: 0, position: 'sticky', top: 76 }}
        >
          <Stack gap={2}>
            {sections.map((s) => (
              <NavLink
                key={s.slug}
                component={Link}
                to={`/settings/${s.slug}`}
                label={s.label}
                active={s.slug === section.slug}
                aria-current={s.slug === section.slug ? 'page' : undefined}
              />
            ))}
          </Stack>
        </Box>
        <Stack
          gap="lg"
          maw={section.slug === 'letters' ? 1100 : 820}
          style={{ flex: 1, minWidth: 0 }}
        >
          {section.ownerOnly && !owner ? (
            <OwnersOnly label={section.label} />
          ) : (
            SECTION_PAGES[section.slug]()
          )}
        </Stack>
      </Group>
    </>
  );
}
