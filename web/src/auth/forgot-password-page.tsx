import { Alert, Code, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Fragment } from 'react';
import { looksLikeEmail, submitWithServerErrors } from '../form-errors';
import { AuthForm, EmailField, OtherAuthPage } from './auth-form';
import { AuthFrame } from './auth-frame';
import { useRequestPasswordReset } from './use-password-reset';

const FIELDS = ['email'] as const;

/** The server's sentence, its `commands` set as code. */
function WithCommands({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
        i % 2 === 1 ? <Code key={i}>{part}</Code> : <Fragment key={i}>{part}</Fragment>,
      )}
    </>
  );
}

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: {
      email: (v) =>
        looksLikeEmail(v) ? null : 'Enter a valid email address, like name@example.com.',
    },
  });
  const submit = submitWithServerErrors(form, request, {
    fields: FIELDS,
    toInput: (values) => ({ email: values.email.trim() }),
    onSuccess: () => {},
  });

  return (
    <AuthFrame
      title="Forgot your password?"
      intro="We email you a link to choose a new one."
      footer={<OtherAuthPage question="Remembered it?" to="/sign-in" label="Sign in" />}
    >
      {request.data ? (
        <Alert color="teal" variant="light" title="What happens next" role="status">
          <Text size="sm">
            <WithCommands text={request.data.message} />
          </Text>
        </Alert>
      ) : (
        <AuthForm
          onSubmit={submit}
          error={request.error}
          isPending={request.isPending}
          submitLabel="Email me a link"
        >
          <EmailField {...form.getInputProps('email')} />
        </AuthForm>
      )}
    </AuthFrame>
  );
}
