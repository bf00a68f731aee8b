import { Alert, type MantineSpacing } from '@mantine/core';
import { describeError, ProblemError } from '../api';

/** `mt` spaces it from what is above only when it shows. */
type ProblemAlertProps = { error: unknown; title?: string; mt?: MantineSpacing };

/** The problem's `detail`, announced to screen readers; nothing when there is no error. */
export function ProblemAlert({ error, title, mt }: ProblemAlertProps) {
  if (!error) return null;
  const heading = title ?? (error instanceof ProblemError ? error.title : 'Something went wrong');
  return (
    <Alert color="red" variant="light" title={heading} role="alert" mt={mt}>
      {describeError(error)}
    </Alert>
  );
}
