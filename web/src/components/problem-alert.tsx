import { Alert } from '@mantine/core';
import { describeError, ProblemError } from '../api';

type ProblemAlertProps = { error: unknown; title?: string };

/** The problem's `detail`, announced to screen readers; nothing when there is no error. */
export function ProblemAlert({ error, title }: ProblemAlertProps) {
  if (!error) return null;
  const heading = title ?? (error instanceof ProblemError ? error.title : 'Something went wrong');
  return (
    <Alert color="red" variant="light" title={heading} role="alert">
      {describeError(error)}
    </Alert>
  );
}
