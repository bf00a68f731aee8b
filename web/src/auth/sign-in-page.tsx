import { Anchor, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useLocation, useNavigate } from 'react-router';
import { PasswordField } from '../components/password-field';
import { submitWithServerErrors } from '../form-errors';
import { AuthForm, EmailField, OtherAuthPage } from './auth-form';
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

  const submit = submitWithServerErrors(form, signIn, {
    fields: FIELDS,
    toInput: (values) => ({ email: values.email.trim(), password: values.password }),
    onSuccess: () => navigate(readReturnPath(location.state), { replace: true }),
  });

  return (
    <AuthFrame
      title="Sign in to Vouch"
      intro="Welcome back."
      footer={<OtherAuthPage question="New to Vouch?" to="/sign-up" label="Create an account" />}
    >
      <AuthForm
        onSubmit={submit}
        error={signIn.error}
        isPending={signIn.isPending}
        submitLabel="Sign in"
      >
        <EmailField {...form.getInputProps('email')} />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Group justify="flex-end" mt={-8}>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot password?
          </Anchor>
        </Group>
      </AuthForm>
    </AuthFrame>
  );
}
