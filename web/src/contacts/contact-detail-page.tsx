import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type ContactDetail, STAGES } from '../api/types';
import { SeizeTheDaySection } from '../asks/seize-the-day';
import { useMe } from '../auth/use-auth';
import { ContactCommitments } from '../commitments/contact-commitments';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import {
  BackLink,
  DeleteRecordButton,
  RecordField as Field,
  RecordColumns,
  RecordPage,
} from '../components/record-page';
import { formatDateTime } from '../format';
import { ContactReferralLink } from '../kit/contact-referral-link';
import { ROLE_LABELS, STAGE_LABELS, STAGE_MEANINGS } from '../labels';
import { IntroductionDialog } from '../referrals/introduction-dialog';
import { useQuickAdd } from '../referrals/quick-add-context';
import { isOwner } from '../team/use-team';
import { ContactTimelineSection, LogTouchForm, NextTouchCard } from './contact-timeline';
import { StageHistory } from './stage-history';
import { contactVcardUrl, useContact, useDeleteContact, useUpdateContact } from './use-contacts';

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const contact = useContact(id);
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  // A contact opens at the top (after a save too), not where the previous page was scrolled.
  useEffect(() => {
    if (id) window.scrollTo({ top: 0, left: 0 });
  }, [id]);

  return (
    <RecordPage query={contact} noun="Contact" list={CONTACTS}>
      {(record) => <ContactDetailView contact={record} timeZone={timeZone} />}
    </RecordPage>
  );
}

const CONTACTS = { to: '/contacts', name: 'Contacts' };

function ContactDetailView({ contact, timeZone }: { contact: ContactDetail; timeZone?: string }) {
  const navigate = useNavigate();
  const quickAdd = useQuickAdd();
  const remove = useDeleteContact(contact.id);
  const [isIntroducing, setIsIntroducing] = useState(false);
  // Erasure is an owner's decision (issue 14): members do not get the button.
  const canErase = isOwner(useMe().data);

  return (
    <>
      <BackLink list={CONTACTS} />
      <PageHeader
        title={contact.name}
        description={
          <>
            {[contact.organization, contact.category?.name].filter(Boolean).join(' · ')}
            <ReachLinks contact={contact} />
          </>
        }
        actions={
          <>
            <Button
              variant="light"
              onClick={() => quickAdd.open({ referrer: { id: contact.id, name: contact.name } })}
            >
              Referral from {contact.name}
            </Button>
            <Button variant="light" onClick={() => setIsIntroducing(true)}>
              Introduce
            </Button>
            <Button variant="default" onClick={() => navigate(`/contacts/${contact.id}/edit`)}>
              Edit contact
            </Button>
            <Button component="a" href={contactVcardUrl(contact.id)} download variant="default">
              Download vCard
            </Button>
            {canErase ? (
              <DeleteRecordButton
                label="Delete contact"
                name={contact.name}
                remove={remove}
                list={CONTACTS}
              >
                This erases them: their details, notes, interactions, messages and survey answers.
                Referrals about them stay without their name, so the referrer keeps the credit. It
                cannot be undone.
              </DeleteRecordButton>
            ) : null}
          </>
        }
      />
      <RecordColumns
        side={
          <>
            <ContactFields contact={contact} timeZone={timeZone} />
            <ContactReferralLink contact={contact} />
            <Paper withBorder p="md" radius="md">
              <StageHistory history={contact.stageHistory} timeZone={timeZone} />
            </Paper>
          </>
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <StageControl contact={contact} />
          <NextTouchCard contact={contact} timeZone={timeZone} />
        </SimpleGrid>
        <SeizeTheDaySection contact={contact} timeZone={timeZone} />
        <ContactCommitments contact={contact} />
        <LogTouchForm contact={contact} />
        <ContactTimelineSection contact={contact} timeZone={timeZone} />
      </RecordColumns>
      <IntroductionDialog
        opened={isIntroducing}
        onClose={() => setIsIntroducing(false)}
        referrer={{ id: contact.id, name: contact.name }}
      />
    </>
  );
}

/** Phone and email at the top of the page, tappable (`tel:`, `mailto:`), on a phone too. */
function ReachLinks({ contact }: { contact: ContactDetail }) {
  if (!contact.phone && !contact.email) return null;
  return (
    <Group component="span" gap="md" mt={4} wrap="wrap" aria-label="Reach them">
      {contact.phone ? (
        <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</Anchor>
      ) : null}
      {contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : null}
    </Group>
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
      <ProblemAlert error={update.error} mt="sm" />
    </Paper>
  );
}

function ContactFields({ contact, timeZone }: { contact: ContactDetail; timeZone?: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 1, lg: 2 }} component="dl" m={0} spacing="md">
        <Field label="Name in parts">
          {(
            [
              [contact.honorific, 'title'],
              [contact.givenName, 'given'],
              [contact.familyName, 'family'],
              [contact.suffix, 'suffix'],
            ] as const
          )
            .filter(([part]) => part)
            .map(([part, kind]) => `${part} (${kind})`)
            .join(' · ')}
        </Field>
        <Field label="Preferred name">{contact.preferredName}</Field>
        <Field label="Letters open">
          {contact.greeting}
          {contact.salutation ? ' (their own style)' : ''}
        </Field>
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
