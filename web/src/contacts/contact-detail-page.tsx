import { Anchor, Button, Grid, NativeSelect, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ContactDetail, STAGES } from '../api/types';
import { SeizeTheDaySection } from '../asks/seize-the-day';
import { useMe } from '../auth/use-auth';
import { ContactCommitments } from '../commitments/contact-commitments';
import { ConfirmDialog } from '../components/confirm-dialog';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { formatDateTime } from '../format';
import { ROLE_LABELS, STAGE_LABELS, STAGE_MEANINGS } from '../labels';
import { useQuickAdd } from '../referrals/quick-add-context';
import { ContactTimelineSection, LogTouchForm, NextTouchCard } from './contact-timeline';
import { StageHistory } from './stage-history';
import { useContact, useDeleteContact, useUpdateContact } from './use-contacts';

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;

  if (contact.isPending) return <LoadingState label="Loading contact…" />;
  if (contact.isError) {
    return (
      <>
        <PageHeader title="Contact" />
        <ProblemAlert error={contact.error} />
        <Anchor component={Link} to="/contacts" mt="md" display="inline-block">
          Back to contacts
        </Anchor>
      </>
    );
  }
  return <ContactDetailView contact={contact.data} timeZone={timeZone} />;
}

function ContactDetailView({ contact, timeZone }: { contact: ContactDetail; timeZone?: string }) {
  const navigate = useNavigate();
  const [isConfirming, setIsConfirming] = useState(false);
  const remove = useDeleteContact(contact.id);
  const quickAdd = useQuickAdd();

  return (
    <>
      <Anchor component={Link} to="/contacts" size="sm">
        ← Contacts
      </Anchor>
      <PageHeader
        title={contact.name}
        description={[contact.organization, contact.category?.name].filter(Boolean).join(' · ')}
        actions={
          <>
            <Button
              variant="light"
              onClick={() => quickAdd.open({ referrer: { id: contact.id, name: contact.name } })}
            >
              Referral from {contact.name}
            </Button>
            <Button variant="default" onClick={() => navigate(`/contacts/${contact.id}/edit`)}>
              Edit contact
            </Button>
            <Button color="red" variant="light" onClick={() => setIsConfirming(true)}>
              Delete contact
            </Button>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <StageControl contact={contact} />
              <NextTouchCard contact={contact} timeZone={timeZone} />
            </SimpleGrid>
            <SeizeTheDaySection contact={contact} timeZone={timeZone} />
            <ContactCommitments contact={contact} />
            <LogTouchForm contact={contact} />
            <ContactTimelineSection contact={contact} timeZone={timeZone} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <ContactFields contact={contact} timeZone={timeZone} />
            <Paper withBorder p="md" radius="md">
              <StageHistory history={contact.stageHistory} timeZone={timeZone} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={isConfirming}
        title={`Delete ${contact.name}?`}
        confirmLabel="Yes, delete"
        isPending={remove.isPending}
        error={remove.error}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: `${contact.name} was deleted.` });
              navigate('/contacts', { replace: true });
            },
          })
        }
      >
        This erases them: their details, notes, interactions, messages and survey answers. Referrals
        about them stay without their name, so the referrer keeps the credit. It cannot be undone.
      </ConfirmDialog>
    </>
  );
}

/** Changing the select saves the new stage at once; the history records it. */
function StageControl({ contact }: { contact: ContactDetail }) {
  const update = useUpdateContact(contact.id);
  const shown =
    update.isPending && update.variables?.stage ? update.variables.stage : contact.stage;
  return (
    <Paper withBorder p="md" radius="md">
      <NativeSelect
        label="Stage"
        description={STAGE_MEANINGS[shown]}
        value={shown}
        data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
        onChange={(event) => {
          const stage = STAGES.find((s) => s === event.currentTarget.value);
          if (!stage || stage === contact.stage) return;
          update.mutate(
            { stage },
            {
              onSuccess: (saved) =>
                notifications.show({
                  color: 'teal',
                  message: `${saved.name} is now at “${STAGE_LABELS[saved.stage]}”.`,
                }),
            },
          );
        }}
      />
      {update.error ? (
        <Stack mt="sm">
          <ProblemAlert error={update.error} />
        </Stack>
      ) : null}
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function ContactFields({ contact, timeZone }: { contact: ContactDetail; timeZone?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 1, lg: 2 }} component="dl" m={0} spacing="md">
        <Field label="Email">
          {contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : null}
        </Field>
        <Field label="Phone">
          {contact.phone ? <Anchor href={`tel:${contact.phone}`}>{contact.phone}</Anchor> : null}
        </Field>
        <Field label="Organization">{contact.organization}</Field>
        <Field label="Category">{contact.category?.name}</Field>
        <Field label="Roles">{contact.roles.map((r) => ROLE_LABELS[r]).join(', ')}</Field>
        <Field label="Circles">{contact.circles.map((c) => c.name).join(', ')}</Field>
        <Field label="Where met">{contact.metWhere}</Field>
        <Field label="How met">{contact.metHow}</Field>
        <Field label="Email consent">{contact.emailConsent ? 'Yes' : 'No'}</Field>
        <Field label="Do not ask">{contact.doNotAsk ? 'Yes, never ask for referrals' : 'No'}</Field>
        {contact.isTreatingProvider ? (
          <Field label="Treating provider">Yes: may be told a person was seen or scheduled</Field>
        ) : null}
        <Field label="Last touch">{formatDateTime(contact.lastTouchAt, timeZone)}</Field>
        <Field label="Keep in touch">
          {contact.cadenceDays
            ? `Every ${contact.cadenceDays} days${contact.keepInTouchDays !== null ? ' (their own cadence)' : ''}`
            : 'No cadence'}
        </Field>
        <Field label="Added">{formatDateTime(contact.createdAt, timeZone)}</Field>
        <Field label="Updated">{formatDateTime(contact.updatedAt, timeZone)}</Field>
      </SimpleGrid>
      {contact.notes ? (
        <Stack mt="md" gap={4} component="dl">
          <Field label="Notes">{contact.notes}</Field>
        </Stack>
      ) : null}
    </Paper>
  );
}
