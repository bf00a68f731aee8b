import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useChangePassword, useSignOutEverywhere } from '../auth/use-auth';
import { ConfirmDialog } from '../components/confirm-dialog';
import { PasswordField } from '../components/password-field';
import { ProblemAlert } from '../components/problem-alert';
import { submitWithServerErrors } from '../form-errors';
import { SettingsSection } from './settings-section';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function SecuritySection() {
  return (
    <SettingsSection
      id="security-title"
      title="Sign-in and sessions"
      description="Change your password, or end your sessions on every device (for a lost phone or a shared computer)."
    >
      <Stack gap="lg">
        <ChangePasswordForm />
        <Divider />
        <SignOutEverywhere />
      </Stack>
    </SettingsSection>
  );
}

function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password.'),
      newPassword: (v) =>
        v.length < 8
          ? 'Use at least 8 characters.'
          : v.length > 128
            ? 'Use at most 128 characters.'
            : null,
    },
  });
  const submit = submitWithServerErrors(form, change, {
    fields: FIELDS,
    toInput: (values) => values,
    onSuccess: () => {
      form.reset();
      notifications.show({
        color: 'teal',
        message: 'Password changed. Your other sessions have been signed out.',
      });
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordField
          label="New password"
          description="Three or four unrelated words work well. Common passwords and your email are refused."
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
        <ProblemAlert error={change.error} />
      </Stack>
    </form>
  );
}

function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const signOut = useSignOutEverywhere();
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">
        Ends every session of your account, including this one. API tokens keep working; revoke them
        below if needed.
      </Text>
      <Button color="red" variant="light" onClick={() => setConfirming(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        opened={confirming}
        title="Sign out on every device?"
        confirmLabel="Sign out everywhere"
        isPending={signOut.isPending}
        error={signOut.error}
        onCancel={() => {
          setConfirming(false);
          signOut.reset();
        }}
        onConfirm={() =>
          signOut.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ message: 'You are signed out on every device.' });
              navigate('/sign-in', { replace: true });
            },
          })
        }
      >
        You will need to sign in again here and on every other device.
      </ConfirmDialog>
    </Stack>
  );
}
