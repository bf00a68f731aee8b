import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AgendaItem } from '../api/types';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { useDismiss, useSnooze } from './use-agenda';

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
  const snooze = useSnooze();
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
      { key: item.key, until: until.toISOString() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: `“${item.title}” snoozed until ${until.toLocaleDateString()}.`,
          });
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

/** Dismiss with a reason: the item stays away until its cause changes. */
export function DismissDialog({ item, onClose }: { item: AgendaItem | null; onClose: () => void }) {
  const dismiss = useDismiss();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    dismiss.reset();
    setReason('');
    setError(null);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!item) return;
    const text = reason.trim();
    if (!text) {
      setError('Say why, so the team knows later.');
      return;
    }
    setError(null);
    dismiss.mutate(
      { key: item.key, reason: text },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `“${item.title}” dismissed.` });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={item !== null} onClose={close} title="Dismiss this item" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {item?.title} stays off the agenda until something changes (a new status, a new touch…).
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
