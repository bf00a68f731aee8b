import { Button, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Contact, Warning } from '../api/types';
import { FormActions } from '../components/form-actions';
import { LoadingState } from '../components/loading-state';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { WarningsAlert } from '../components/warnings-alert';
import { focusFirstInvalid, toFormErrors } from '../form-errors';
import { numberLimits, wholeNumberError, wholeNumberProps } from '../number-field';
import { CommitmentCard } from './commitment-card';
import { useCommitments, useCreateCommitment } from './use-commitments';

/** The commitments of one contact, and "Record a commitment". */
export function ContactCommitments({ contact }: { contact: Contact }) {
  const commitments = useCommitments({ contactId: contact.id });
  const [isOpen, setIsOpen] = useState(false);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const items = commitments.data ?? [];
  return (
    <Panel
      id="commit-heading"
      title="Commitments"
      actions={
        <Button variant="light" onClick={() => setIsOpen(true)}>
          Record a commitment
        </Button>
      }
    >
      <WarningsAlert
        title="Saved, with a warning"
        warnings={warnings}
        onClose={() => setWarnings([])}
        mb="sm"
      />
      <ProblemAlert error={commitments.error} />
      {commitments.isPending ? <LoadingState label="Loading commitments…" /> : null}
      {commitments.isSuccess && items.length === 0 ? (
        <Text c="dimmed" size="sm">
          When {contact.name} promises to send you people, record it here: Vouch counts their
          referrals and reminds you to follow up.
        </Text>
      ) : null}
      <Stack gap="sm">
        {items.map((c) => (
          <CommitmentCard key={c.id} commitment={c} withIncentives />
        ))}
      </Stack>
      <CommitmentDialog
        contact={contact}
        opened={isOpen}
        onClose={() => setIsOpen(false)}
        onSaved={(w) => {
          setWarnings(w);
          setIsOpen(false);
        }}
      />
    </Panel>
  );
}

const FIELDS = ['promisedCount', 'incentiveForReferrer', 'incentiveForReferred', 'dueAt', 'note'];

function CommitmentDialog({
  contact,
  opened,
  onClose,
  onSaved,
}: {
  contact: Contact;
  opened: boolean;
  onClose: () => void;
  onSaved: (warnings: Warning[]) => void;
}) {
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Record a commitment from ${contact.name}`}
      size="lg"
      fullScreen={Boolean(isPhone)}
    >
      {opened ? <CommitmentForm contact={contact} onCancel={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function CommitmentForm({
  contact,
  onCancel,
  onSaved,
}: {
  contact: Contact;
  onCancel: () => void;
  onSaved: (warnings: Warning[]) => void;
}) {
  const create = useCreateCommitment(contact.id);
  const [count, setCount] = useState<number | string>(5);
  const [forThem, setForThem] = useState('');
  const [forReferred, setForReferred] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    const countError = wholeNumberError(count, numberLimits.promisedCount);
    if (countError) next.promisedCount = countError;
    setErrors(next);
    if (Object.keys(next).length > 0 || typeof count !== 'number') return focusFirstInvalid();
    create.mutate(
      {
        promisedCount: count,
        ...(forThem.trim() ? { incentiveForReferrer: forThem.trim() } : {}),
        ...(forReferred.trim() ? { incentiveForReferred: forReferred.trim() } : {}),
        // A due date is the end of that day, local time.
        ...(due ? { dueAt: new Date(`${due}T23:59:00`).toISOString() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (created) => {
          notifications.show({
            color: 'teal',
            message: `${contact.name} promised ${created.commitment.promisedCount}: recorded.`,
          });
          onSaved(created.warnings);
        },
        onError: (error) => {
          setErrors(toFormErrors(error, FIELDS) as Record<string, string>);
          focusFirstInvalid();
        },
      },
    );
  };

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A commitment is a promise, never a quota. Vouch credits each referral {contact.name} sends
          from now on.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput
            label="Promised referrals"
            {...wholeNumberProps(numberLimits.promisedCount)}
            value={count}
            onChange={setCount}
            error={errors.promisedCount}
            required
          />
          <TextInput
            label="Hoped for by (optional)"
            type="date"
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={errors.dueAt}
          />
        </SimpleGrid>
        <TextInput
          label="Incentive for them"
          placeholder="e.g. A dinner for two"
          maxLength={500}
          value={forThem}
          onChange={(e) => setForThem(e.currentTarget.value)}
          error={errors.incentiveForReferrer}
        />
        <TextInput
          label="Incentive for the people they refer"
          placeholder="e.g. A free first session"
          maxLength={500}
          value={forReferred}
          onChange={(e) => setForReferred(e.currentTarget.value)}
          error={errors.incentiveForReferred}
        />
        <GrowingTextarea
          label="Commitment note"
          value={note}
          onValueChange={setNote}
          error={errors.note}
        />
        <ProblemAlert error={hasFieldErrors ? null : create.error} />
        <FormActions
          submitLabel="Save commitment"
          isPending={create.isPending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
