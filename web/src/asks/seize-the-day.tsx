import {
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  ASK_OUTCOMES,
  type AskCreated,
  type AskOutcome,
  type Contact,
  MOMENT_KINDS,
  type MomentKind,
} from '../api/types';
import { FormActions } from '../components/form-actions';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { GrowingTextarea, WhenField } from '../components/text-fields';
import { WarningsAlert } from '../components/warnings-alert';
import { focusFirstInvalid, toFormErrors } from '../form-errors';
import { formatDate, formatDateTime, fromLocalInput, toLocalInput } from '../format';
import { ASK_OUTCOME_LABELS, MOMENT_KIND_LABELS } from '../labels';
import { numberLimits, wholeNumberError, wholeNumberProps } from '../number-field';
import { AskScriptView } from './ask-script';
import {
  useAskReadiness,
  useAsks,
  useDeleteMoment,
  useLogAsk,
  useMoments,
  useRecordMoment,
} from './use-asks';

/** Seize the day (PRODUCT.md §3.3): moments, "can I ask now?", the script, and asks. */
export function SeizeTheDaySection({ contact, timeZone }: { contact: Contact; timeZone?: string }) {
  return (
    <Stack>
      <AskReadinessCard contact={contact} timeZone={timeZone} />
      <RecordMomentForm contact={contact} />
      <LogAskForm contact={contact} timeZone={timeZone} />
      <MomentsAndAsks contact={contact} timeZone={timeZone} />
    </Stack>
  );
}

function AskReadinessCard({ contact, timeZone }: { contact: Contact; timeZone?: string }) {
  const readiness = useAskReadiness(contact.id);
  const data = readiness.data;
  return (
    <Panel
      id="ask-now-heading"
      title="Can I ask now?"
      headingMb="xs"
      actions={
        data ? (
          <Badge color={data.canAsk ? 'teal' : 'gray'} size="lg" variant="light">
            {data.canAsk ? 'Yes, ask now' : 'Not now'}
          </Badge>
        ) : null
      }
    >
      <ProblemAlert error={readiness.error} />
      {readiness.isPending ? <Text c="dimmed">Checking…</Text> : null}
      {data ? (
        <Stack gap="sm">
          {data.openWindow ? (
            <Text c="teal.8" fw={500}>
              Ask window open until {formatDateTime(data.openWindow.endsAt, timeZone)} (after:{' '}
              {MOMENT_KIND_LABELS[data.openWindow.kind].toLocaleLowerCase()}).
            </Text>
          ) : null}
          {data.reasons.length > 0 ? (
            <List size="sm" spacing={4} aria-label="Why not now">
              {data.reasons.map((r) => (
                <List.Item key={r.code}>{r.message}</List.Item>
              ))}
            </List>
          ) : null}
          {data.cooldownEndsAt ? (
            <Text size="sm" c="dimmed">
              Cooldown since the last ask ends {formatDate(data.cooldownEndsAt, timeZone)}.
            </Text>
          ) : null}
          <Stack gap={6} mt="xs" component="section" aria-labelledby="script-heading">
            <Title order={3} fz="h5" id="script-heading">
              The ask script
            </Title>
            <AskScriptView script={data.script} />
          </Stack>
        </Stack>
      ) : null}
    </Panel>
  );
}

const MOMENT_FIELDS = ['kind', 'score', 'occurredAt', 'note'] as const;

function RecordMomentForm({ contact }: { contact: Contact }) {
  const record = useRecordMoment(contact.id);
  const [kind, setKind] = useState<MomentKind>('milestone');
  const [score, setScore] = useState<number | string>('');
  const [when, setWhen] = useState(() => toLocalInput());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    const scoreError = wholeNumberError(score, numberLimits.momentScore);
    if (kind === 'feedback' && scoreError) next.score = scoreError;
    setErrors(next);
    if (Object.keys(next).length > 0) return focusFirstInvalid();
    const occurredAt = fromLocalInput(when);
    record.mutate(
      {
        kind,
        ...(kind === 'feedback' && typeof score === 'number' ? { score } : {}),
        ...(occurredAt ? { occurredAt } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (moment) => {
          setNote('');
          setScore('');
          setWhen(toLocalInput());
          notifications.show({
            color: 'teal',
            message: moment.askWindowEndsAt
              ? 'Moment recorded: an ask window is open.'
              : 'Moment recorded.',
          });
        },
        onError: (error) => {
          setErrors(toFormErrors(error, MOMENT_FIELDS) as Record<string, string>);
          focusFirstInvalid();
        },
      },
    );
  };

  return (
    <Panel id="moment-heading" title="Record a moment">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <NativeSelect
              label="What happened"
              value={kind}
              data={MOMENT_KINDS.map((k) => ({ value: k, label: MOMENT_KIND_LABELS[k] }))}
              onChange={(e) =>
                setKind(MOMENT_KINDS.find((k) => k === e.currentTarget.value) ?? 'milestone')
              }
              error={errors.kind}
            />
            {kind === 'feedback' ? (
              <NumberInput
                label="Score (0–10)"
                description="9 or 10 opens an ask window."
                {...wholeNumberProps(numberLimits.momentScore)}
                value={score}
                onChange={setScore}
                error={errors.score}
                required
              />
            ) : null}
            <WhenField
              label="When"
              value={when}
              onValueChange={setWhen}
              error={errors.occurredAt}
            />
          </SimpleGrid>
          <GrowingTextarea
            label="Note"
            minRows={1}
            value={note}
            onValueChange={setNote}
            error={errors.note}
          />
          <ProblemAlert error={Object.keys(errors).length ? null : record.error} />
          <FormActions submitLabel="Record moment" isPending={record.isPending} variant="light" />
        </Stack>
      </form>
    </Panel>
  );
}

function LogAskForm({ contact, timeZone }: { contact: Contact; timeZone?: string }) {
  const log = useLogAsk(contact.id);
  const moments = useMoments(contact.id);
  const readiness = useAskReadiness(contact.id);
  const [outcome, setOutcome] = useState<AskOutcome | ''>('');
  const [momentId, setMomentId] = useState<string | null>(null);
  const [when, setWhen] = useState(() => toLocalInput());
  const [note, setNote] = useState('');
  const [result, setResult] = useState<AskCreated | null>(null);
  const chosenMoment = momentId ?? readiness.data?.openWindow?.momentId ?? '';

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const askedAt = fromLocalInput(when);
    log.mutate(
      {
        ...(askedAt ? { askedAt } : {}),
        ...(chosenMoment ? { momentId: chosenMoment } : {}),
        ...(outcome ? { outcome } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (created) => {
          setResult(created);
          setNote('');
          setOutcome('');
          setMomentId(null);
          setWhen(toLocalInput());
          notifications.show({ color: 'teal', message: `Ask to ${contact.name} logged.` });
        },
      },
    );
  };

  return (
    <Panel id="log-ask-heading" title="Log an ask">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <NativeSelect
              label="Outcome"
              value={outcome}
              data={[
                { value: '', label: 'Not known yet' },
                ...ASK_OUTCOMES.map((o) => ({ value: o, label: ASK_OUTCOME_LABELS[o] })),
              ]}
              onChange={(e) =>
                setOutcome(ASK_OUTCOMES.find((o) => o === e.currentTarget.value) ?? '')
              }
            />
            <NativeSelect
              label="After which moment"
              value={chosenMoment}
              data={[
                { value: '', label: 'None' },
                ...(moments.data ?? []).map((m) => ({
                  value: m.id,
                  label: `${MOMENT_KIND_LABELS[m.kind]}${m.score !== null ? ` (${m.score}/10)` : ''}, ${formatDate(m.occurredAt, timeZone)}`,
                })),
              ]}
              onChange={(e) => setMomentId(e.currentTarget.value)}
            />
            <WhenField label="Asked on" value={when} onValueChange={setWhen} />
          </SimpleGrid>
          <GrowingTextarea label="Ask note" minRows={1} value={note} onValueChange={setNote} />
          <ProblemAlert error={log.error} />
          <WarningsAlert title="Logged, with a warning" warnings={result?.warnings ?? []} />
          <FormActions submitLabel="Log ask" isPending={log.isPending} variant="light" />
        </Stack>
      </form>
    </Panel>
  );
}

function MomentsAndAsks({ contact, timeZone }: { contact: Contact; timeZone?: string }) {
  const moments = useMoments(contact.id);
  const asks = useAsks(contact.id);
  const remove = useDeleteMoment();
  const momentItems = moments.data ?? [];
  const askItems = asks.data ?? [];
  if (momentItems.length === 0 && askItems.length === 0) return null;
  return (
    <Panel id="moments-heading" title="Moments and asks">
      <ProblemAlert error={moments.error ?? asks.error ?? remove.error} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <div>
          <Text fw={600} size="sm" mb={4}>
            Moments
          </Text>
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {momentItems.map((m) => (
              <Group component="li" key={m.id} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {MOMENT_KIND_LABELS[m.kind]}
                    {m.score !== null ? ` · ${m.score}/10` : ''}
                    {m.isPositive ? '' : ' · not a reason to ask'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(m.occurredAt, timeZone)}
                    {m.askWindowEndsAt
                      ? ` · window until ${formatDate(m.askWindowEndsAt, timeZone)}`
                      : ''}
                    {m.note ? ` · ${m.note}` : ''}
                  </Text>
                </div>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  aria-label={`Delete moment: ${MOMENT_KIND_LABELS[m.kind]} of ${formatDate(m.occurredAt, timeZone)}`}
                  loading={remove.isPending && remove.variables === m.id}
                  onClick={() => remove.mutate(m.id)}
                >
                  Delete
                </Button>
              </Group>
            ))}
            {momentItems.length === 0 ? (
              <Text size="sm" c="dimmed" component="li">
                None yet.
              </Text>
            ) : null}
          </Stack>
        </div>
        <div>
          <Text fw={600} size="sm" mb={4}>
            Asks
          </Text>
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {askItems.map((a) => (
              <li key={a.id}>
                <Text size="sm" fw={500}>
                  {a.outcome ? ASK_OUTCOME_LABELS[a.outcome] : 'Outcome not known yet'}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(a.askedAt, timeZone)}
                  {a.note ? ` · ${a.note}` : ''}
                </Text>
              </li>
            ))}
            {askItems.length === 0 ? (
              <Text size="sm" c="dimmed" component="li">
                None yet.
              </Text>
            ) : null}
          </Stack>
        </div>
      </SimpleGrid>
    </Panel>
  );
}
