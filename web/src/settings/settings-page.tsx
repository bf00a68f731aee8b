import { Anchor, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-content';
import { PracticeForm } from '../practice/practice-form';
import { usePractice } from '../practice/use-practice';
import { ApiTokensSection } from './api-tokens-section';
import { AuditLogSection } from './audit-log-section';
import { CalendarFeedsSection } from './calendar-feeds-section';
import { EthicsSection } from './ethics-section';
import { LetterTemplatesSection } from './letter-templates-section';
import { ProgramDefaultsSection } from './program-defaults-section';
import { SecuritySection } from './security-section';
import { SettingsSection } from './settings-section';
import { SmtpSection } from './smtp-section';

export function SettingsPage() {
  const practice = usePractice();
  const { hash } = useLocation();
  // Links like /settings#letters-title land on their section once the page has rendered.
  useEffect(() => {
    if (!hash) return;
    const timer = window.setTimeout(() => {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    }, 300);
    return () => window.clearTimeout(timer);
  }, [hash]);
  return (
    <>
      <PageHeader title="Settings" />
      <Group gap="md" mb="md" wrap="wrap" component="nav" aria-label="Settings sections">
        <Anchor href="#practice-title">Practice</Anchor>
        <Anchor href="#defaults-title">Program defaults</Anchor>
        <Anchor href="#ethics-title">Ethics</Anchor>
        <Anchor href="#smtp-title">Email (SMTP)</Anchor>
        <Anchor href="#letters-title">Letters</Anchor>
        <Anchor href="#calendar-title">Calendar feed</Anchor>
        <Anchor href="#tokens-title">API tokens</Anchor>
        <Anchor href="#security-title">Sign-in and sessions</Anchor>
      </Group>
      <Stack gap="lg" maw={820}>
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
        <ProgramDefaultsSection />
        <EthicsSection />
        <SmtpSection />
        <LetterTemplatesSection />
        <CalendarFeedsSection />
        <ApiTokensSection />
        <SecuritySection />
        <AuditLogSection />
      </Stack>
    </>
  );
}
