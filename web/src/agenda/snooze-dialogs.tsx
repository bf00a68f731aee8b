import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { AgendaItem } from '../api/types';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { useUndoToast } from './undo-toast';
import { useBulkAction } from './use-agenda';

/** 8:00 in the morning, `days` days from today (local time). */
function morningIn(days: number, from: Date = new Date()): Date {
  const d = new Date(from);
  d.setDate(d.getDate() + days);
  d.setHours(8, 0, 0, 0);
  return d;
}

export type SnoozeChoice = 'later_today' | 'tomorrow' | 'next_week';

export const SNOOZE_LABELS: Record<SnoozeChoice, string> = {
  later_today: 'Later today (in 3 hours)',
  tomorrow: 'Tomorrow morning',
  next_week: 'Next week (Monday morning)',
};

export function snoozeUntil(choice: SnoozeChoice, now: Date = new Date()): Date {
  if (choice === 'later_today') return new Date(now.getTime() + 3 * 3_600_000);
  if (choice === 'tomorrow') return morningIn(1, now);
  const toMonday = (8 - now.getDay()) % 7 || 7;
  return morningIn(toMonday, now);
}

function toDateInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Snooze until a chosen day (8:00 that morning). */
export function SnoozeDateDialog({
  item,
  onClose,
}: {
  item: AgendaItem | null;
  onClose: () => void;
}) {
  const snooze = useBulkAction();
  const toast = useUndoToast();
  const [date, setDate] = useState(() => toDateInput(morningIn(2)));
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    snooze.reset();
    setError(null);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!item) return;
    const [y, m, d] = date.split('-').map(Number);
    if (!y || !m || !d) {
      setError('Pick a day.');
      return;
    }
    const until = new Date(y, m - 1, d, 8, 0, 0, 0);
    if (until.getTime() <= Date.now()) {
      setError('Pick a day after today.');
      return;
    }
    setError(null);
    snooze.mutate(
      { action: 'snooze', keys: [item.key], until: until.toISOString() },
      {
        onSuccess: (result) => {
          toast(`“${item.title}” snoozed until ${until.toLocaleDateString()}.`, result.undoId);
          close();
        },
      },
    );
  };
  return (
    <Modal opened={item !== null} onClose={close} title="Snooze until a day" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{item?.title} comes back at 8:00 that morning.</Text>
          <TextInput
            type="date"
            label="Snooze until"
            value={date}
            min={toDateInput(morningIn(1))}
            error={error}
            onChange={(e) => setDate(e.currentTarget.value)}
            data-autofocus
          />
          <ProblemAlert error={snooze.error} title="Not snoozed" />
          <FormActions submitLabel="Snooze" isPending={snooze.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

const REASONS = ['Already done', 'Not relevant', 'Not the right time for this person'];

/** Dismiss with a reason: the items stay away until their cause changes. One undo for all. */
export function DismissDialog({
  items,
  onClose,
  onDone,
}: {
  items: AgendaItem[];
  onClose: () => void;
  /** After the dismissal (the selection is cleared, say). */
  onDone?: () => void;
}) {
  const dismiss = useBulkAction();
  const toast = useUndoToast();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    dismiss.reset();
    setReason('');
    setError(null);
    onClose();
  };
  const what = items.length === 1 ? `“${items[0]?.title}”` : `${items.length} items`;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (items.length === 0) return;
    const text = reason.trim();
    if (!text) {
      setError('Say why, so the team knows later.');
      return;
    }
    setError(null);
    dismiss.mutate(
      { action: 'dismiss', keys: items.map((i) => i.key), reason: text },
      {
        onSuccess: (result) => {
          toast(`${what} dismissed.`, result.undoId);
          onDone?.();
          close();
        },
      },
    );
  };
  return (
    <Modal
      opened={items.length > 0}
      onClose={close}
      title={items.length === 1 ? 'Dismiss this item' : `Dismiss ${items.length} items`}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {items.length === 1 ? items[0]?.title : `These ${items.length} items`} stay off the
            agenda until something changes (a new status, a new touch…).
          </Text>
          <Group gap="xs">
            {REASONS.map((r) => (
              <Button key={r} size="xs" variant="default" onClick={() => setReason(r)}>
                {r}
              </Button>
            ))}
          </Group>
          <GrowingTextarea
            label="Reason"
            value={reason}
            maxLength={500}
            error={error}
            onValueChange={setReason}
            data-autofocus
          />
          <ProblemAlert error={dismiss.error} title="Not dismissed" />
          <FormActions
            submitLabel="Dismiss"
            isPending={dismiss.isPending}
            onCancel={close}
            color="red"
          />
        </Stack>
      </form>
    </Modal>
  );
}
