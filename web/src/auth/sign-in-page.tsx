import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useLocation, useNavigate } from 'react-router';
import { PasswordField } from '../components/password-field';
import { ProblemAlert } from '../components/problem-alert';
import { focusFirstInvalid, toFormErrors } from '../form-errors';
import { AuthFrame } from './auth-frame';
import { useSignIn } from './use-auth';

const FIELDS = ['email', 'password'] as const;

function readReturnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/sign-')) return from;
  }
  return '/';
}

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const signIn = useSignIn();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : 'Enter your email address.'),
      password: (v) => (v ? null : 'Enter your password.'),
    },
  });

  const submit = form.onSubmit((values) => {
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => navigate(readReturnPath(location.state), { replace: true }),
        onError: (error) => {
          form.setErrors(toFormErrors(error, FIELDS));
          focusFirstInvalid();
        },
      },
    );
  }, focusFirstInvalid);

  return (
    <AuthFrame
      title="Sign in to Vouch"
      intro="Welcome back."
      footer={
        <>
          New to Vouch?{' '}
          <Anchor component={Link} to="/sign-up">
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={signIn.error} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
