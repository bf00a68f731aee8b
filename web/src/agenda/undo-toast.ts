import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { describeError } from '../api';
import { showActionToast } from '../components/action-toast';
import { useUndo } from './use-agenda';

/**
 * The confirmation of an action on Today, with Undo when the server gave an undo id (issue 11
 * §9): Undo takes back on the server what the action recorded. `onUndone` runs after it.
 */
export function useUndoToast() {
  const undo = useUndo();
  return useCallback(
    (message: string, undoId: string | null, onUndone?: () => void) => {
      if (!undoId) {
        notifications.show({ color: 'teal', message });
        return;
      }
      showActionToast({
        message,
        action: {
          label: 'Undo',
          // The promise, not mutate's callbacks: those run only while the component that
          // asked is on screen, and a board card that moved back is drawn anew.
          onClick: () =>
            undo.mutateAsync(undoId).then(
              () => {
                notifications.show({ color: 'teal', message: 'Undone.' });
                onUndone?.();
              },
              (error: unknown) =>
                notifications.show({
                  color: 'red',
                  title: 'Could not undo',
                  message: describeError(error),
                }),
            ),
        },
      });
    },
    [undo],
  );
}
