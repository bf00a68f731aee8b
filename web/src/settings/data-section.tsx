import { Button, Code, Stack, Text } from '@mantine/core';
import { buildUrl } from '../api';
import { useMe } from '../auth/use-auth';
import { SettingsSection } from './settings-section';

/** GET /export: the zip of everything, downloaded by the browser as it streams. */
export const exportAllUrl = buildUrl('/export', {});

/** Settings → Your data: the full export (owners; the server refuses members) and backups. */
export function DataSection() {
  const me = useMe();
  const isOwner = me.data?.role === 'owner';
  return (
    <SettingsSection
      id="data-title"
      title="Your data"
      description="Take everything out of Vouch: every contact, referral, touch, commitment, incentive, message and the audit log, as JSON and CSV files in one zip, with a README that explains each file."
    >
      <Stack gap="md" align="flex-start">
        {isOwner ? (
          <>
            <Button component="a" href={exportAllUrl} download>
              Download all data
            </Button>
            <Text size="sm" c="dimmed">
              Secrets (passwords, tokens) are never in it. The download is recorded in the audit
              log.
            </Text>
          </>
        ) : (
          <Text size="sm">Only the practice owner can download all data.</Text>
        )}
        <Text size="sm">
          Backups are made on the server: <Code>vouch backup FILE</Code> copies the database while
          Vouch runs, and <Code>vouch restore FILE</Code> puts one back (see the README, “Backups”).
        </Text>
      </Stack>
    </SettingsSection>
  );
}
