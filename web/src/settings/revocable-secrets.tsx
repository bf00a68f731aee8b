import { Alert, Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyTextButton } from '../components/copy-text-button';
import { formatDateTime } from '../format';

type OneTimeSecretProps = {
  title: string;
  /** Why to copy it now and what to do if it leaks. */
  warning: string;
  value: string;
  /** The accessible name of the shown secret ("New API token"). */
  valueLabel: string;
  copyLabel: string;
  doneLabel: string;
  onDone: () => void;
  /** More help under the buttons (how to use the secret). */
  children?: ReactNode;
};

/** A secret (API token, feed address) shown once, right after it is made, to copy. */
export function OneTimeSecret(props: OneTimeSecretProps) {
  const { title, warning, value, valueLabel, copyLabel, doneLabel, onDone, children } = props;
  return (
    <Alert color="yellow" variant="light" title={title} role="alert">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {warning}
        </Text>
        <Code
          block
          style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
          aria-label={valueLabel}
        >
          {value}
        </Code>
        <Group gap="sm">
          <CopyTextButton value={value} label={copyLabel} size="sm" />
          <Button variant="default" size="sm" onClick={onDone}>
            {doneLabel}
          </Button>
        </Group>
        {children}
      </Stack>
    </Alert>
  );
}

/** A revoked secret says when; a live one shows its actions (Revoke, New address). */
export function RevocableStatus({
  revokedAt,
  timeZone,
  children,
}: {
  revokedAt: string | null;
  timeZone?: string;
  children: ReactNode;
}) {
  if (!revokedAt) return children;
  return (
    <Badge color="gray" variant="light">
      Revoked {formatDateTime(revokedAt, timeZone)}
    </Badge>
  );
}

type ConfirmOnItemProps<T, R> = {
  /** The item asked about; the dialog is open while there is one. */
  item: T | null;
  onClose: () => void;
  action: UseMutationResult<R, Error, string>;
  title: string;
  confirmLabel: string;
  onDone: (result: R, item: T) => void;
  children: ReactNode;
};

/** Asks before an action on one listed item (revoke, new address), then runs it on its id. */
export function ConfirmOnItem<T extends { id: string }, R>(props: ConfirmOnItemProps<T, R>) {
  const { item, onClose, action, title, confirmLabel, onDone, children } = props;
  return (
    <ConfirmDialog
      opened={item !== null}
      title={title}
      confirmLabel={confirmLabel}
      isPending={action.isPending}
      error={action.error}
      onCancel={() => {
        onClose();
        action.reset();
      }}
      onConfirm={() => {
        if (!item) return;
        action.mutate(item.id, {
          onSuccess: (result) => {
            onDone(result, item);
            onClose();
          },
        });
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
