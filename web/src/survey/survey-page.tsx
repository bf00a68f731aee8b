import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ContactRef, Survey, SurveyRecipient } from '../api/types';
import { useMe } from '../auth/use-auth';
import { CopyTextButton } from '../components/copy-text-button';
import { FormActions } from '../components/form-actions';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea } from '../components/text-fields';
import { ContactPicker, EMPTY_PERSON, type PersonValue } from '../contacts/contact-picker';
import { formatDate, formatDateTime } from '../format';
import { LetterDialog } from '../letters/letter-dialog';
import { useCreateSurvey, useEnterAnswer, useSurveys } from './use-survey';

type AnswerTarget = { surveyId: string; recipient: SurveyRecipient };
type InviteTarget = { contact: ContactRef; link?: string };

export function SurveyPage() {
  const me = useMe();
  const max = me.data?.practice.settings.surveyMaxPeople ?? 6;
  const threshold = me.data?.practice.settings.alignmentThresholdPercent ?? 50;
  const keyPhrases = me.data?.practice.keyPhrases ?? [];
  const surveys = useSurveys();
  const [created, setCreated] = useState<Survey | null>(null);
  const [answering, setAnswering] = useState<AnswerTarget | null>(null);
  const [inviting, setInviting] = useState<InviteTarget | null>(null);

  return (
    <>
      <PageHeader
        title="Messaging survey"
        description="Do they really know what you do? Ask a few people to describe your work in their own words, and see which of your key phrases come through."
      />
      <Stack gap="lg">
        <Text size="sm">
          Your key phrases:{' '}
          {keyPhrases.length ? (
            keyPhrases.map((p) => (
              <Badge key={p} variant="light" mr={4} tt="none">
                {p}
              </Badge>
            ))
          ) : (
            <Anchor component={Link} to="/settings#practice-title">
              add them in Settings
            </Anchor>
          )}{' '}
          · answers below {threshold} % are flagged and put on your agenda.
        </Text>
        {created ? (
          <CreatedSurvey survey={created} onInvite={setInviting} onDone={() => setCreated(null)} />
        ) : (
          <NewSurveyForm max={max} onCreated={setCreated} />
        )}
        <section aria-labelledby="surveys-title">
          <Title order={2} fz="h3" id="surveys-title" mb="sm">
            Surveys and answers
          </Title>
          <ProblemAlert error={surveys.error} />
          {surveys.isPending ? <LoadingState label="Loading surveys…" /> : null}
          {surveys.data && surveys.data.length === 0 ? (
            <Text c="dimmed">No surveys yet. Choose a few people above to start one.</Text>
          ) : null}
          <Stack gap="md">
            {surveys.data?.map((survey) => (
              <SurveyCard
                key={survey.id}
                survey={survey}
                timeZone={me.data?.practice.timeZone}
                onAnswer={(recipient) => setAnswering({ surveyId: survey.id, recipient })}
                onInvite={(contact) => setInviting({ contact })}
              />
            ))}
          </Stack>
        </section>
      </Stack>
      <AnswerDialog target={answering} onClose={() => setAnswering(null)} />
      {inviting ? (
        <LetterDialog
          opened
          onClose={() => setInviting(null)}
          title={`Survey invitation to ${inviting.contact.name}`}
          templateKey="survey_invitation"
          about={{ contactId: inviting.contact.id }}
          appendToBody={
            inviting.link ? `You can also answer on this page:\n${inviting.link}` : undefined
          }
        />
      ) : null}
    </>
  );
}

function NewSurveyForm({ max, onCreated }: { max: number; onCreated: (s: Survey) => void }) {
  const create = useCreateSurvey();
  const [picked, setPicked] = useState<ContactRef[]>([]);
  const [person, setPerson] = useState<PersonValue>(EMPTY_PERSON);
  const [error, setError] = useState<string | null>(null);
  const isFull = picked.length >= max;

  const add = (value: PersonValue) => {
    setPerson(value);
    const contact = value.contact;
    if (!contact || value.text !== contact.name) return;
    if (picked.some((p) => p.id === contact.id)) setError(`${contact.name} is already chosen.`);
    else if (isFull) setError(`A survey goes to at most ${max} people.`);
    else {
      setPicked([...picked, contact]);
      setError(null);
    }
    setPerson(EMPTY_PERSON);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (picked.length === 0) {
      setError('Choose at least one person.');
      return;
    }
    create.mutate(
      picked.map((p) => p.id),
      {
        onSuccess: (survey) => {
          setPicked([]);
          onCreated(survey);
        },
      },
    );
  };

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="new-survey-title"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h3" id="new-survey-title">
            New survey
          </Title>
          <Text size="sm" c="dimmed">
            Choose up to {max} people who know your work: clients, partners, people who refer.
          </Text>
          <ContactPicker
            label={`Add a person (${picked.length} of ${max})`}
            value={person}
            onChange={add}
            disabled={isFull}
            error={error}
            placeholder={isFull ? 'That is everyone a survey can go to' : 'Type a name'}
          />
          {picked.length > 0 ? (
            <Group
              gap="xs"
              component="ul"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
              aria-label="Chosen people"
            >
              {picked.map((p) => (
                <li key={p.id}>
                  <Badge
                    size="lg"
                    variant="light"
                    tt="none"
                    rightSection={
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`Remove ${p.name}`}
                        onClick={() => setPicked(picked.filter((x) => x.id !== p.id))}
                      >
                        ×
                      </Button>
                    }
                  >
                    {p.name}
                  </Badge>
                </li>
              ))}
            </Group>
          ) : null}
          <ProblemAlert error={create.error} title="The survey was not created" />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={picked.length === 0}>
              Create survey
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function CreatedSurvey({
  survey,
  onInvite,
  onDone,
}: {
  survey: Survey;
  onInvite: (t: InviteTarget) => void;
  onDone: () => void;
}) {
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Survey created: copy each person’s link now"
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          This is the only time Vouch shows these links. Each one is personal: send it to that
          person only, by your own email or with the invitation letter.
        </Text>
        {survey.recipients.map((r) => (
          <Paper key={r.id} withBorder p="sm" radius="sm">
            <Stack gap={6}>
              <Text fw={600}>{r.contact.name}</Text>
              {r.link ? (
                <>
                  <Code
                    block
                    style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
                    aria-label={`Survey link for ${r.contact.name}`}
                  >
                    {r.link}
                  </Code>
                  <Group gap="xs">
                    <CopyTextButton value={r.link} label="Copy link" size="sm" />
                    <Button
                      size="sm"
                      variant="light"
                      onClick={() => onInvite({ contact: r.contact, link: r.link })}
                    >
                      Send invitation
                    </Button>
                  </Group>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  No link was returned.
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="default" onClick={onDone}>
            I have sent the links
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function ScoreBadge({ recipient }: { recipient: SurveyRecipient }) {
  if (recipient.scorePercent === null) {
    return (
      <Badge variant="light" color="gray">
        No answer yet
      </Badge>
    );
  }
  return (
    <Badge
      variant={recipient.isBelowThreshold ? 'filled' : 'light'}
      color={recipient.isBelowThreshold ? 'red' : 'teal'}
    >
      {recipient.scorePercent} %{recipient.isBelowThreshold ? ' · below threshold' : ''}
    </Badge>
  );
}

function SurveyCard({
  survey,
  timeZone,
  onAnswer,
  onInvite,
}: {
  survey: Survey;
  timeZone?: string;
  onAnswer: (r: SurveyRecipient) => void;
  onInvite: (c: ContactRef) => void;
}) {
  const answered = survey.recipients.filter((r) => r.answeredAt).length;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
      <Title order={3} fz="h4" mb={4}>
        Survey of {formatDate(survey.createdAt, timeZone)}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {answered} of {survey.recipients.length} answered
      </Text>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {survey.recipients.map((r) => (
          <li key={r.id}>
            <Paper
              p="sm"
              radius="sm"
              bg={r.isBelowThreshold ? 'red.0' : 'gray.0'}
              aria-label={`${r.contact.name}${r.isBelowThreshold ? ', below threshold' : ''}`}
            >
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/contacts/${r.contact.id}`} fw={600}>
                    {r.contact.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.answeredAt
                      ? `Answered ${formatDateTime(r.answeredAt, timeZone)}`
                      : r.invitedAt
                        ? `Invited ${formatDateTime(r.invitedAt, timeZone)}`
                        : 'Waiting for an answer'}
                  </Text>
                </Stack>
                <ScoreBadge recipient={r} />
              </Group>
              {r.answer ? (
                <Text size="sm" mt="xs" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
                  “{r.answer}”
                </Text>
              ) : null}
              {r.answer ? <PhraseLists matched={r.matched} missed={r.missed} /> : null}
              <Group gap="xs" mt="xs">
                <Button size="xs" variant="default" onClick={() => onAnswer(r)}>
                  {r.answer ? 'Replace the answer' : 'Enter answer'}
                </Button>
                {!r.answer ? (
                  <Button size="xs" variant="subtle" onClick={() => onInvite(r.contact)}>
                    Send invitation
                  </Button>
                ) : null}
              </Group>
            </Paper>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

function PhraseLists({ matched, missed }: { matched: string[]; missed: string[] }) {
  return (
    <Stack gap={4} mt="xs">
      <PhraseList label="Conveyed:" phrases={matched} color="teal" variant="light" />
      <PhraseList label="Missed:" phrases={missed} color="red" variant="outline" />
    </Stack>
  );
}

function PhraseList(props: {
  label: string;
  phrases: string[];
  color: string;
  variant: 'light' | 'outline';
}) {
  const { label, phrases, color, variant } = props;
  return (
    <Text size="xs">
      <Text span fw={600} size="xs">
        {label}
      </Text>{' '}
      {phrases.length
        ? phrases.map((p) => (
            <Badge key={p} size="sm" color={color} variant={variant} mr={4} tt="none">
              {p}
            </Badge>
          ))
        : 'none'}
    </Text>
  );
}

function AnswerDialog({ target, onClose }: { target: AnswerTarget | null; onClose: () => void }) {
  const enter = useEnterAnswer();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    enter.reset();
    setAnswer('');
    setError(null);
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const text = answer.trim();
    if (!text) {
      setError('Type what they said, in their words.');
      return;
    }
    enter.mutate(
      { surveyId: target.surveyId, recipientId: target.recipient.id, answer: text },
      {
        onSuccess: (r) => {
          notifications.show({
            color: r.isBelowThreshold ? 'orange' : 'teal',
            message: `${r.contact.name}: ${r.scorePercent ?? 0} % of your key phrases came through.`,
          });
          close();
        },
      },
    );
  };
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={`Answer from ${target?.recipient.contact.name ?? ''}`}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <GrowingTextarea
            label="Their answer"
            description="How they described what you do, to someone who might need it — in their own words."
            value={answer}
            maxLength={5000}
            minRows={4}
            error={error}
            onValueChange={setAnswer}
            data-autofocus
          />
          <ProblemAlert error={enter.error} title="Not saved" />
          <FormActions submitLabel="Save and score" isPending={enter.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
