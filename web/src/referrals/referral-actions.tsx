import { Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../api';
import { CLOSED_STATUSES, type Referral, type ReferralStatus } from '../api/types';
import { STATUS_LABELS } from '../labels';
import { referredName } from './referred-name';
import { useReopenReferral } from './use-referrals';
import { useStatusMove } from './use-status-move';

/** The one forward step offered on a card: new → contacted → meeting → client. */
export const NEXT_STEP: Partial<Record<ReferralStatus, { status: ReferralStatus; label: string }>> =
  {
    new: { status: 'contacted', label: 'Mark contacted' },
    contacted: { status: 'meeting', label: 'Mark meeting' },
    meeting: { status: 'client', label: 'Mark client' },
  };

export function isOpenStatus(status: ReferralStatus): boolean {
  return status === 'new' || status === 'contacted' || status === 'meeting';
}

export function isClosedStatus(status: ReferralStatus): boolean {
  return (CLOSED_STATUSES as readonly string[]).includes(status);
}

type ReferralActionsProps = {
  referral: Referral;
  size?: 'xs' | 'sm';
  /** The board leaves closing to its card's "Move to…" menu, to keep cards short. */
  withClose?: boolean;
};

/**
 * One click to the next status, a menu to close, or reopen a closed one; each change's toast
 * offers Undo (a correction back, reason "Undone"). A refused move (409) is told in a
 * notification with the server's reason.
 */
export function ReferralActions({ referral, size = 'xs', withClose = true }: ReferralActionsProps) {
  const move = useStatusMove();
  const reopen = useReopenReferral();
  const next = NEXT_STEP[referral.status];
  const who = referredName(referral);
  const onError = (error: Error) =>
    notifications.show({ color: 'red', title: 'Not changed', message: describeError(error) });
  const moveTo = (status: ReferralStatus) => move.send(referral, { status });
  const isBusy = move.isPending || reopen.isPending;

  return (
    <Group gap={6} wrap="wrap">
      {next ? (
        <Button
          size={size}
          variant="light"
          loading={move.pendingStatus === next.status}
          disabled={isBusy}
          onClick={() => moveTo(next.status)}
        >
          {next.label}
        </Button>
      ) : null}
      {withClose && isOpenStatus(referral.status) ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size={size} variant="subtle" color="gray" disabled={isBusy}>
              Close…
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Close {who}’s referral as</Menu.Label>
            {CLOSED_STATUSES.map((status) => (
              <Menu.Item key={status} onClick={() => moveTo(status)}>
                {STATUS_LABELS[status]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : null}
      {isClosedStatus(referral.status) ? (
        <Button
          size={size}
          variant="subtle"
          loading={reopen.isPending}
          onClick={() =>
            reopen.mutate(
              { id: referral.id, body: {} },
              {
                onSuccess: (saved) =>
                  move.announce(
                    referral,
                    referral.status,
                    `${who} is open again (${STATUS_LABELS[saved.status].toLocaleLowerCase()}).`,
                  ),
                onError,
              },
            )
          }
        >
          Reopen
        </Button>
      ) : null}
    </Group>
  );
}
