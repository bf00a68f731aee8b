import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  type Board,
  type BoardColumnStatus,
  CLOSED_STATUSES,
  type Referral,
  type ReferralStatus,
} from '../api/types';
import { formatMoney } from '../format';
import { STATUS_LABELS } from '../labels';
import { columnOf, isClosed, isForward, planColumnMove, planStatusMove } from './board-moves';
import { ReferralActions } from './referral-actions';
import classes from './referral-board.module.css';
import { describeClock } from './referral-clock';
import { referredName } from './referred-name';
import { useStatusMove } from './use-status-move';

const COLUMN_TITLES: Record<BoardColumnStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  meeting: 'Meeting',
  client: 'Client',
  closed: 'Closed',
};

const COLUMN_HINTS: Record<BoardColumnStatus, string> = {
  new: 'Contact them within the response window.',
  contacted: 'First contact made.',
  meeting: 'A meeting was held or booked.',
  client: 'They became a client.',
  closed: 'Not a fit, declined or no response.',
};

/** How far below the board the page ends: the main area's bottom padding. */
function spaceBelow(el: HTMLElement): number {
  const main = el.closest('main');
  return main ? Number.parseFloat(getComputedStyle(main).paddingBottom) || 0 : 16;
}

/**
 * On a wide screen the board fills the rest of the viewport and each column scrolls within it
 * (the page itself does not); on a phone the columns stack, each with a bounded height.
 */
function useFitToViewport(ref: React.RefObject<HTMLDivElement | null>): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const wide = window.matchMedia('(min-width: 48em)');
    const fitHeight = () => {
      if (!wide.matches) return setHeight(null);
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(320, Math.floor(window.innerHeight - top - spaceBelow(el))));
    };
    fitHeight();
    const observer = new ResizeObserver(fitHeight);
    observer.observe(document.body);
    window.addEventListener('resize', fitHeight);
    wide.addEventListener('change', fitHeight);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fitHeight);
      wide.removeEventListener('change', fitHeight);
    };
  }, [ref]);
  return height;
}

/** "12 · $1,500.00": the column's count, and its value when any referral in it has one. */
export function columnSummary(column: Board['columns'][number]): string {
  return [
    String(column.total),
    ...column.values.map((v) => formatMoney(v.totalMinor, v.currency)),
  ].join(' · ');
}

/**
 * The pipeline: one section per status, overdue cards first (the server's order). Cards move by
 * drag and drop or by keyboard ("Move to…" on each card); a forward move is the normal status
 * change, a move back asks for the reason of the correction, a drop on Closed asks which.
 */
export function ReferralBoard({ board, now }: { board: Board; now: number }) {
  const moves = useStatusMove();
  const [dragged, setDragged] = useState<Referral | null>(null);
  const [over, setOver] = useState<BoardColumnStatus | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const height = useFitToViewport(ref);
  const accepts = (column: BoardColumnStatus) =>
    dragged !== null && columnOf(dragged.status) !== column;
  const endDrag = () => {
    setDragged(null);
    setOver(null);
  };
  return (
    <>
      <div
        ref={ref}
        className={classes.board}
        style={height === null ? undefined : { height }}
        data-testid="referral-board"
      >
        {board.columns.map((column) => (
          <BoardColumnView
            key={column.status}
            status={column.status}
            summary={columnSummary(column)}
            isOver={over === column.status}
            onDragOver={(event) => {
              if (!accepts(column.status)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setOver(column.status);
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null))
                setOver((o) => (o === column.status ? null : o));
            }}
            onDrop={(event) => {
              event.preventDefault();
              if (dragged && accepts(column.status))
                moves.request(dragged, planColumnMove(dragged.status, column.status));
              endDrag();
            }}
          >
            {column.items.length === 0 ? (
              <Text size="sm" c="dimmed" p="xs">
                None.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {column.items.map((referral) => (
                  <li key={referral.id}>
                    <ReferralCard
                      referral={referral}
                      now={now}
                      isDragged={dragged?.id === referral.id}
                      onDragStart={() => setDragged(referral)}
                      onDragEnd={endDrag}
                      onMoveTo={(status) =>
                        moves.request(referral, planStatusMove(referral.status, status))
                      }
                    />
                  </li>
                ))}
              </Stack>
            )}
            {column.total > column.items.length ? (
              <Text size="xs" c="dimmed" mt="xs">
                Showing {column.items.length} of {column.total}. Use the list view for all.
              </Text>
            ) : null}
          </BoardColumnView>
        ))}
      </div>
      {moves.dialog}
    </>
  );
}

function BoardColumnView({
  status,
  summary,
  isOver,
  children,
  onDragOver,
  onDragLeave,
  onDrop,
}: {
  status: BoardColumnStatus;
  summary: string;
  isOver: boolean;
  children: React.ReactNode;
  onDragOver: React.DragEventHandler;
  onDragLeave: React.DragEventHandler;
  onDrop: React.DragEventHandler;
}) {
  const headingId = useId();
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      className={classes.column}
      data-over={isOver || undefined}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <Title order={2} fz="h4" id={headingId} className={classes.columnTitle}>
        {COLUMN_TITLES[status]}{' '}
        <Text span inherit c="gray.7" fw={500}>
          · {summary}
        </Text>
      </Title>
      <Text size="xs" c="gray.7" mb="xs">
        {COLUMN_HINTS[status]}
      </Text>
      <div className={classes.columnBody}>{children}</div>
    </Box>
  );
}

export function ClockBadge({ referral, now }: { referral: Referral; now: number }) {
  const clock = describeClock(referral, now);
  return (
    <Text size="sm" c={`${clock.color}.8`} fw={clock.isUrgent ? 700 : 500}>
      {clock.text}
    </Text>
  );
}

const MOVE_TARGETS: readonly ReferralStatus[] = [
  'new',
  'contacted',
  'meeting',
  'client',
  ...CLOSED_STATUSES,
];

function ReferralCard({
  referral,
  now,
  isDragged,
  onDragStart,
  onDragEnd,
  onMoveTo,
}: {
  referral: Referral;
  now: number;
  isDragged: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMoveTo: (status: ReferralStatus) => void;
}) {
  const titleId = useId();
  const clock = describeClock(referral, now);
  const who = referredName(referral);
  const className = [clock.isUrgent ? classes.urgent : '', classes.card].join(' ');
  return (
    <Paper
      component="article"
      aria-labelledby={titleId}
      withBorder
      p="sm"
      radius="md"
      className={className}
      data-dragged={isDragged || undefined}
      draggable
      onDragStart={(event: React.DragEvent) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', referral.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <Anchor
        component={Link}
        to={`/referrals/${referral.id}`}
        fw={600}
        id={titleId}
        draggable={false}
      >
        {who}
      </Anchor>
      <Text size="sm" c="dimmed">
        {referral.referrer ? `from ${referral.referrer.name}` : 'Unknown referrer'}
      </Text>
      {referral.need ? (
        <Text size="sm" lineClamp={2} mt={2}>
          {referral.need}
        </Text>
      ) : null}
      {isClosed(referral.status) ? (
        <Badge size="xs" color="gray" variant="light" mt={4}>
          {STATUS_LABELS[referral.status]}
        </Badge>
      ) : null}
      <Box mt={6}>
        <ClockBadge referral={referral} now={now} />
      </Box>
      <Group mt="xs" gap={6} wrap="wrap" align="flex-start">
        <ReferralActions referral={referral} withClose={false} />
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            {/* The name is read out, not shown: the card already says whose it is. */}
            <Button size="xs" variant="subtle" color="gray">
              {/* One inline span: the button's label is a flex box, which drops the spaces. */}
              <span>
                Move <VisuallyHidden>{who} </VisuallyHidden>to…
              </span>
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Move {who} to</Menu.Label>
            {MOVE_TARGETS.filter((s) => s !== referral.status).map((status) => (
              <Menu.Item key={status} onClick={() => onMoveTo(status)}>
                {STATUS_LABELS[status]}
                {isForward(referral.status, status) ? '' : ' (correction)'}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}
