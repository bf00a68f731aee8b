import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api';
import { GIVEN_OUTCOMES, type ReferralGiven, type ReferralGivenInput } from '../api/types';
import { useMe } from '../auth/use-auth';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormActions } from '../components/form-actions';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { WhenField } from '../components/text-fields';
import {
  ContactPicker,
  EMPTY_PERSON,
  type PersonValue,
  toPersonInput,
} from '../contacts/contact-picker';
import { useContact } from '../contacts/use-contacts';
import { focusFirstInvalid } from '../form-errors';
import { formatDate, fromLocalInput, toLocalInput } from '../format';
import { OUTCOME_LABELS } from '../labels';
import { LetterDialog } from '../letters/letter-dialog';
import { useCreateGiven, useDeleteGiven, useGivenList, useUpdateGiven } from './use-given';

export function GivenReferralsPage() {
  const list = useGivenList({});
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="Referrals given"
        description="Give to get: the people you sent to partners. Tell the partner, then check in with the person two weeks later."
        actions={
          <Button component={Link} to="/network/reciprocity" variant="default">
            Reciprocity ledger
          </Button>
        }
      />
      <GivenForm />
      <Title order={2} fz="h3" mt="xl" mb="sm">
        Given so far
      </Title>
      <ProblemAlert error={list.error} />
      {list.isPending ? <LoadingState label="Loading referrals given…" /> : null}
      {list.isSuccess && items.length === 0 ? (
        <Text c="dimmed">None yet. When you send someone to a partner, record it above.</Text>
      ) : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((given) => (
          <li key={given.id}>
            <GivenCard given={given} />
          </li>
        ))}
      </Stack>
      <LoadMoreButton list={list} />
    </>
  );
}

function GivenForm() {
  const [params] = useSearchParams();
  const partnerParam = params.get('partnerId') ?? '';
  const partnerContact = useContact(partnerParam);
  const create = useCreateGiven();
  const [person, setPerson] = useState<PersonValue>(EMPTY_PERSON);
  const [partner, setPartner] = useState<PersonValue>(EMPTY_PERSON);
  const [reason, setReason] = useState('');
  const [givenAt, setGivenAt] = useState(() => toLocalInput());
  const [notified, setNotified] = useState(false);
  const [errors, setErrors] = useState<{ person?: string; partner?: string }>({});

  const partnerName = partnerContact.data?.name;
  useEffect(() => {
    if (partnerParam && partnerName) {
      setPartner({ text: partnerName, contact: { id: partnerParam, name: partnerName } });
    }
  }, [partnerParam, partnerName]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const personInput = toPersonInput(person);
    const next: typeof errors = {};
    if (!personInput) next.person = 'Enter who you referred, or pick a contact.';
    if (!partner.contact) next.partner = 'Pick the partner you referred them to.';
    setErrors(next);
    if (!personInput || !partner.contact) {
      focusFirstInvalid();
      return;
    }
    const at = fromLocalInput(givenAt);
    const input: ReferralGivenInput = {
      person: personInput,
      partnerId: partner.contact.id,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(at ? { givenAt: at } : {}),
      ...(notified ? { partnerNotifiedAt: at ?? new Date().toISOString() } : {}),
    };
    create.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: `Recorded: ${saved.person.name} → ${saved.partner.name}.`,
        });
        setPerson(EMPTY_PERSON);
        setReason('');
        setNotified(false);
        setGivenAt(toLocalInput());
      },
      onError: () => focusFirstInvalid(),
    });
  };

  return (
    <Panel id="give-heading" title="Record a referral given">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <ContactPicker
              label="Person you sent"
              allowNew
              required
              value={person}
              onChange={setPerson}
              error={errors.person}
              excludeId={partner.contact?.id}
            />
            <ContactPicker
              label="Partner"
              required
              description="The contact you referred them to."
              value={partner}
              onChange={setPartner}
              error={errors.partner}
              excludeId={person.contact?.id}
            />
            <TextInput
              label="Reason"
              placeholder="e.g. Needs an estate attorney"
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <WhenField label="Given on" value={givenAt} onValueChange={setGivenAt} />
          </SimpleGrid>
          <Checkbox
            label="Already told them about it"
            description="A referral given must be announced to the partner; the agenda holds it until then."
            checked={notified}
            onChange={(e) => setNotified(e.currentTarget.checked)}
          />
          <ProblemAlert error={create.error} />
          <FormActions submitLabel="Record referral given" isPending={create.isPending} />
        </Stack>
      </form>
    </Panel>
  );
}

function GivenCard({ given }: { given: ReferralGiven }) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const update = useUpdateGiven();
  const remove = useDeleteGiven();
  const [isConfirming, setIsConfirming] = useState(false);
  const [letter, setLetter] = useState<'partner' | 'check_in' | null>(null);
  const now = new Date().toISOString();
  const patch = (body: Parameters<typeof update.mutate>[0]['body'], message: string) =>
    update.mutate(
      { id: given.id, body },
      {
        onSuccess: () => notifications.show({ color: 'teal', message }),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'Not saved', message: describeError(error) }),
      },
    );
  const titleId = `given-${given.id}`;

  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text fw={600} id={titleId}>
            <Anchor component={Link} to={`/contacts/${given.person.id}`}>
              {given.person.name}
            </Anchor>{' '}
            →{' '}
            <Anchor component={Link} to={`/contacts/${given.partner.id}`}>
              {given.partner.name}
            </Anchor>
          </Text>
          <Text size="sm" c="dimmed">
            Given {formatDate(given.givenAt, timeZone)}
            {given.reason ? ` · ${given.reason}` : ''}
          </Text>
        </div>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={() => setIsConfirming(true)}
          aria-label={`Delete referral of ${given.person.name} to ${given.partner.name}`}
        >
          Delete
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Partner notified
          </Text>
          {given.partnerNotifiedAt ? (
            <Text size="sm" c="teal.8">
              ✓ {formatDate(given.partnerNotifiedAt, timeZone)}
            </Text>
          ) : (
            <Group gap="xs">
              <Badge color="orange" variant="light">
                Not yet
              </Badge>
              <Button size="xs" onClick={() => setLetter('partner')}>
                Draft letter to partner
              </Button>
              <Button
                size="xs"
                variant="light"
                loading={update.isPending && update.variables?.body.partnerNotifiedAt !== undefined}
                onClick={() =>
                  patch({ partnerNotifiedAt: now }, `${given.partner.name} was notified.`)
                }
              >
                Mark partner notified
              </Button>
            </Group>
          )}
        </Stack>
        <NativeSelect
          label="Outcome"
          aria-label={`Outcome for ${given.person.name}`}
          size="xs"
          value={given.outcome}
          data={GIVEN_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
          onChange={(e) => {
            const outcome = GIVEN_OUTCOMES.find((o) => o === e.currentTarget.value);
            if (outcome)
              patch({ outcome }, `Outcome: ${OUTCOME_LABELS[outcome].toLocaleLowerCase()}.`);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Check-in with {given.person.name}
          </Text>
          {given.checkInState === 'done' ? (
            <Text size="sm" c="teal.8">
              ✓ Checked in {formatDate(given.checkedInAt, timeZone)}
            </Text>
          ) : (
            <Group gap="xs">
              <Text
                size="sm"
                c={given.checkInState === 'due' ? 'orange.8' : 'dimmed'}
                fw={given.checkInState === 'due' ? 600 : 400}
              >
                {given.checkInState === 'due' ? 'Due since' : 'Due'}{' '}
                {formatDate(given.checkInDueAt, timeZone)}
              </Text>
              <Button
                size="xs"
                variant={given.checkInState === 'due' ? 'filled' : 'default'}
                onClick={() => setLetter('check_in')}
              >
                Draft check-in letter
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => patch({ checkedInAt: now }, 'Check-in recorded.')}
              >
                Record check-in
              </Button>
            </Group>
          )}
        </Stack>
      </SimpleGrid>
      <LetterDialog
        opened={letter !== null}
        onClose={() => setLetter(null)}
        about={{ givenId: given.id }}
        {...(letter === 'check_in'
          ? {
              title: `Check-in letter to ${given.person.name}`,
              templateKey: 'given_check_in' as const,
              cause: 'given_check_in' as const,
            }
          : {
              title: `Letter to ${given.partner.name}`,
              templateKey: 'partner_notification' as const,
              cause: 'partner_notified' as const,
            })}
      />
      <ConfirmDialog
        opened={isConfirming}
        title="Delete this referral given?"
        confirmLabel="Yes, delete"
        isPending={remove.isPending}
        error={remove.error}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() =>
          remove.mutate(given.id, {
            onSuccess: () => {
              setIsConfirming(false);
              notifications.show({ color: 'teal', message: 'Deleted.' });
            },
          })
        }
      >
        {given.person.name} → {given.partner.name} leaves the reciprocity ledger.
      </ConfirmDialog>
    </Paper>
  );
}
