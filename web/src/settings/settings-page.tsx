import { Anchor, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { PracticeForm } from '../practice/practice-form';
import { usePractice } from '../practice/use-practice';
import { ApiTokensSection } from './api-tokens-section';
import { ProgramDefaultsSection } from './program-defaults-section';
import { SettingsSection } from './settings-section';

export function SettingsPage() {
  const practice = usePractice();
  return (
    <>
      <PageHeader title="Settings" />
      <Group gap="md" mb="md" component="nav" aria-label="Settings sections">
        <Anchor href="#practice-title">Practice</Anchor>
        <Anchor href="#defaults-title">Program defaults</Anchor>
        <Anchor href="#tokens-title">API tokens</Anchor>
      </Group>
      <Stack gap="lg" maw={820}>
        <SettingsSection
          id="practice-title"
          title="Practice"
          description="Who you are and whom you serve: Vouch builds your ask scripts and letters from this."
        >
          {practice.isPending ? <LoadingState /> : null}
          <ProblemAlert error={practice.error} />
          {practice.data ? (
            <PracticeForm
              key={practice.data.updatedAt}
              practice={practice.data}
              submitLabel="Save practice"
              onSaved={() => notifications.show({ color: 'teal', message: 'Practice saved.' })}
            />
          ) : null}
        </SettingsSection>
        <ProgramDefaultsSection />
        <ApiTokensSection />
      </Stack>
    </>
  );
}
