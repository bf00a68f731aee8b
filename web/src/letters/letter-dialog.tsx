import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { isProblem } from '../api';
import type {
  LetterCause,
  LetterDraft,
  LetterSubject,
  Message,
  MessageChannel,
  TemplateKey,
} from '../api/types';
import { CopyTextButton } from '../components/copy-text-button';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { messagePdfUrl } from '../outbox/use-outbox';
import { blockedFieldsNotice } from './blocked-fields';
import { useCreateMessage, useLetterDraft, useLetterTemplates } from './use-letters';

export type LetterDialogProps = {
  opened: boolean;
  onClose: () => void;
  /** The dialog's title, e.g. "Reminder letter to Andre Cohen". */
  title: string;
  templateKey: TemplateKey;
  about: LetterSubject;
  /** The change that sending it records (the thank-you, the reminder…). */
  cause?: LetterCause;
  /** Text added after the drafted body (e.g. a survey link the template cannot know). */
  appendToBody?: string;
};

/**
 * Draft a letter from a template (POST /letters/draft), edit it, then send it by email or keep
 * it as a letter to copy or print. Email is only offered with the recipient's consent.
 */
export function LetterDialog(props: LetterDialogProps) {
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      size="xl"
      fullScreen={Boolean(isPhone)}
    >
      {props.opened ? <LetterDialogBody {...props} /> : null}
    </Modal>
  );
}

function LetterDialogBody({ templateKey, about, cause, onClose, appendToBody }: LetterDialogProps) {
  const draft = useLetterDraft(templateKey, about, true);
  if (draft.isPending) return <LoadingState label="Drafting the letter…" />;
  if (draft.isError) {
    const blocked = isProblem(draft.error, 422);
    return (
      <Stack>
        <ProblemAlert
          error={draft.error}
          title={blocked ? 'Consent does not allow this letter' : 'The letter could not be drafted'}
        />
        {blocked ? (
          <Text size="sm">
            Without the referred person’s consent, a letter to the referrer may only thank them for
            thinking of you. Use the thank-you letter instead, or record their consent first.
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <DraftEditor
      key={`${draft.data.subject}\n${draft.data.body}`}
      draft={
        appendToBody
          ? { ...draft.data, body: `${draft.data.body.trimEnd()}\n\n${appendToBody}` }
          : draft.data
      }
      templateKey={templateKey}
      about={about}
      cause={cause}
      onClose={onClose}
    />
  );
}

function DraftEditor({
  draft,
  templateKey,
  about,
  cause,
  onClose,
}: {
  draft: LetterDraft;
  templateKey: TemplateKey;
  about: LetterSubject;
  cause?: LetterCause;
  onClose: () => void;
}) {
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const create = useCreateMessage();
  const [saved, setSaved] = useState<Message | null>(null);
  const [permission, setPermission] = useState(false);
  const { to } = draft;
  const canEmail = Boolean(to.email) && to.emailConsent;
  const templates = useLetterTemplates();
  const fields = templates.data?.find((t) => t.key === templateKey)?.mergeFields ?? [];
  const notice = blockedFieldsNotice(
    draft.blockedFields,
    (name) => fields.find((f) => f.name === name)?.consent ?? null,
    permission,
  );

  const save = (channel: MessageChannel) =>
    create.mutate(
      {
        ...about,
        templateKey,
        channel,
        subject: subject.trim() || draft.subject,
        body: body.trim() ? body : draft.body,
        ...(cause ? { cause } : {}),
        ...(permission ? { referredPersonConsented: true as const } : {}),
      },
      { onSuccess: (message) => setSaved(message) },
    );

  if (saved) return <SavedMessage message={saved} onClose={onClose} />;

  return (
    <Stack>
      <Text size="sm">
        To <strong>{to.name}</strong>
        {to.email ? ` <${to.email}>` : ' (no email address)'}
      </Text>
      {notice ? (
        <Alert color="gray" variant="light" title={notice.title}>
          {notice.text}
        </Alert>
      ) : null}
      {draft.isReferrerFacing ? (
        <Text size="xs" c="dimmed">
          This letter goes to a referrer: it is kept in the audit log, and your edits are checked
          against the referred person’s consent again when you send or save it.
        </Text>
      ) : null}
      <TextInput
        label="Subject"
        value={subject}
        maxLength={200}
        onChange={(e) => setSubject(e.currentTarget.value)}
      />
      <GrowingTextarea
        label="Letter"
        value={body}
        minRows={8}
        maxRows={20}
        maxLength={10000}
        onValueChange={setBody}
      />
      {draft.isReferrerFacing && 'referralId' in about ? (
        <Checkbox
          label="They gave permission: the referred person agreed that the referrer may hear about them (recorded as their consent)"
          checked={permission}
          onChange={(e) => setPermission(e.currentTarget.checked)}
        />
      ) : null}
      <ProblemAlert error={create.error} title="Not saved" />
      {!canEmail ? (
        <Alert color="yellow" variant="light" title="Email is not offered">
          {!to.email
            ? `Vouch has no email address for ${to.name}.`
            : `${to.name} has not agreed to receive email from you (or opted out).`}{' '}
          Save it as a letter to copy into your own message or print it.
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant={canEmail ? 'default' : 'filled'}
          loading={create.isPending && create.variables?.channel === 'letter'}
          disabled={create.isPending}
          onClick={() => save('letter')}
        >
          Save as letter
        </Button>
        {canEmail ? (
          <Button
            loading={create.isPending && create.variables?.channel === 'email'}
            disabled={create.isPending}
            onClick={() => save('email')}
          >
            Send email
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

function SavedMessage({ message, onClose }: { message: Message; onClose: () => void }) {
  const isEmail = message.channel === 'email';
  return (
    <Stack>
      <Alert color="teal" variant="light" title={isEmail ? 'Email in the outbox' : 'Letter saved'}>
        {isEmail
          ? `To ${message.to.name}: ${message.statusLabel}.`
          : `The letter to ${message.to.name} is kept in the outbox. Copy it or print it.`}
      </Alert>
      <Group gap="sm">
        <CopyTextButton
          value={`${message.subject}\n\n${message.body}`}
          label="Copy text"
          size="sm"
        />
        <Button
          component="a"
          href={messagePdfUrl(message.id)}
          target="_blank"
          rel="noopener"
          variant="default"
          size="sm"
        >
          Print
        </Button>
        <Anchor component={Link} to="/outbox" size="sm">
          Open the outbox
        </Anchor>
      </Group>
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}
