import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Practice, PracticeUpdate, Profession } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { TimeZonePicker } from '../components/time-zone-picker';
import { submitWithServerErrors } from '../form-errors';
import { bookingUrlProblem } from './booking-url';
import { KeyPhrasesInput } from './key-phrases-input';
import { browserTimeZone } from './time-zones';
import { useProfessions, useUpdatePractice } from './use-practice';

const MAX_VALUE_PROPOSITION = 280;
const MIN_PHRASES = 3;
const MAX_PHRASES = 8;
const MAX_PHRASE_LENGTH = 100;

type PracticeFormValues = {
  name: string;
  profession: Profession | '';
  valueProposition: string;
  keyPhrases: string[];
  idealClient: string;
  timeZone: string;
  postalAddress: string;
  bookingUrl: string;
};

const FIELDS: readonly (keyof PracticeFormValues)[] = [
  'name',
  'profession',
  'valueProposition',
  'keyPhrases',
  'idealClient',
  'timeZone',
  'postalAddress',
  'bookingUrl',
];

function initialValues(practice: Practice): PracticeFormValues {
  return {
    name: practice.name,
    profession: practice.isSetUp ? practice.profession : '',
    valueProposition: practice.valueProposition,
    keyPhrases: practice.keyPhrases,
    idealClient: practice.idealClient,
    // Before setup the server's zone is only a placeholder; the browser knows better.
    timeZone: practice.isSetUp && practice.timeZone ? practice.timeZone : browserTimeZone(),
    postalAddress: practice.postalAddress,
    bookingUrl: practice.bookingUrl,
  };
}

type PracticeFormProps = {
  practice: Practice;
  submitLabel: string;
  /**
   * The setup step asks only the name, profession and time zone, and marks the practice as set
   * up when it saves; the rest waits in the onboarding checklist on Today.
   */
  markSetUp?: boolean;
  onSaved: (practice: Practice) => void;
};

/** The practice profile, shared by the setup step and Settings. */
export function PracticeForm({ practice, submitLabel, markSetUp, onSaved }: PracticeFormProps) {
  const professions = useProfessions();
  const update = useUpdatePractice();
  const form = useForm<PracticeFormValues>({
    mode: 'controlled',
    initialValues: initialValues(practice),
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the name of your practice.'),
      profession: (v) => (v ? null : 'Choose your profession; it picks your ethics profile.'),
      valueProposition: (v) =>
        v.length > MAX_VALUE_PROPOSITION ? `Keep it to ${MAX_VALUE_PROPOSITION} characters.` : null,
      keyPhrases: (v) =>
        v.length > 0 && (v.length < MIN_PHRASES || v.length > MAX_PHRASES)
          ? `Add ${MIN_PHRASES} to ${MAX_PHRASES} key phrases (you have ${v.length}).`
          : v.some((p) => p.length > MAX_PHRASE_LENGTH)
            ? `Keep each phrase to ${MAX_PHRASE_LENGTH} characters.`
            : null,
      timeZone: (v) => (v ? null : 'Choose your time zone.'),
      bookingUrl: (v) => bookingUrlProblem(v),
    },
  });

  const submit = submitWithServerErrors(form, update, {
    fields: FIELDS,
    toInput: (values): PracticeUpdate | null => {
      if (!values.profession) return null;
      if (markSetUp)
        return {
          name: values.name.trim(),
          profession: values.profession,
          timeZone: values.timeZone,
          markSetUp: true,
        };
      return {
        name: values.name.trim(),
        profession: values.profession,
        valueProposition: values.valueProposition.trim(),
        keyPhrases: values.keyPhrases.map((p) => p.trim()).filter(Boolean),
        idealClient: values.idealClient.trim(),
        timeZone: values.timeZone,
        postalAddress: values.postalAddress.trim(),
        bookingUrl: values.bookingUrl.trim(),
      };
    },
    onSuccess: (saved) => {
      form.resetDirty(initialValues(saved));
      onSaved(saved);
    },
  });

  const professionData = [
    { value: '', label: 'Choose your profession…', disabled: true },
    ...(professions.data ?? []).map((p) => ({ value: p.id, label: p.label })),
  ];
  const length = form.values.valueProposition.length;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Practice name" required {...form.getInputProps('name')} />
        <NativeSelect
          label="Profession"
          description="Picks the ethics profile that rules incentives and what referrers may be told."
          required
          data={professionData}
          {...form.getInputProps('profession')}
        />
        <TimeZonePicker required {...form.getInputProps('timeZone')} />
        {markSetUp ? null : (
          <>
            <Textarea
              label="Value proposition"
              description={`The one sentence referrers should say, e.g. “Jane helps small-business owners double their income.” ${length} / ${MAX_VALUE_PROPOSITION} characters.`}
              autosize
              minRows={2}
              maxLength={MAX_VALUE_PROPOSITION}
              {...form.getInputProps('valueProposition')}
            />
            <KeyPhrasesInput
              description={`The ${MIN_PHRASES}–${MAX_PHRASES} ideas a good description of your work must contain. Press Enter or type a comma after each.`}
              max={MAX_PHRASES}
              value={form.values.keyPhrases}
              onChange={(phrases) => form.setFieldValue('keyPhrases', phrases)}
              error={form.errors.keyPhrases}
            />
            <Textarea
              label="Ideal client"
              description="Optional. Who you serve best, so referrers recognise them."
              autosize
              minRows={2}
              maxLength={1000}
              {...form.getInputProps('idealClient')}
            />
            <Textarea
              label="Postal address"
              description="Printed in outgoing letters and email, as the law on relationship mail requires; email to contacts waits until it is here."
              autosize
              minRows={2}
              maxLength={500}
              autoComplete="street-address"
              {...form.getInputProps('postalAddress')}
            />
            <TextInput
              type="url"
              label="Booking link"
              description="Optional. The page where people book a first conversation with you; warm introductions include it."
              placeholder="https://"
              maxLength={500}
              autoComplete="url"
              {...form.getInputProps('bookingUrl')}
            />
          </>
        )}
        <ProblemAlert error={update.error} />
        <ProblemAlert error={professions.error} title="Professions could not be loaded" />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
