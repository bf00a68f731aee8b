import { Alert, Anchor, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ContactRef, Introduction, IntroductionDraft } from '../api/types';
import { showActionToast } from '../components/action-toast';
import { FormActions } from '../components/form-actions';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { useContact } from '../contacts/use-contacts';
import { focusFirstInvalid, looksLikeEmail, toFormErrors } from '../form-errors';
import {
  addressLine,
  canSendThroughVouch,
  INTRODUCTION_FIELD_ALIASES,
  INTRODUCTION_FIELDS,
  type IntroductionValues,
  introductionBody,
  touchesPersonStep,
} from './introduction-draft';
import { useCreateIntroduction, usePreviewIntroduction } from './use-introductions';

export type IntroductionDialogProps = {
  opened: boolean;
  onClose: () => void;
  /** Who makes the introduction: copied on the email. */
  referrer: ContactRef;
  /** A referral already recorded: it is marked a warm handoff, its person prefilled. */
  referral?: { id: string; referred: ContactRef | null };
};

/**
 * A warm three-way introduction (§3.9): who is introduced and a note, then the draft to edit,
 * sent through Vouch (the outbox, the referrer in Cc) or opened in the user's own mail app.
 * Either way the referral is recorded (or marked) as a warm handoff.
 */
export function IntroductionDialog(props: IntroductionDialogProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={`Warm introduction from ${props.referrer.name}`}
      size="xl"
      fullScreen={Boolean(isPhone)}
    >
      {props.opened ? <IntroductionBody {...props} /> : null}
    </Modal>
  );
}

/** With a referral, the person's email comes from their contact before the form opens. */
function IntroductionBody(props: IntroductionDialogProps) {
  const personId = props.referral?.referred?.id ?? '';
  const person = useContact(personId, personId !== '');
  if (personId && person.isPending) return <LoadingState label="Opening…" />;
  return (
    <IntroductionSteps
      {...props}
      initial={{
        name: person.data?.name ?? props.referral?.referred?.name ?? '',
        email: person.data?.email ?? '',
      }}
    />
  );
}

type Step = 'person' | 'draft' | 'opened';

function IntroductionSteps({
  referrer,
  referral,
  onClose,
  initial,
}: IntroductionDialogProps & { initial: { name: string; email: string } }) {
  const navigate = useNavigate();
  const preview = usePreviewIntroduction();
  const create = useCreateIntroduction();
  const [step, setStep] = useState<Step>('person');
  const [draft, setDraft] = useState<IntroductionDraft | null>(null);
  const [done, setDone] = useState<Introduction | null>(null);
  const form = useForm<IntroductionValues>({
    mode: 'controlled',
    initialValues: { ...initial, note: '', subject: '', body: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the name of the person you introduce.'),
      email: (v) => (looksLikeEmail(v) ? null : 'Enter their email address, like ana@example.com.'),
    },
  });
  const nameRef = useRef<HTMLInputElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  // Each step puts the keyboard where the work continues.
  useEffect(() => {
    const target = { person: nameRef, draft: subjectRef, opened: doneRef }[step].current;
    target?.focus();
  }, [step]);

  const showErrors = (error: unknown) => {
    const errors = toFormErrors(error, INTRODUCTION_FIELDS, INTRODUCTION_FIELD_ALIASES);
    form.setErrors(errors);
    if (touchesPersonStep(errors)) setStep('person');
    focusFirstInvalid();
  };

  const body = (withDraft: boolean) =>
    introductionBody(referrer.id, form.getValues(), {
      referralId: referral?.id,
      withDraft,
    });

  const makeDraft = form.onSubmit(() => {
    create.reset();
    preview.mutate(body(false), {
      onSuccess: ({ draft: drafted }) => {
        form.setValues({ subject: drafted.subject, body: drafted.body });
        setDraft(drafted);
        setStep('draft');
      },
      onError: showErrors,
    });
  }, focusFirstInvalid);

  const send = () =>
    create.mutate(
      { ...body(true), send: true },
      {
        onSuccess: (result) => {
          onClose();
          showActionToast({
            title: 'Introduction sent through Vouch',
            message: `To ${result.draft.to.name}, with ${result.draft.cc.name} in Cc: ${result.message?.statusLabel ?? 'in the outbox'}. The referral is marked a warm handoff.`,
            action: {
              label: 'Open the referral',
              onClick: () => navigate(`/referrals/${result.referral.id}`),
            },
          });
        },
        onError: showErrors,
      },
    );

  const openInMailApp = () =>
    create.mutate(body(true), {
      onSuccess: (result) => {
        setDone(result);
        setStep('opened');
        // The answer's address carries the edited subject and text.
        window.location.href = result.draft.mailto;
      },
      onError: showErrors,
    });

  if (step === 'opened' && done)
    return (
      <Stack>
        <Alert
          ref={doneRef}
          tabIndex={-1}
          color="teal"
          variant="light"
          title="Recorded as a warm introduction"
        >
          Your mail app should open with the email to {done.draft.to.name}, copying{' '}
          {done.draft.cc.name}. Send it from there.
        </Alert>
        <Group gap="md">
          <Anchor href={done.draft.mailto}>Open the email in my mail app again</Anchor>
          <Anchor component={Link} to={`/referrals/${done.referral.id}`} onClick={onClose}>
            Open the referral
          </Anchor>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );

  if (step === 'draft' && draft)
    return (
      // A form, so that a refused field is found and focused like any other form's.
      <form noValidate onSubmit={(event) => event.preventDefault()}>
        <Stack>
          <Stack gap={2} component="dl" m={0}>
            <Group gap="xs" wrap="nowrap">
              <Text component="dt" fw={600} w={28}>
                To
              </Text>
              <Text component="dd" m={0}>
                {addressLine(draft.to)}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Text component="dt" fw={600} w={28}>
                Cc
              </Text>
              <Text component="dd" m={0}>
                {addressLine(draft.cc)}
              </Text>
            </Group>
          </Stack>
          {!canSendThroughVouch(draft) ? (
            <Alert color="yellow" variant="light" title="Vouch cannot copy the referrer">
              {draft.cc.name} has no email address in Vouch. Add it on their page to send it through
              Vouch, or open the email in your mail app and copy them there.
            </Alert>
          ) : null}
          <TextInput
            ref={subjectRef}
            label="Subject"
            maxLength={200}
            {...form.getInputProps('subject')}
          />
          <GrowingTextarea
            label="Email"
            description="Edit it as you like: what you send is this text."
            minRows={10}
            maxRows={22}
            maxLength={10000}
            value={form.values.body}
            error={form.errors.body}
            onValueChange={(value) => form.setFieldValue('body', value)}
          />
          <ProblemAlert error={create.error} title="Not recorded" />
          <Group justify="space-between" gap="sm">
            <Button variant="default" onClick={() => setStep('person')} disabled={create.isPending}>
              Back
            </Button>
            <Group gap="sm">
              <Button
                variant={canSendThroughVouch(draft) ? 'default' : 'filled'}
                loading={create.isPending && !create.variables?.send}
                disabled={create.isPending}
                onClick={openInMailApp}
              >
                Open in my mail app
              </Button>
              {canSendThroughVouch(draft) ? (
                <Button
                  loading={create.isPending && Boolean(create.variables?.send)}
                  disabled={create.isPending}
                  onClick={send}
                >
                  Send through Vouch
                </Button>
              ) : null}
            </Group>
          </Group>
        </Stack>
      </form>
    );

  return (
    <form onSubmit={makeDraft} noValidate>
      <Stack>
        <Text size="sm">
          An email from you to the person, with {referrer.name} in Cc: it names you both, thanks{' '}
          {referrer.name}, and carries your value proposition and booking link.
        </Text>
        <TextInput
          ref={nameRef}
          data-autofocus
          label="Their name"
          required
          maxLength={200}
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Their email"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <GrowingTextarea
          label="A note from you (optional)"
          description="A few words put in the email as you type them, e.g. why you two should talk."
          maxLength={2000}
          value={form.values.note}
          error={form.errors.note}
          onValueChange={(value) => form.setFieldValue('note', value)}
        />
        <ProblemAlert error={preview.error ?? create.error} title="No draft" />
        <FormActions submitLabel="Draft" isPending={preview.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
