import { Button, Group, Menu } from '@mantine/core';
import { CLOSED_STATUSES, type Referral, type ReferralStatus } from '../api/types';
import { STATUS_LABELS } from '../labels';
import { isClosed, isOpen } from './board-moves';
import { referredName } from './referred-name';
import { useStatusMove } from './use-status-move';

/** The one forward step offered on a card: new → contacted → meeting → client. */
export const NEXT_STEP: Partial<Record<ReferralStatus, { status: ReferralStatus; label: string }>> =
  {
    new: { status: 'contacted', label: 'Mark contacted' },
    contacted: { status: 'meeting', label: 'Mark meeting' },
    meeting: { status: 'client', label: 'Mark client' },
  };

type ReferralActionsProps = {
  referral: Referral;
  size?: 'xs' | 'sm';
  /** The board leaves closing to its card's "Move to…" menu, to keep cards short. */
  withClose?: boolean;
};

/**
 * One click to the next status, a menu to close, or reopen a closed one; each change's toast
 * offers Undo (useStatusMove). A refused move (409) is told in a notification with the
 * server's reason.
 */
export function ReferralActions({ referral, size = 'xs', withClose = true }: ReferralActionsProps) {
  const move = useStatusMove();
  const next = NEXT_STEP[referral.status];
  const who = referredName(referral);
  const moveTo = (status: ReferralStatus) => move.send(referral, { status });
  const isBusy = move.isPending;

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
      {withClose && isOpen(referral.status) ? (
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
      {isClosed(referral.status) ? (
        <Button
          size={size}
          variant="subtle"
          loading={move.isPending && move.pendingStatus === undefined}
          disabled={isBusy}
          onClick={() => move.reopen(referral)}
        >
          Reopen
        </Button>
      ) : null}
    </Group>
  );
}
