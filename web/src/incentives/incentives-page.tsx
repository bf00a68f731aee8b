import { Anchor, Group, NativeSelect, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import type { IncentiveQuery, IncentiveStatus } from '../api/types';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { IncentiveItems } from './incentive-list';
import { useIncentives } from './use-incentives';

const STATUS_OPTIONS: { value: '' | IncentiveStatus; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'promised', label: 'Promised, not delivered' },
  { value: 'delivered', label: 'Delivered' },
];

export function IncentivesPage() {
  const [params, setParams] = useSearchParams();
  const status = STATUS_OPTIONS.find((o) => o.value !== '' && o.value === params.get('status'))
    ?.value as IncentiveStatus | undefined;
  const query: IncentiveQuery = {
    ...(status ? { status } : {}),
    ...(params.get('referralId') ? { referralId: params.get('referralId') ?? '' } : {}),
    ...(params.get('commitmentId') ? { commitmentId: params.get('commitmentId') ?? '' } : {}),
    ...(params.get('contactId') ? { contactId: params.get('contactId') ?? '' } : {}),
  };
  const isScoped = Boolean(query.referralId || query.commitmentId || query.contactId);
  const incentives = useIncentives(query);

  return (
    <>
      <PageHeader
        title="Incentives"
        description="What you offered or gave in thanks, each with the ethics ruling it was recorded under."
      />
      <Group align="flex-end" mb="md" gap="md">
        <NativeSelect
          label="Status"
          value={status ?? ''}
          data={STATUS_OPTIONS}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.currentTarget.value) next.set('status', e.currentTarget.value);
            else next.delete('status');
            setParams(next, { replace: true });
          }}
        />
        {isScoped ? (
          <Anchor component={Link} to="/incentives">
            Show every incentive
          </Anchor>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Record a new incentive from a referral’s page or from a commitment.
      </Text>
      <ProblemAlert error={incentives.error} />
      {incentives.isPending ? <LoadingState label="Loading incentives…" /> : null}
      {incentives.data ? <IncentiveItems items={incentives.data} /> : null}
    </>
  );
}
