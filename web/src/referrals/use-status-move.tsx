import { Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api, describeError } from '../api';
import type { Referral, ReferralStatus, StatusChange } from '../api/types';
import { showActionToast } from '../components/action-toast';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { STATUS_LABELS } from '../labels';
import { refreshAfter } from '../refresh';
import type { MovePlan } from './board-moves';
import { referredName } from './referred-name';
import { useMoveReferral } from './use-referrals';

const lower = (s: ReferralStatus) => STATUS_LABELS[s].toLocaleLowerCase();

/** What is being asked before a move: which closed status, and why when it is a correction. */
type Asking = { referral: Referral; choices: readonly ReferralStatus[]; correction: boolean };

/**
 * Status changes with an Undo: every change shows the shared action toast whose Undo corrects
 * the status back (reason "Undone"); a plan that needs an answer (which closed status, the
 * reason of a correction) opens `dialog` first. The Undo does not depend on the component that
 * made the change still being on screen (a card moves to another column).
 */
export function useStatusMove(): {
  request: (referral: Referral, plan: MovePlan) => void;
  send: (referral: Referral, body: StatusChange) => void;
  announce: (referral: Referral, before: ReferralStatus, message: string) => void;
  isPending: boolean;
  pendingStatus: ReferralStatus | undefined;
  dialog: ReactNode;
} {
  const move = useMoveReferral();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Asking | null>(null);

  const undo = async (referral: Referral, before: ReferralStatus) => {
    const who = referredName(referral);
    try {
      await api.post('/referrals/{id}/status', {
        path: { id: referral.id },
        body: { status: before, correction: true, reason: 'Undone' },
      });
      notifications.show({ color: 'teal', message: `${who} is back to ${lower(before)}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not undone', message: describeError(error) });
    } finally {
      void refreshAfter(queryClient, 'referral');
    }
  };

  /** The toast of a change already made, whose Undo corrects the status back to `before`. */
  const announce = (referral: Referral, before: ReferralStatus, message: string) =>
    showActionToast({
      message,
      action: { label: 'Undo', onClick: () => void undo(referral, before) },
    });

  const send = (referral: Referral, body: StatusChange, onDone?: () => void) => {
    const before = referral.status;
    const who = referredName(referral);
    move.mutate(
      { id: referral.id, body },
      {
        onSuccess: (saved) => {
          onDone?.();
          announce(
            referral,
            before,
            `${who}: ${body.correction ? 'corrected to ' : ''}${lower(saved.status)}.`,
          );
        },
        onError: (error) => {
          if (!onDone)
            notifications.show({
              color: 'red',
              title: 'Not changed',
              message: describeError(error),
            });
        },
      },
    );
  };

  const request = (referral: Referral, plan: MovePlan) => {
    if (plan.kind === 'move') send(referral, { status: plan.status });
    else if (plan.kind === 'ask') {
      move.reset();
      setAsking({ referral, choices: plan.choices, correction: plan.correction });
    }
  };

  const dialog = (
    <MoveDialog
      asking={asking}
      isPending={move.isPending}
      error={move.error}
      onCancel={() => setAsking(null)}
      onSubmit={(status, reason) => {
        if (!asking) return;
        const body: StatusChange = asking.correction
          ? { status, correction: true, reason }
          : { status };
        send(asking.referral, body, () => setAsking(null));
      }}
    />
  );

  return {
    request,
    send: (referral, body) => send(referral, body),
    announce,
    isPending: move.isPending,
    pendingStatus: move.isPending ? move.variables?.body.status : undefined,
    dialog,
  };
}

function MoveDialog({
  asking,
  isPending,
  error,
  onCancel,
  onSubmit,
}: {
  asking: Asking | null;
  isPending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (status: ReferralStatus, reason: string) => void;
}) {
  const [choice, setChoice] = useState<ReferralStatus | ''>('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState<Asking | null>(null);
  // A new question starts blank (a one-choice move is preselected).
  if (asking !== shownFor) {
    setShownFor(asking);
    setChoice(asking?.choices.length === 1 ? (asking.choices[0] ?? '') : '');
    setReason('');
    setReasonError(null);
    setChoiceError(null);
  }
  if (!asking) return <Modal opened={false} onClose={onCancel} title="Move" />;
  const who = referredName(asking.referral);
  const from = lower(asking.referral.status);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) setChoiceError('Choose one.');
    const isReasonMissing = asking.correction && reason.trim() === '';
    if (isReasonMissing)
      setReasonError('Say why the status is corrected (e.g. “Marked by mistake”).');
    if (!choice || isReasonMissing) return;
    onSubmit(choice, reason.trim());
  };
  return (
    <Modal
      opened
      onClose={onCancel}
      title={asking.correction ? `Correct ${who}’s status` : `Close ${who}’s referral`}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {asking.choices.length > 1 ? (
            <Radio.Group
              label={asking.correction ? 'Correct it to' : 'Close it as'}
              value={choice}
              onChange={(v) => {
                setChoice(asking.choices.find((s) => s === v) ?? '');
                setChoiceError(null);
              }}
              error={choiceError}
              required
            >
              <Stack gap="xs" mt="xs">
                {asking.choices.map((s) => (
                  <Radio key={s} value={s} label={STATUS_LABELS[s]} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          {asking.correction ? (
            <>
              <Text size="sm">
                It is {from} now
                {choice ? `; moving it to ${lower(choice)} goes back` : ''}: that is a correction.
                The times past the new status are cleared, and the history keeps your reason.
              </Text>
              <Textarea
                label="Reason"
                required
                autosize
                minRows={2}
                maxLength={2000}
                value={reason}
                error={reasonError}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setReasonError(null);
                }}
                data-autofocus
              />
            </>
          ) : null}
          <ProblemAlert error={error} title="Not changed" />
          <FormActions
            submitLabel={asking.correction ? 'Correct status' : 'Close referral'}
            isPending={isPending}
            onCancel={onCancel}
          />
        </Stack>
      </form>
    </Modal>
  );
}
