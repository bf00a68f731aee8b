import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useUndoToast } from '../agenda/undo-toast';
import { usePerformAction } from '../agenda/use-agenda';
import {
  REFERRAL_STATUSES,
  type ReferralDetail,
  type ReferralEvent,
  type ReferralStatus,
  type ThanksState,
} from '../api/types';
import { useMe } from '../auth/use-auth';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import {
  BackLink,
  RecordField as Field,
  RecordColumns,
  RecordPage,
} from '../components/record-page';
import { formatDateTime, formatMoney } from '../format';
import { IncentivesSection } from '../incentives/incentives-section';
import { CHANNEL_LABELS, STATUS_LABELS } from '../labels';
import { LetterDialog, type LetterDialogProps } from '../letters/letter-dialog';
import { isForward, isOpen, planStatusMove } from './board-moves';
import { IntroductionDialog } from './introduction-dialog';
import { ReferralActions } from './referral-actions';
import { describeClock } from './referral-clock';
import { ReferralEditForm } from './referral-edit-form';
import { StatusBadge } from './referral-list';
import { referredName } from './referred-name';
import { useNow } from './use-now';
import { useReferral } from './use-referrals';
import { useStatusMove } from './use-status-move';

export function ReferralDetailPage() {
  const { id = '' } = useParams();
  const referral = useReferral(id);
  return (
    <RecordPage query={referral} noun="Referral" list={REFERRALS}>
      {(record) => <ReferralDetailView referral={record} />}
    </RecordPage>
  );
}

const REFERRALS = { to: '/referrals', name: 'Referrals' };

function ReferralDetailView({ referral }: { referral: ReferralDetail }) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  const [isEditing, setIsEditing] = useState(false);
  const [letter, setLetter] = useState<LetterChoice | null>(null);
  const [isIntroducing, setIsIntroducing] = useState(false);
  // An introduction needs the referrer to copy, an open referral to mark (§3.9), and the
  // person's consent to that referrer hearing they are in touch (§3.2).
  const introducer = isOpen(referral.status) && referral.consentToUpdate ? referral.referrer : null;
  const from = referral.referrer ? `from ${referral.referrer.name}` : 'from an unknown referrer';

  return (
    <>
      <BackLink list={REFERRALS} />
      <PageHeader
        title={`Referral: ${referredName(referral)}`}
        description={`Received ${formatDateTime(referral.receivedAt, timeZone)} ${from}.`}
        actions={
          introducer ? (
            <Button variant="light" onClick={() => setIsIntroducing(true)}>
              Introduce
            </Button>
          ) : null
        }
      />
      <RecordColumns
        side={
          <Paper withBorder p="md" radius="md">
            <EventHistory events={referral.events} timeZone={timeZone} />
          </Paper>
        }
      >
        <StatusSection referral={referral} timeZone={timeZone} />
        <ThanksSection referral={referral} timeZone={timeZone} onDraft={setLetter} />
        <ReferrerUpdateSection referral={referral} timeZone={timeZone} onDraft={setLetter} />
        <IncentivesSection
          link={{
            type: 'referral',
            id: referral.id,
            referrer: referral.referrer,
            referred: referral.referred,
          }}
        />
        <Panel
          id="details"
          title="Details"
          actions={
            !isEditing ? (
              <Button variant="default" size="xs" onClick={() => setIsEditing(true)}>
                Edit details
              </Button>
            ) : null
          }
        >
          {isEditing ? (
            <ReferralEditForm referral={referral} onDone={() => setIsEditing(false)} />
          ) : (
            <DetailFields referral={referral} timeZone={timeZone} />
          )}
        </Panel>
      </RecordColumns>
      <LetterDialog
        opened={letter !== null}
        onClose={() => setLetter(null)}
        about={{ referralId: referral.id }}
        title={letter?.title ?? ''}
        templateKey={letter?.templateKey ?? 'thanks_referral'}
        cause={letter?.cause}
      />
      {introducer ? (
        <IntroductionDialog
          opened={isIntroducing}
          onClose={() => setIsIntroducing(false)}
          referrer={introducer}
          referral={{ id: referral.id, referred: referral.referred }}
        />
      ) : null}
    </>
  );
}

function DetailFields({ referral, timeZone }: { referral: ReferralDetail; timeZone?: string }) {
  return (
    <SimpleGrid cols={{ base: 2 }} component="dl" m={0} spacing="md">
      <Field label="Referred person">
        {referral.referred ? (
          <Anchor component={Link} to={`/contacts/${referral.referred.id}`}>
            {referral.referred.name}
          </Anchor>
        ) : (
          <Text c="dimmed">{referredName(referral)}</Text>
        )}
      </Field>
      <Field label="Referred by">
        {referral.referrer ? (
          <Anchor component={Link} to={`/contacts/${referral.referrer.id}`}>
            {referral.referrer.name}
          </Anchor>
        ) : (
          'Unknown referrer'
        )}
      </Field>
      <Field label="Their need">{referral.need}</Field>
      <Field label="Tags">
        {referral.tags.length > 0 ? (
          <Group gap={4} component="span">
            {referral.tags.map((tag) => (
              <Badge key={tag} variant="outline" size="sm" component="span">
                {tag}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Field>
      <Field label="Came by">{CHANNEL_LABELS[referral.channel]}</Field>
      <Field label="Where">
        {[referral.circle?.name, referral.place].filter(Boolean).join(' · ')}
      </Field>
      <Field label="Expected value">
        {referral.valueMinor === null ? null : formatMoney(referral.valueMinor, referral.currency)}
      </Field>
      <Field label="Owner">{referral.owner?.name}</Field>
      <Field label="Consent to update">
        {referral.consentToUpdate ? 'Yes: milestones may be shared' : 'No: thank-you only'}
      </Field>
      <Field label="Warm hand-off">{referral.warmHandoff ? 'Yes' : 'No'}</Field>
      <Field label="First contact">{formatDateTime(referral.firstContactAt, timeZone)}</Field>
      <Field label="Meeting">{formatDateTime(referral.meetingAt, timeZone)}</Field>
      <Field label="Became a client">{formatDateTime(referral.clientAt, timeZone)}</Field>
      <Field label="Closed">{formatDateTime(referral.closedAt, timeZone)}</Field>
    </SimpleGrid>
  );
}

function StatusSection({ referral, timeZone }: { referral: ReferralDetail; timeZone?: string }) {
  const now = useNow();
  const clock = describeClock(referral, now);
  const moves = useStatusMove();
  const [target, setTarget] = useState<ReferralStatus | ''>('');

  return (
    <Panel
      id="status-heading"
      title="Status"
      headingMb="xs"
      actions={<StatusBadge referral={referral} />}
    >
      <Text fw={600} c={`${clock.color}.8`}>
        Response clock: {clock.text}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        First contact due by {formatDateTime(referral.clock.dueAt, timeZone)}
        {referral.clock.firstContactAt
          ? `; contacted ${formatDateTime(referral.clock.firstContactAt, timeZone)}`
          : ''}
        .
      </Text>
      <ReferralActions referral={referral} size="sm" />
      {/* Any other status: forward at once (with Undo), back as a correction with a reason. */}
      <Group align="flex-end" mt="md" gap="xs">
        <NativeSelect
          label="Move to another status"
          value={target}
          data={[
            { value: '', label: 'Choose a status' },
            ...REFERRAL_STATUSES.filter((s) => s !== referral.status).map((s) => ({
              value: s,
              label: `${STATUS_LABELS[s]}${isForward(referral.status, s) ? '' : ' (correction)'}`,
            })),
          ]}
          onChange={(e) =>
            setTarget(REFERRAL_STATUSES.find((s) => s === e.currentTarget.value) ?? '')
          }
        />
        <Button
          variant="default"
          disabled={target === ''}
          loading={moves.isPending}
          onClick={() => {
            if (!target) return;
            moves.request(referral, planStatusMove(referral.status, target));
            setTarget('');
          }}
        >
          Move
        </Button>
      </Group>
      {moves.dialog}
    </Panel>
  );
}

const THANKS_COLORS: Record<ThanksState, string> = {
  not_applicable: 'gray',
  due: 'blue',
  overdue: 'red',
  done: 'teal',
};

function thanksText(
  state: ThanksState,
  dueAt: string | null,
  thankedAt: string | null,
  timeZone?: string,
): string {
  switch (state) {
    case 'done':
      return `Done ✓ ${formatDateTime(thankedAt, timeZone)}`;
    case 'due':
      return `Due by ${formatDateTime(dueAt, timeZone)}`;
    case 'overdue':
      return `Overdue since ${formatDateTime(dueAt, timeZone)}`;
    case 'not_applicable':
      return 'Not applicable';
  }
}

type LetterChoice = Pick<LetterDialogProps, 'title' | 'templateKey' | 'cause'>;
type OnDraft = (choice: LetterChoice) => void;

/** A "Draft letter" button; the dialog lives on the page, so it stays open after sending. */
function DraftLetterButton({
  onDraft,
  choice,
  label = 'Draft letter',
  variant = 'default',
}: {
  onDraft: OnDraft;
  choice: LetterChoice;
  label?: string;
  variant?: 'default' | 'filled' | 'light';
}) {
  return (
    <Button size="sm" variant={variant} onClick={() => onDraft(choice)}>
      {label}
    </Button>
  );
}

/** The two thank-yous of §3.1: for the referral, and again once the person became a client. */
const THANK_KINDS = {
  referral: {
    heading: 'Thank-you for the referral',
    draftLabel: 'Draft thank-you letter',
    letterTitle: (name: string) => `Thank-you letter to ${name}`,
    recordLabel: 'Record thank-you',
    recorded: 'Thank-you recorded.',
  },
  conversion: {
    heading: 'Thank-you for their trust (once a client)',
    draftLabel: 'Draft conversion thank-you',
    letterTitle: (name: string) => `Thank-you for their trust, to ${name}`,
    recordLabel: 'Record conversion thank-you',
    recorded: 'Conversion thank-you recorded.',
  },
} as const;

function ThanksSection({
  referral,
  timeZone,
  onDraft,
}: {
  referral: ReferralDetail;
  timeZone?: string;
  onDraft: OnDraft;
}) {
  const thank = usePerformAction();
  const toast = useUndoToast();
  const referrerName = referral.referrer?.name ?? 'the referrer';
  const row = (kind: keyof typeof THANK_KINDS) => {
    const text = THANK_KINDS[kind];
    const state = referral.thanks[kind];
    const templateKey = kind === 'referral' ? 'thanks_referral' : 'thanks_conversion';
    return (
      <Group justify="space-between" wrap="wrap">
        <div>
          <Text fw={500}>{text.heading}</Text>
          <Text size="sm" c={`${THANKS_COLORS[state.state]}.8`}>
            {state.state === 'not_applicable'
              ? 'When they become a client, thank the referrer again.'
              : thanksText(state.state, state.dueAt, state.thankedAt, timeZone)}
          </Text>
        </div>
        {kind === 'conversion' &&
        !referral.referrerMayBeTold &&
        (state.state === 'due' || state.state === 'overdue') ? (
          // §3.2: a thank-you sent because they became a client would tell the referrer so; the
          // server's referrerMayBeTold says whether that may be told (consent, or a treating
          // provider under the health profile).
          <Text size="sm" c="dimmed" maw={360}>
            They did not consent to updates: a thank-you now would tell the referrer they became a
            client. Record their consent first.
          </Text>
        ) : state.state === 'due' || state.state === 'overdue' ? (
          <Group gap="xs">
            <DraftLetterButton
              onDraft={onDraft}
              label={text.draftLabel}
              variant="filled"
              choice={{ title: text.letterTitle(referrerName), templateKey, cause: templateKey }}
            />
            <Button
              size="sm"
              variant="default"
              onClick={() =>
                thank.mutate(
                  { method: 'POST', path: `/referrals/${referral.id}/thanks`, body: { kind } },
                  { onSuccess: (result) => toast(text.recorded, result.undoId) },
                )
              }
              loading={thank.isPending && thank.variables?.body?.kind === kind}
            >
              {text.recordLabel}
            </Button>
          </Group>
        ) : null}
      </Group>
    );
  };
  return (
    <Panel id="thanks-heading" title="Thanks" headingMb="xs">
      {referral.referrer === null ? (
        <Text c="dimmed">The referrer is unknown: there is nobody to thank.</Text>
      ) : (
        <Stack gap="sm">
          {row('referral')}
          {row('conversion')}
          <ProblemAlert error={thank.error} />
        </Stack>
      )}
    </Panel>
  );
}

function ReferrerUpdateSection({
  referral,
  timeZone,
  onDraft,
}: {
  referral: ReferralDetail;
  timeZone?: string;
  onDraft: OnDraft;
}) {
  const record = usePerformAction();
  const toast = useUndoToast();
  const { referrerUpdate } = referral;
  const told = referrerUpdate.toldStatus
    ? `Last told “${STATUS_LABELS[referrerUpdate.toldStatus].toLocaleLowerCase()}” on ${formatDateTime(referrerUpdate.toldAt, timeZone)}.`
    : 'Not told anything yet.';
  return (
    <Panel id="update-heading" title="Keeping the referrer informed" headingMb="xs">
      {referral.referrer === null ? (
        <Text c="dimmed">The referrer is unknown: there is nobody to update.</Text>
      ) : referrerUpdate.state === 'not_allowed' ? (
        <Alert color="gray" variant="light" title="No updates without consent">
          {referredName(referral)} did not consent to updates. You may thank{' '}
          {referral.referrer.name} for thinking of you, but not tell them the person’s name, status,
          need or any note. If they consent later, tick “Consent to update the referrer” under Edit
          details.
        </Alert>
      ) : (
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={500} c={referrerUpdate.state === 'due' ? 'orange.8' : undefined}>
              {referrerUpdate.state === 'due'
                ? `Update due: ${referral.referrer.name} does not know it is now “${STATUS_LABELS[referral.status].toLocaleLowerCase()}”.`
                : 'Up to date.'}
            </Text>
            <Text size="sm" c="dimmed">
              {told} Share milestones only — never the need or notes.
            </Text>
          </div>
          <Group gap="xs">
            <DraftLetterButton
              onDraft={onDraft}
              label="Draft update letter"
              variant={referrerUpdate.state === 'due' ? 'filled' : 'default'}
              choice={{
                title: `Update for ${referral.referrer.name}`,
                templateKey: 'referrer_update',
                cause: 'referrer_update',
              }}
            />
            <Button
              size="sm"
              variant="default"
              loading={record.isPending}
              // The server records one update per status told; a repeat is refused (409).
              disabled={referrerUpdate.state === 'up_to_date' && referrerUpdate.toldAt !== null}
              onClick={() =>
                record.mutate(
                  { method: 'POST', path: `/referrals/${referral.id}/referrer-updates` },
                  { onSuccess: (result) => toast('Referrer update recorded.', result.undoId) },
                )
              }
            >
              Record update sent
            </Button>
          </Group>
        </Group>
      )}
      <ProblemAlert error={record.error} mt="sm" />
    </Panel>
  );
}

function eventTitle(event: ReferralEvent): string {
  const to = event.toStatus ? STATUS_LABELS[event.toStatus] : null;
  const from = event.fromStatus ? STATUS_LABELS[event.fromStatus] : null;
  switch (event.kind) {
    case 'created':
      return 'Referral received';
    case 'status':
      return from && to ? `${from} → ${to}` : `Status: ${to ?? 'changed'}`;
    case 'corrected':
      return `Corrected from ${from?.toLocaleLowerCase() ?? 'its status'} to ${to?.toLocaleLowerCase() ?? 'another'}`;
    case 'reopened':
      return `Reopened${to ? `, back to ${to.toLocaleLowerCase()}` : ''}`;
    case 'thanked':
      return 'Thank-you recorded';
    case 'conversion_thanked':
      return 'Conversion thank-you recorded';
    case 'referrer_updated':
      return `Referrer told${to ? `: ${to.toLocaleLowerCase()}` : ''}`;
    default: {
      // Every kind is handled above; one from a newer server still reads as words.
      const kind: string = event.kind satisfies never;
      return kind.replaceAll('_', ' ');
    }
  }
}

function EventHistory({ events, timeZone }: { events: ReferralEvent[]; timeZone?: string }) {
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="history-heading">
      <Title order={2} fz="h3" mb="sm" id="history-heading">
        History
      </Title>
      {sorted.length === 0 ? (
        <Text c="dimmed">Nothing recorded yet.</Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} component="ol" p={0} style={{ listStyle: 'none' }}>
          {sorted.map((event) => (
            <Timeline.Item key={event.id} component="li" title={eventTitle(event)}>
              <Text size="sm" c="dimmed">
                <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
                {event.by ? ` · by ${event.by.name}` : ''}
              </Text>
              {event.note ? <Text size="sm">{event.note}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </section>
  );
}
