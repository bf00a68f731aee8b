import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

/** The one button a toast may carry: "Undo", "Open it". */
export type ToastAction = { label: string; onClick: () => void };

/**
 * A confirmation toast with an action (Undo, Open it). It stays until it is used or closed: a
 * toast that vanishes after a few seconds cannot be reached by keyboard (WCAG 2.2.1). One such
 * toast at a time: a new one replaces the last, so a run of one-key actions does not pile up.
 */
export function showActionToast({
  title,
  message,
  action,
}: {
  title?: string;
  message: string;
  action: ToastAction;
}): void {
  const id = 'action-toast';
  notifications.hide(id);
  notifications.show({
    id,
    color: 'teal',
    title,
    autoClose: false,
    closeButtonProps: { 'aria-label': 'Close' },
    message: (
      <Group gap="sm" justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => {
            notifications.hide(id);
            action.onClick();
          }}
        >
          {action.label}
        </Button>
      </Group>
    ),
  });
}
