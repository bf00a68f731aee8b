import {
  Anchor,
  Button,
  Checkbox,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ProblemError } from '../api';
import type { Channel, Referral, ReferralInput } from '../api/types';
import { useMe } from '../auth/use-auth';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import {
  ContactPicker,
  EMPTY_PERSON,
  type PersonValue,
  toPersonInput,
} from '../contacts/contact-picker';
import { focusFirstInvalid } from '../form-errors';
import { currencyDigits } from '../format';
import { ownerOptions, useMembers } from '../team/use-members';
import { QuickAddContext, type QuickAddPrefill, useQuickAdd } from './quick-add-context';
import { ChannelSelect, CircleSelect, ConsentCheckbox, ReferralTagsField } from './referral-fields';
import { referredName } from './referred-name';
import { useCreateReferral } from './use-referrals';

/** Holds the quick-add modal and the `r` shortcut for every page of the app. */
export function QuickAddProvider({ children }: { children: ReactNode }) {
  const [prefill, setPrefill] = useState<QuickAddPrefill | null>(null);
  const [session, setSession] = useState(0);
  const open = useCallback((next: QuickAddPrefill = {}) => {
    setSession((n) => n + 1);
    setPrefill(next);
  }, []);
  const value = useMemo(() => ({ open }), [open]);
  const navigate = useNavigate();
  // Notifications live outside the router: the link navigates through this closure.
  const onSaved = useCallback(
    (saved: Referral) => {
      setPrefill(null);
      const to = `/referrals/${saved.id}`;
      notifications.show({
        color: 'teal',
        title: 'Referral saved',
        message: (
          <Text size="sm">
            {referredName(saved)}
            {saved.referrer ? `, from ${saved.referrer.name}` : ''}.{' '}
            <Anchor
              href={to}
              size="sm"
              onClick={(event) => {
                event.preventDefault();
                navigate(to);
              }}
            >
              Open it
            </Anchor>
          </Text>
        ),
      });
    },
    [navigate],
  );
  // Mantine ignores the shortcut while typing in an input, textarea or select; it is also
  // ignored while any dialog (this one included) is open, so it never resets a form.
  useHotkeys([
    [
      'r',
      () => {
        if (prefill === null && !document.querySelector('[role="dialog"]')) open();
      },
    ],
  ]);

  return (
    <QuickAddContext.Provider value={value}>
      {children}
      <Modal
        opened={prefill !== null}
        onClose={() => setPrefill(null)}
        title="Add referral"
        size="lg"
        fullScreen={false}
      >
        {prefill ? (
          <QuickAddForm
            key={session}
            prefill={prefill}
            onDone={() => setPrefill(null)}
            onSaved={onSaved}
          />
        ) : null}
      </Modal>
    </QuickAddContext.Provider>
  );
}

/** The header button; the tooltip and aria-keyshortcuts tell the shortcut. */
export function AddReferralButton() {
  const quickAdd = useQuickAdd();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Tooltip label="Add referral (shortcut: R)" withArrow>
      <Button
        size={isPhone ? 'compact-sm' : 'sm'}
        onClick={() => quickAdd.open()}
        aria-keyshortcuts="r"
      >
        Add referral
      </Button>
    </Tooltip>
  );
}

type Errors = Partial<Record<'referred' | 'referrer' | 'need' | 'value' | 'form', string>>;

type QuickAddFormProps = {
  prefill: QuickAddPrefill;
  onDone: () => void;
  onSaved: (referral: Referral) => void;
};

function QuickAddForm({ prefill, onDone, onSaved }: QuickAddFormProps) {
  const me = useMe();
  const create = useCreateReferral();
  const currency = me.data?.practice.settings.currency ?? 'USD';
  const user = me.data?.user;

  const [referred, setReferred] = useState<PersonValue>(
    prefill.referred ? { text: prefill.referred.name, contact: prefill.referred } : EMPTY_PERSON,
  );
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [referrer, setReferrer] = useState<PersonValue>(
    prefill.referrer ? { text: prefill.referrer.name, contact: prefill.referrer } : EMPTY_PERSON,
  );
  const [isUnknown, setIsUnknown] = useState(false);
  const [need, setNeed] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [channel, setChannel] = useState<Channel>('in_person');
  const [circleId, setCircleId] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [consent, setConsent] = useState(false);
  const members = useMembers();
  const [ownerId, setOwnerId] = useState('');
  const owner = ownerId || user?.id || '';
  const [errors, setErrors] = useState<Errors>({});

  const isNewPerson = referred.text.trim() !== '' && referred.contact === null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    const person = toPersonInput(referred, { email, phone });
    if (!person) next.referred = 'Enter the referred person’s name, or pick a contact.';
    if (!isUnknown && !referrer.contact) {
      next.referrer = referrer.text.trim()
        ? 'Pick the referrer from the list (or add them as a contact first), or tick “Unknown referrer”.'
        : 'Pick who referred them, or tick “Unknown referrer”.';
    }
    if (
      referrer.contact &&
      person &&
      'contactId' in person &&
      person.contactId === referrer.contact.id
    ) {
      next.referrer = 'The referrer cannot be the person they referred.';
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !person) {
      focusFirstInvalid();
      return;
    }
    const digits = currencyDigits(currency);
    const amount = typeof value === 'number' ? Math.round(value * 10 ** digits) : undefined;
    const input: ReferralInput = {
      referred: person,
      referrer:
        isUnknown || !referrer.contact ? { unknown: true } : { contactId: referrer.contact.id },
      channel,
      consentToUpdate: consent,
      ...(need.trim() ? { need: need.trim() } : {}),
      ...(tags.length ? { tags } : {}),
      ...(circleId ? { circleId } : {}),
      ...(amount !== undefined ? { valueMinor: amount, currency } : {}),
      ...(owner ? { ownerId: owner } : {}),
    };
    create.mutate(input, {
      onSuccess: onSaved,
      onError: (error) => {
        const fieldErrors: Errors = {};
        if (error instanceof ProblemError) {
          for (const { field, message } of error.errors) {
            const root = field.split('.')[0];
            if (root === 'referred') fieldErrors.referred = message;
            else if (root === 'referrer') fieldErrors.referrer = message;
            else if (root === 'need') fieldErrors.need = message;
            else if (root === 'valueMinor') fieldErrors.value = message;
          }
        }
        setErrors(fieldErrors);
        focusFirstInvalid();
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add referral">
      <Stack gap="sm">
        <ContactPicker
          label="Referred person"
          required
          allowNew
          autoFocus
          value={referred}
          onChange={setReferred}
          error={errors.referred}
          excludeId={referrer.contact?.id}
        />
        {isNewPerson ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label="Their email (optional)"
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <TextInput
              label="Their phone (optional)"
              type="tel"
              autoComplete="off"
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
            />
          </SimpleGrid>
        ) : null}
        <ContactPicker
          label="Referrer"
          required={!isUnknown}
          description="Who sent them: a contact in your network."
          value={referrer}
          onChange={setReferrer}
          disabled={isUnknown}
          error={errors.referrer}
          excludeId={referred.contact?.id}
        />
        <Checkbox
          label="Unknown referrer"
          description="Choose this only when you really do not know who sent them."
          checked={isUnknown}
          onChange={(e) => {
            setIsUnknown(e.currentTarget.checked);
            setErrors((old) => ({ ...old, referrer: undefined }));
          }}
        />
        <TextInput
          label="Need"
          description="Why they came: in a few words."
          placeholder="e.g. Wants to grow the practice past two employees"
          value={need}
          error={errors.need}
          maxLength={2000}
          onChange={(e) => setNeed(e.currentTarget.value)}
        />
        <ReferralTagsField
          description="Press Enter or comma after each tag."
          placeholder="e.g. pricing"
          value={tags}
          onChange={setTags}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <ChannelSelect value={channel} onChange={setChannel} />
          <CircleSelect value={circleId} onChange={setCircleId} />
          <NumberInput
            label={`Expected value (${currency})`}
            min={0}
            decimalScale={currencyDigits(currency)}
            thousandSeparator=","
            value={value}
            error={errors.value}
            onChange={setValue}
            hideControls
          />
          <NativeSelect
            label="Owner"
            value={owner}
            data={ownerOptions(members.data, user?.id, user)}
            description="Who will contact them."
            onChange={(e) => setOwnerId(e.currentTarget.value)}
          />
        </SimpleGrid>
        <ConsentCheckbox checked={consent} onChange={setConsent} />
        <ProblemAlert error={create.error} />
        <FormActions submitLabel="Save referral" isPending={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
