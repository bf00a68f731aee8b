import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { SmtpSecurity, SmtpSettings } from '../api/types';
import { useMe } from '../auth/use-auth';
import { PasswordField } from '../components/password-field';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { focusFirstInvalid, toFormErrors } from '../form-errors';
import { numberLimits, wholeNumberProps } from '../number-field';
import { useDeleteSmtp, useSaveSmtp, useSmtp, useTestSmtp } from '../outbox/use-outbox';
import { SettingsSection } from './settings-section';
import { smtpPortError, smtpStatus } from './smtp-status';

const SECURITY: { value: SmtpSecurity; label: string }[] = [
  { value: 'tls', label: 'TLS (usually port 465)' },
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'none', label: 'None (local relays only)' },
];
const FIELDS = ['host', 'port', 'security', 'username', 'password', 'fromEmail', 'fromName'];

export function SmtpSection() {
  const smtp = useSmtp();
  return (
    <SettingsSection
      id="smtp-title"
      title="Email (SMTP)"
      description="Vouch sends email through your own mail provider. Until this is set, emails wait in the outbox."
    >
      <QueryContent query={smtp}>
        {/* A passed test only adds `verifiedAt`: the form (and the test's answer) stay. */}
        {(data) => <SmtpForm key={JSON.stringify({ ...data, verifiedAt: null })} settings={data} />}
      </QueryContent>
    </SettingsSection>
  );
}

function SmtpForm({ settings }: { settings: SmtpSettings }) {
  const save = useSaveSmtp();
  const remove = useDeleteSmtp();
  const test = useTestSmtp();
  const [host, setHost] = useState(settings.host ?? '');
  const [port, setPort] = useState<number | string>(settings.port ?? 587);
  const [security, setSecurity] = useState<SmtpSecurity>(settings.security ?? 'starttls');
  const [username, setUsername] = useState(settings.username ?? '');
  const [password, setPassword] = useState('');
  const [fromEmail, setFromEmail] = useState(settings.fromEmail ?? '');
  const [fromName, setFromName] = useState(settings.fromName ?? '');
  const [testTo, setTestTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const me = useMe();
  const status = smtpStatus(settings, me.data?.practice.timeZone);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!host.trim()) next.host = 'Enter the mail server, like smtp.example.com.';
    const portError = smtpPortError(port);
    if (portError) next.port = portError;
    if (!fromEmail.trim()) next.fromEmail = 'Enter the address your email comes from.';
    setErrors(next);
    if (Object.keys(next).length > 0 || typeof port !== 'number') return focusFirstInvalid();
    save.mutate(
      {
        host: host.trim(),
        port,
        security,
        username: username.trim() || null,
        ...(password ? { password } : {}),
        fromEmail: fromEmail.trim(),
        fromName: fromName.trim() || null,
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Email settings saved.' }),
        onError: (error) => {
          setErrors(toFormErrors(error, FIELDS) as Record<string, string>);
          focusFirstInvalid();
        },
      },
    );
  };

  return (
    <Stack>
      <Alert
        color={status.tone === 'ok' ? 'teal' : status.tone === 'untested' ? 'yellow' : 'orange'}
        variant="light"
        title={status.title}
        data-testid="smtp-status"
      >
        {status.text}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Mail server"
              placeholder="smtp.example.com"
              value={host}
              onChange={(e) => setHost(e.currentTarget.value)}
              error={errors.host}
              required
            />
            <NumberInput
              label="Port"
              {...wholeNumberProps(numberLimits.smtpPort)}
              value={port}
              onChange={setPort}
              error={errors.port}
              required
            />
            <NativeSelect
              label="Security"
              value={security}
              data={SECURITY}
              onChange={(e) =>
                setSecurity(
                  SECURITY.find((s) => s.value === e.currentTarget.value)?.value ?? 'starttls',
                )
              }
              error={errors.security}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="User name"
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.username}
            />
            <PasswordField
              label="SMTP password"
              autoComplete="new-password"
              description={
                settings.hasPassword
                  ? 'A password is stored. Leave empty to keep it.'
                  : 'Leave empty if your server needs none.'
              }
              placeholder={settings.hasPassword ? 'Leave empty to keep' : undefined}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <TextInput
              label="From address"
              type="email"
              placeholder="you@yourpractice.com"
              value={fromEmail}
              onChange={(e) => setFromEmail(e.currentTarget.value)}
              error={errors.fromEmail}
              required
            />
            <TextInput
              label="From name"
              value={fromName}
              onChange={(e) => setFromName(e.currentTarget.value)}
              error={errors.fromName}
            />
          </SimpleGrid>
          <ProblemAlert error={Object.keys(errors).length ? null : save.error} title="Not saved" />
          <Group justify="flex-end">
            {settings.configured ? (
              <Button
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(undefined, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: 'Email settings removed.' }),
                  })
                }
              >
                Remove email settings
              </Button>
            ) : null}
            <Button type="submit" loading={save.isPending}>
              Save email settings
            </Button>
          </Group>
        </Stack>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate(testTo.trim() || undefined);
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Send the test to"
            description="Empty: your own address."
            type="email"
            value={testTo}
            onChange={(e) => setTestTo(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button
            type="submit"
            variant="default"
            loading={test.isPending}
            disabled={!settings.configured}
          >
            Send a test email
          </Button>
        </Group>
      </form>
      {!settings.configured ? (
        <Text size="xs" c="dimmed">
          Save the settings first, then send a test.
        </Text>
      ) : null}
      <ProblemAlert error={test.error} title="Test not sent" />
      {test.data ? (
        <Alert
          color={test.data.ok ? 'teal' : 'red'}
          variant="light"
          title={test.data.ok ? 'Test email sent — email is set up' : 'The test failed'}
          role="status"
        >
          {test.data.ok ? (
            `Your server accepted it${test.data.providerId ? ` (id ${test.data.providerId})` : ''}. Check the inbox.`
          ) : (
            <Stack gap={4}>
              <Text size="sm">{test.data.error}</Text>
              {test.data.detail ? (
                <details>
                  <summary>Technical detail</summary>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {test.data.detail}
                  </Text>
                </details>
              ) : null}
            </Stack>
          )}
        </Alert>
      ) : null}
    </Stack>
  );
}
