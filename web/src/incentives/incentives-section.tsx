import { Anchor, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { IncentiveDialog, type IncentiveLink } from './incentive-dialog';
import { IncentiveItems } from './incentive-list';
import { useIncentives } from './use-incentives';

/** The incentives of one referral or commitment, and "Record an incentive". */
export function IncentivesSection({ link, bare = false }: { link: IncentiveLink; bare?: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const query = link.type === 'referral' ? { referralId: link.id } : { commitmentId: link.id };
  const incentives = useIncentives(query);
  const headingId = `incentives-${link.id}`;
  const content = (
    <>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={bare ? 3 : 2} fz={bare ? 'h5' : 'h3'} id={headingId}>
          Incentives
        </Title>
        <Group gap="xs">
          <Anchor
            component={Link}
            size="sm"
            to={`/incentives?${link.type === 'referral' ? 'referralId' : 'commitmentId'}=${encodeURIComponent(link.id)}`}
          >
            All incentives
          </Anchor>
          <Button size="xs" variant="light" onClick={() => setIsOpen(true)}>
            Record an incentive
          </Button>
        </Group>
      </Group>
      <ProblemAlert error={incentives.error} />
      {incentives.isPending ? <LoadingState label="Loading incentives…" /> : null}
      {incentives.data ? (
        <IncentiveItems
          items={incentives.data}
          empty="Nothing offered or given yet. Vouch checks each one against your ethics profile."
        />
      ) : null}
      <IncentiveDialog opened={isOpen} onClose={() => setIsOpen(false)} link={link} />
    </>
  );
  if (bare) {
    return (
      <Stack gap={0} component="section" aria-labelledby={headingId} mt="sm">
        {content}
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      {content}
    </Paper>
  );
}
