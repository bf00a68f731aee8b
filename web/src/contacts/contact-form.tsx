import {
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { describeError } from '../api';
import {
  type ContactDetail,
  type ContactInput,
  ROLES,
  type Role,
  STAGES,
  type Stage,
} from '../api/types';
import { FormActions } from '../components/form-actions';
import { ProblemAlert } from '../components/problem-alert';
import { focusFirstInvalid, looksLikeEmail, showServerErrors } from '../form-errors';
import { blankToNull } from '../format';
import { ROLE_LABELS, STAGE_LABELS } from '../labels';
import { numberLimits, wholeNumberError, wholeNumberProps } from '../number-field';
import { usePractice } from '../practice/use-practice';
import { CategoryInput } from './category-input';
import { CirclesInput } from './circles-input';
import { type NameValues, nameError, nameInputOf, nameValuesOf } from './contact-name-input';
import { useCreateContact, useUpdateContact } from './use-contacts';
import { useResolveCategory } from './use-groups';

type ContactFormValues = NameValues & {
  email: string;
  phone: string;
  organization: string;
  category: string;
  roles: Role[];
  stage: Stage;
  circleIds: string[];
  metWhere: string;
  metHow: string;
  emailConsent: boolean;
  doNotAsk: boolean;
  isTreatingProvider: boolean;
  notes: string;
  keepInTouchDays: number | string;
};

const FIELDS: readonly (keyof ContactFormValues)[] = [
  'name',
  'honorific',
  'givenName',
  'familyName',
  'suffix',
  'preferredName',
  'salutation',
  'email',
  'phone',
  'organization',
  'category',
  'roles',
  'stage',
  'circleIds',
  'metWhere',
  'metHow',
  'emailConsent',
  'doNotAsk',
  'isTreatingProvider',
  'notes',
  'keepInTouchDays',
];
const API_FIELD_ALIASES = { categoryId: 'category' };

function toValues(contact?: ContactDetail): ContactFormValues {
  return {
    ...nameValuesOf(contact),
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    organization: contact?.organization ?? '',
    category: contact?.category?.name ?? '',
    roles: contact?.roles ?? [],
    stage: contact?.stage ?? 'met',
    circleIds: contact?.circles.map((c) => c.id) ?? [],
    metWhere: contact?.metWhere ?? '',
    metHow: contact?.metHow ?? '',
    emailConsent: contact?.emailConsent ?? false,
    doNotAsk: contact?.doNotAsk ?? false,
    isTreatingProvider: contact?.isTreatingProvider ?? false,
    notes: contact?.notes ?? '',
    keepInTouchDays: contact?.keepInTouchDays ?? '',
  };
}

function toInput(
  values: ContactFormValues,
  categoryId: string | null,
  contact?: ContactDetail,
): ContactInput {
  return {
    ...nameInputOf(values, contact ? nameValuesOf(contact) : undefined),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    organization: blankToNull(values.organization),
    categoryId,
    roles: values.roles,
    stage: values.stage,
    circleIds: values.circleIds,
    metWhere: blankToNull(values.metWhere),
    metHow: blankToNull(values.metHow),
    emailConsent: values.emailConsent,
    doNotAsk: values.doNotAsk,
    isTreatingProvider: values.isTreatingProvider,
    notes: values.notes.trim() === '' ? null : values.notes,
    keepInTouchDays: typeof values.keepInTouchDays === 'number' ? values.keepInTouchDays : null,
  };
}

/** A new contact sends only what was filled in; `null` is for clearing on edit. */
function withoutNulls(input: ContactInput): ContactInput {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== null),
  ) as ContactInput;
}

type ContactFormProps = {
  contact?: ContactDetail;
  onSaved: (contact: ContactDetail) => void;
  onCancel: () => void;
};

export function ContactForm({ contact, onSaved, onCancel }: ContactFormProps) {
  const { resolve: resolveCategory, isResolving } = useResolveCategory();
  const createContact = useCreateContact();
  const updateContact = useUpdateContact(contact?.id ?? '');
  const save = contact ? updateContact : createContact;
  // The treating-provider exception exists only in the health ethics profile (§3.2).
  const isHealth = usePractice().data?.profession === 'health';

  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: toValues(contact),
    validate: {
      name: (_v, values) => nameError(values),
      email: (v) =>
        v.trim() === '' || looksLikeEmail(v)
          ? null
          : 'Enter a valid email address, like name@example.com.',
      keepInTouchDays: (v) => wholeNumberError(v, numberLimits.keepInTouchDays, { optional: true }),
    },
  });

  const submit = form.onSubmit(async (values) => {
    let categoryId: string | null;
    try {
      categoryId = await resolveCategory(values.category);
    } catch (error) {
      form.setFieldError('category', describeError(error));
      return;
    }
    const input = toInput(values, categoryId, contact);
    const onError = showServerErrors(form, FIELDS, API_FIELD_ALIASES);
    if (contact) updateContact.mutate(input, { onSuccess: onSaved, onError });
    else createContact.mutate(withoutNulls(input), { onSuccess: onSaved, onError });
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Name"
          description="As you would write it, e.g. “Dr. Alan Reyes, PhD”: titles and degrees are recognised and split into the parts below."
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <TextInput
            label="Title"
            placeholder="Dr., Ms., Rev."
            autoComplete="off"
            {...form.getInputProps('honorific')}
          />
          <TextInput label="Given name" autoComplete="off" {...form.getInputProps('givenName')} />
          <TextInput label="Family name" autoComplete="off" {...form.getInputProps('familyName')} />
          <TextInput
            label="Suffix"
            placeholder="Jr., PhD"
            autoComplete="off"
            {...form.getInputProps('suffix')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Preferred name"
            description="What they like to be called, e.g. “Al”: informal letters use it."
            autoComplete="off"
            {...form.getInputProps('preferredName')}
          />
          <NativeSelect
            label="Letters greet them"
            description="“Dear Dr. Reyes,” (formal) or “Dear Alan,” (informal)."
            data={[
              { value: '', label: 'As the practice does' },
              { value: 'formal', label: 'Formally' },
              { value: 'informal', label: 'Informally' },
            ]}
            {...form.getInputProps('salutation')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Organization"
            autoComplete="off"
            {...form.getInputProps('organization')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
          />
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <CategoryInput
            value={form.values.category}
            onChange={(name) => form.setFieldValue('category', name)}
            error={form.errors.category}
          />
          <NativeSelect
            label="Stage"
            description="Met → knows → likes → trusts → refers."
            data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            {...form.getInputProps('stage')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label="Roles"
          description="Several may apply."
          {...form.getInputProps('roles')}
        >
          <Group mt="xs" gap="md">
            {ROLES.map((role) => (
              <Checkbox key={role} value={role} label={ROLE_LABELS[role]} />
            ))}
          </Group>
        </Checkbox.Group>
        <CirclesInput
          value={form.values.circleIds}
          onChange={(ids) => form.setFieldValue('circleIds', ids)}
          error={form.errors.circleIds}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Where met"
            placeholder="e.g. Chamber of Commerce breakfast"
            {...form.getInputProps('metWhere')}
          />
          <TextInput
            label="How met"
            placeholder="e.g. Introduced by Dr. Lee"
            {...form.getInputProps('metHow')}
          />
        </SimpleGrid>
        <NumberInput
          label="Keep in touch every (days)"
          description={
            contact?.cadenceDays && contact.keepInTouchDays === null
              ? `Empty: the practice’s cadence for their stage and roles (now every ${contact.cadenceDays} days).`
              : 'Empty: the practice’s cadence for their stage and roles.'
          }
          {...wholeNumberProps(numberLimits.keepInTouchDays)}
          maw={320}
          {...form.getInputProps('keepInTouchDays')}
        />
        <Checkbox
          label="Agreed to receive messages"
          description="Email consent: they agreed to receive email from your practice."
          {...form.getInputProps('emailConsent', { type: 'checkbox' })}
        />
        <Checkbox
          label="Do not ask for referrals"
          description="Vouch will never suggest asking this person."
          {...form.getInputProps('doNotAsk', { type: 'checkbox' })}
        />
        {isHealth || form.values.isTreatingProvider ? (
          <Checkbox
            label="Treating provider"
            description="HIPAA: as someone treating the people they refer, they may be told that a person was seen or scheduled — nothing more."
            {...form.getInputProps('isTreatingProvider', { type: 'checkbox' })}
          />
        ) : null}
        <Textarea
          label="Notes"
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('notes')}
        />
        <ProblemAlert error={save.error} />
        <FormActions
          submitLabel="Save contact"
          isPending={isResolving || save.isPending}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}
