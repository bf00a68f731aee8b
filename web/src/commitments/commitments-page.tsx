import { NativeSelect, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { COMMITMENT_STATUSES, type Commitment } from '../api/types';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { COMMITMENT_STATUS_LABELS } from '../labels';
import { CommitmentCard } from './commitment-card';
import { useCommitments } from './use-commitments';

const REMINDER_ORDER: Record<Commitment['reminder']['state'], number> = {
  due: 0,
  release_suggested: 1,
  not_due: 2,
  closed: 3,
};

export function CommitmentsPage() {
  const [params, setParams] = useSearchParams();
  const status = COMMITMENT_STATUSES.find((s) => s === params.get('status')) ?? 'open';
  const commitments = useCommitments({ status });
  const items = [...(commitments.data ?? [])].sort(
    (a, b) => REMINDER_ORDER[a.reminder.state] - REMINDER_ORDER[b.reminder.state],
  );
  return (
    <>
      <PageHeader
        title="Commitments"
        description="Contacts who promised to refer people: progress, and when to remind them kindly."
      />
      <NativeSelect
        label="Show"
        maw={240}
        mb="md"
        value={status}
        data={COMMITMENT_STATUSES.map((s) => ({ value: s, label: COMMITMENT_STATUS_LABELS[s] }))}
        onChange={(e) => setParams({ status: e.currentTarget.value }, { replace: true })}
      />
      <ProblemAlert error={commitments.error} />
      {commitments.isPending ? <LoadingState label="Loading commitments…" /> : null}
      {commitments.isSuccess && items.length === 0 ? (
        <Text c="dimmed">
          {status === 'open'
            ? 'No open commitments. Record one on a contact’s page when they promise referrals.'
            : `No ${COMMITMENT_STATUS_LABELS[status].toLocaleLowerCase()} commitments.`}
        </Text>
      ) : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((c) => (
          <li key={c.id}>
            <CommitmentCard commitment={c} showContact />
          </li>
        ))}
      </Stack>
    </>
  );
}
