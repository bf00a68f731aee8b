import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from 'react-router';
import { PasswordField } from '../components/password-field';
import { ProblemAlert } from '../components/problem-alert';
import { focusFirstInvalid, toFormErrors } from '../form-errors';
import { AuthFrame } from './auth-frame';
import { useSignUp } from './use-auth';

const FIELDS = ['practiceName', 'name', 'email', 'password'] as const;

export function SignUpPage() {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const form = useForm({
    mode: 'controlled',
    initialValues: { practiceName: '', name: '', email: '', password: '' },
    validate: {
      practiceName: (v) => (v.trim() ? null : 'Enter the name of your practice.'),
      name: (v) => (v.trim() ? null : 'Enter your name.'),
      email: (v) =>
        /^\S+@\S+\.\S+$/.test(v.trim())
          ? null
          : 'Enter a valid email address, like name@example.com.',
      password: (v) =>
        v.length < 8
          ? 'Use at least 8 characters.'
          : v.length > 128
            ? 'Use at most 128 characters.'
            : null,
    },
  });

  const submit = form.onSubmit((values) => {
    signUp.mutate(
      {
        practiceName: values.practiceName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      },
      {
        onSuccess: () => navigate('/setup', { replace: true }),
        onError: (error) => {
          form.setErrors(toFormErrors(error, FIELDS));
          focusFirstInvalid();
        },
      },
    );
  }, focusFirstInvalid);

  return (
    <AuthFrame
      title="Create your practice account"
      intro="Run your referral program from one place."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Practice name"
            autoComplete="organization"
            required
            {...form.getInputProps('practiceName')}
          />
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordField
            label="Password"
            description="8 to 128 characters; a few unrelated words work well. Common passwords and your email are refused."
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <ProblemAlert error={signUp.error} />
          <Button type="submit" loading={signUp.isPending} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
