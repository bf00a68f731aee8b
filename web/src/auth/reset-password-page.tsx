import { Alert, Anchor, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ProblemError } from '../api';
import { PasswordField } from '../components/password-field';
import { submitWithServerErrors } from '../form-errors';
import { AuthForm, OtherAuthPage } from './auth-form';
import { AuthFrame } from './auth-frame';
import { useResetPassword } from './use-password-reset';

const FIELDS = ['newPassword'] as const;

/** A problem shown under the password field needs no second copy above the button. */
function unlessOnTheField(error: unknown): unknown {
  if (error instanceof ProblemError && error.errors?.some((e) => e.field === 'newPassword'))
    return null;
  return error;
}

/** What the server said about the link itself (used, expired, unknown), if that was the problem. */
function linkProblemOf(error: unknown): string | null {
  if (!(error instanceof ProblemError)) return null;
  return error.errors?.find((e) => e.field === 'token')?.message ?? null;
}

function AskAgain() {
  return (
    <Anchor component={Link} to="/forgot-password">
      Ask for a new link
    </Anchor>
  );
}

/** Opened from the emailed link (`/reset-password?token=…`): choose a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const reset = useResetPassword();
  const form = useForm({
    mode: 'controlled',
    initialValues: { newPassword: '' },
    validate: {
      newPassword: (v) =>
        v.length < 8
          ? 'Use at least 8 characters.'
          : v.length > 128
            ? 'Use at most 128 characters.'
            : null,
    },
  });
  const submit = submitWithServerErrors(form, reset, {
    fields: FIELDS,
    toInput: (values) => ({ token, newPassword: values.newPassword }),
    onSuccess: () => {
      notifications.show({ message: 'Your password is changed. Sign in with it.' });
      navigate('/sign-in', { replace: true });
    },
  });
  const linkProblem = linkProblemOf(reset.error);

  return (
    <AuthFrame
      title="Choose a new password"
      intro="Once it is set, every device signed in to your account is signed out."
      footer={<OtherAuthPage question="Remembered it?" to="/sign-in" label="Sign in" />}
    >
      {!token ? (
        <Alert color="red" variant="light" title="No link" role="alert">
          <Stack gap="xs">
            This page opens from the link in your password-reset email.
            <AskAgain />
          </Stack>
        </Alert>
      ) : linkProblem ? (
        <Alert color="red" variant="light" title="This link cannot be used" role="alert">
          <Stack gap="xs">
            {linkProblem}
            <AskAgain />
          </Stack>
        </Alert>
      ) : (
        <AuthForm
          onSubmit={submit}
          error={unlessOnTheField(reset.error)}
          isPending={reset.isPending}
          submitLabel="Set the new password"
        >
          <PasswordField
            label="New password"
            description="8 to 128 characters; a few unrelated words work well. Common passwords and your email are refused."
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
        </AuthForm>
      )}
    </AuthFrame>
  );
}
