import { Alert, List, type MantineSpacing } from '@mantine/core';
import type { Warning } from '../api/types';

/** Warnings the server returned with a write that succeeded (e.g. an ask inside the cooldown). */
export function WarningsAlert({
  title,
  warnings,
  onClose,
  mb,
}: {
  title: string;
  warnings: readonly Warning[];
  onClose?: () => void;
  mb?: MantineSpacing;
}) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={title}
      mb={mb}
      withCloseButton={onClose !== undefined}
      closeButtonLabel="Dismiss the warning"
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        {warnings.map((w) => (
          <List.Item key={w.code}>{w.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
