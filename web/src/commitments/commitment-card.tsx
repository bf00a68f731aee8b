import { Anchor, Badge, Button, Group, Modal, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useUndoToast } from '../agenda/undo-toast';
import { usePerformAction } from '../agenda/use-agenda';
import type { Commitment } from '../api/types';
import { useMe } from '../auth/use-auth';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { formatDate } from '../format';
import { IncentivesSection } from '../incentives/incentives-section';
import { COMMITMENT_STATUS_LABELS } from '../labels';
import { LetterDialog } from '../letters/letter-dialog';
import { useReleaseCommitment } from './use-commitments';

const STATUS_COLORS = { open: 'blue', fulfilled: 'teal', released: 'gray' } as const;

/** One commitment: "2 of 5", the promised incentives, the reminder state and its action. */
export function CommitmentCard({
  commitment,
  showContact = false,
  withIncentives = false,
}: {
  commitment: Commitment;
  showContact?: boolean;
  withIncentives?: boolean;
}) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const [isDrafting, setIsDrafting] = useState(false);
  const [isReleasing, setIsReleasing] = useState(false);
  const reminderByHand = usePerformAction();
  const toast = useUndoToast();
  const { reminder } = commitment;
  const isOpen = commitment.status === 'open';
  const titleId = `commitment-${commitment.id}`;
  const name = commitment.contact.name;

  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} id={titleId}>
            {showContact ? (
              <>
                <Anchor component={Link} to={`/contacts/${commitment.contact.id}`}>
                  {name}
                </Anchor>{' '}
                promised {commitment.promisedCount}{' '}
                {commitment.promisedCount === 1 ? 'referral' : 'referrals'}
              </>
            ) : (
              `Promised ${commitment.promisedCount} ${commitment.promisedCount === 1 ? 'referral' : 'referrals'}`
            )}
          </Text>
          <Text size="sm" c="dimmed">
            Made {formatDate(commitment.madeAt, timeZone)}
            {commitment.dueAt ? ` · hoped for by ${formatDate(commitment.dueAt, timeZone)}` : ''}
          </Text>
        </div>
        <Group gap={6}>
          <Badge
            size="lg"
            variant="filled"
            color="teal"
            aria-label={`Progress: ${commitment.progress}`}
          >
            {commitment.progress}
          </Badge>
          <Badge color={STATUS_COLORS[commitment.status]} variant="light">
            {COMMITMENT_STATUS_LABELS[commitment.status]}
          </Badge>
        </Group>
      </Group>
      <Progress
        mt="xs"
        value={(100 * commitment.credited) / Math.max(1, commitment.promisedCount)}
        aria-label={`${commitment.progress} referrals received`}
        color="teal"
        size="sm"
      />
      <Stack gap={2} mt="sm">
        <Text size="sm">
          <Text span fw={500}>
            Incentive for them:
          </Text>{' '}
          {commitment.incentiveForReferrer ?? '—'}
        </Text>
        <Text size="sm">
          <Text span fw={500}>
            Incentive for the people they refer:
          </Text>{' '}
          {commitment.incentiveForReferred ?? '—'}
        </Text>
        {commitment.note ? (
          <Text size="sm" c="dimmed">
            {commitment.note}
          </Text>
        ) : null}
      </Stack>
      {isOpen ? (
        <Group mt="sm" gap="xs" wrap="wrap" align="center">
          {reminder.state === 'due' ? (
            <>
              <Badge color="orange" variant="light" size="lg">
                Reminder due
              </Badge>
              <Button size="xs" onClick={() => setIsDrafting(true)}>
                Draft reminder letter
              </Button>
              <Button
                size="xs"
                variant="subtle"
                loading={reminderByHand.isPending}
                onClick={() =>
                  reminderByHand.mutate(
                    { method: 'POST', path: `/commitments/${commitment.id}/reminders` },
                    { onSuccess: (result) => toast('Reminder recorded.', result.undoId) },
                  )
                }
              >
                I reminded them myself
              </Button>
            </>
          ) : null}
          {reminder.state === 'release_suggested' ? (
            <>
              <Badge color="gray" variant="light" size="lg">
                {commitment.remindersSent} reminders, no result
              </Badge>
              <Button size="xs" onClick={() => setIsReleasing(true)}>
                Release gracefully
              </Button>
            </>
          ) : null}
          {reminder.state === 'not_due' ? (
            <Text size="sm" c="dimmed">
              {reminder.dueAt
                ? `Next reminder ${formatDate(reminder.dueAt, timeZone)}`
                : 'No reminder planned'}
              {commitment.remindersSent > 0
                ? ` · ${commitment.remindersSent} sent, last ${formatDate(commitment.lastReminderAt, timeZone)}`
                : ''}
            </Text>
          ) : null}
          {reminder.state !== 'release_suggested' ? (
            <Button size="xs" variant="subtle" color="gray" onClick={() => setIsReleasing(true)}>
              Release
            </Button>
          ) : null}
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {commitment.status === 'fulfilled'
            ? `Fulfilled ${formatDate(commitment.fulfilledAt, timeZone)}. Thank them!`
            : `Released ${formatDate(commitment.releasedAt, timeZone)}.`}
        </Text>
      )}
      <ProblemAlert error={reminderByHand.error} mt="xs" />
      {withIncentives ? (
        <IncentivesSection
          bare
          link={{ type: 'commitment', id: commitment.id, contact: commitment.contact }}
        />
      ) : null}
      <LetterDialog
        opened={isDrafting}
        onClose={() => setIsDrafting(false)}
        title={`Reminder letter to ${name}`}
        templateKey="commitment_reminder"
        about={{ commitmentId: commitment.id }}
        cause="commitment_reminder"
      />
      <ReleaseDialog
        commitment={commitment}
        opened={isReleasing}
        onClose={() => setIsReleasing(false)}
      />
    </Paper>
  );
}

function ReleaseDialog({
  commitment,
  opened,
  onClose,
}: {
  commitment: Commitment;
  opened: boolean;
  onClose: () => void;
}) {
  const release = useReleaseCommitment();
  const [note, setNote] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={`Release ${commitment.contact.name}?`} centered>
      <Stack>
        <Text size="sm">
          A commitment is a promise, never a quota. Releasing it closes it kindly: no more
          reminders. Referrals they send later are still welcome and recorded.
        </Text>
        <GrowingTextarea
          label="Release note"
          placeholder="e.g. Told them no worries, thanked them for thinking of me"
          value={note}
          onValueChange={setNote}
        />
        <ProblemAlert error={release.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            loading={release.isPending}
            onClick={() =>
              release.mutate(
                { id: commitment.id, ...(note.trim() ? { note: note.trim() } : {}) },
                {
                  onSuccess: () => {
                    notifications.show({
                      color: 'teal',
                      message: `${commitment.contact.name}’s commitment was released.`,
                    });
                    onClose();
                  },
                },
              )
            }
          >
            Release commitment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
