import { Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useUndoToast } from '../agenda/undo-toast';
import { undoable, usePerformAction } from '../agenda/use-agenda';
import { describeError } from '../api';
import type { Referral, ReferralStatus, StatusChange, UndoableAction } from '../api/types';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { STATUS_LABELS } from '../labels';
import type { MovePlan } from './board-moves';
import { referredName } from './referred-name';

const lower = (s: ReferralStatus) => STATUS_LABELS[s].toLocaleLowerCase();

/** What is being asked before a move: which closed status, and why when it is a correction. */
type Asking = { referral: Referral; choices: readonly ReferralStatus[]; correction: boolean };

/**
 * Status changes with an Undo: every change goes through the agenda's undoable actions, whose
 * toast's Undo puts the referral back exactly as it was (its times and history too, or a 409
 * when it changed since); a plan that needs an answer (which closed status, the reason of a
 * correction) opens `dialog` first. The Undo does not depend on the component that made the
 * change still being on screen (a card moves to another column).
 */
export function useStatusMove(): {
  request: (referral: Referral, plan: MovePlan) => void;
  send: (referral: Referral, body: StatusChange) => void;
  reopen: (referral: Referral) => void;
  isPending: boolean;
  pendingStatus: ReferralStatus | undefined;
  dialog: ReactNode;
} {
  const move = usePerformAction();
  const toast = useUndoToast();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [pendingStatus, setPendingStatus] = useState<ReferralStatus>();

  const perform = (
    action: UndoableAction,
    message: (saved: ReferralStatus | undefined) => string,
    onDone?: () => void,
    status?: ReferralStatus,
  ) => {
    setPendingStatus(status);
    move.mutate(action, {
      onSuccess: (result) => {
        onDone?.();
        toast(message(status), result.undoId);
      },
      onError: (error) => {
        // A dialog shows its own error; a one-click move says it in a notification.
        if (!onDone)
          notifications.show({ color: 'red', title: 'Not changed', message: describeError(error) });
      },
      onSettled: () => setPendingStatus(undefined),
    });
  };

  const send = (referral: Referral, body: StatusChange, onDone?: () => void) =>
    perform(
      undoable.status(referral.id, body),
      () =>
        `${referredName(referral)}: ${body.correction ? 'corrected to ' : ''}${lower(body.status)}.`,
      onDone,
      body.status,
    );

  const reopen = (referral: Referral) =>
    perform(undoable.reopen(referral.id), () => `${referredName(referral)} is open again.`);

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
    reopen,
    isPending: move.isPending,
    pendingStatus,
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
