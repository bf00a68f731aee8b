import { Anchor, Button, Stack, TextInput, type TextInputProps } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../components/problem-alert';

type AuthFormProps = {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: unknown;
  isPending: boolean;
  submitLabel: string;
  children: ReactNode;
};

/** The fields of sign-in or sign-up, the server's problem under them, and the one submit button. */
export function AuthForm({ onSubmit, error, isPending, submitLabel, children }: AuthFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {children}
        <ProblemAlert error={error} />
        <Button type="submit" loading={isPending} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}

/** The account's email: the same field, with the browser's autofill hint, on both forms. */
export function EmailField(props: TextInputProps) {
  return <TextInput label="Email" type="email" autoComplete="email" required {...props} />;
}

/** The footer's way to the other form ("New to Vouch? Create an account"). */
export function OtherAuthPage({
  question,
  to,
  label,
}: {
  question: string;
  to: string;
  label: string;
}) {
  return (
    <>
      {question}{' '}
      <Anchor component={Link} to={to}>
        {label}
      </Anchor>
    </>
  );
}
