import { TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { PasswordField } from '../components/password-field';
import { looksLikeEmail, submitWithServerErrors } from '../form-errors';
import { AuthForm, EmailField, OtherAuthPage } from './auth-form';
import { AuthFrame } from './auth-frame';
import { useSignUp } from './use-auth';

/** Three fields: the practice is named in the setup step that follows. */
const FIELDS = ['name', 'email', 'password'] as const;

export function SignUpPage() {
  const navigate = useNavigate();
  const signUp = useSignUp();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: '', password: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name.'),
      email: (v) =>
        looksLikeEmail(v) ? null : 'Enter a valid email address, like name@example.com.',
      password: (v) =>
        v.length < 8
          ? 'Use at least 8 characters.'
          : v.length > 128
            ? 'Use at most 128 characters.'
            : null,
    },
  });

  const submit = submitWithServerErrors(form, signUp, {
    fields: FIELDS,
    toInput: (values) => ({
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
    }),
    onSuccess: () => navigate('/setup', { replace: true }),
  });

  return (
    <AuthFrame
      title="Create your account"
      intro="Run your referral program from one place."
      footer={<OtherAuthPage question="Already have an account?" to="/sign-in" label="Sign in" />}
    >
      <AuthForm
        onSubmit={submit}
        error={signUp.error}
        isPending={signUp.isPending}
        submitLabel="Create account"
      >
        <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
        <EmailField {...form.getInputProps('email')} />
        <PasswordField
          label="Password"
          description="8 to 128 characters; a few unrelated words work well. Common passwords and your email are refused."
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
      </AuthForm>
    </AuthFrame>
  );
}
