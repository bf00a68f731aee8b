import { Anchor, Button, List, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CIRCLE_KINDS, type CircleDetail, type CircleKind } from '../api/types';
import { DataTable } from '../components/data-table';
import { FormActions } from '../components/form-actions';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { BackLink, DeleteRecordButton, RecordColumns, RecordPage } from '../components/record-page';
import { GrowingTextarea } from '../components/text-fields';
import { StageBadge } from '../contacts/stage-badge';
import { blankToNull } from '../format';
import { CIRCLE_KIND_LABELS } from '../labels';
import { circleKindOptions } from './circles-page';
import { useCircleDetail, useDeleteCircle, useUpdateCircle } from './use-network';

export function CircleDetailPage() {
  const { id = '' } = useParams();
  const circle = useCircleDetail(id);
  return (
    <RecordPage query={circle} noun="Circle" list={CIRCLES}>
      {(record) => <CircleDetailView circle={record} />}
    </RecordPage>
  );
}

const CIRCLES = { to: '/network/circles', name: 'Circles' };

function CircleDetailView({ circle }: { circle: CircleDetail }) {
  const remove = useDeleteCircle(circle.id);
  return (
    <>
      <BackLink list={CIRCLES} />
      <PageHeader
        title={circle.name}
        description={`${circle.kind ? CIRCLE_KIND_LABELS[circle.kind] : 'Circle'} · ${circle.members} ${circle.members === 1 ? 'member' : 'members'} · ${circle.referrals} ${circle.referrals === 1 ? 'referral' : 'referrals'} came through it`}
        actions={
          <>
            <Button
              variant="default"
              component={Link}
              to={`/referrals?view=list&circleId=${encodeURIComponent(circle.id)}`}
            >
              See its referrals
            </Button>
            <DeleteRecordButton
              label="Delete circle"
              name={circle.name}
              remove={remove}
              list={CIRCLES}
            >
              Its members stay in your network; referrals that came through it keep no circle.
            </DeleteRecordButton>
          </>
        }
      />
      <RecordColumns
        side={
          <>
            <Panel id="reach" title="Most-wanted categories it reaches">
              {circle.mostWantedReach.length === 0 ? (
                <Text c="dimmed">
                  None of its members are in a{' '}
                  <Anchor component={Link} to="/network/most-wanted">
                    most-wanted category
                  </Anchor>
                  .
                </Text>
              ) : (
                <List spacing={4}>
                  {[...circle.mostWantedReach]
                    .sort((a, b) => a.rank - b.rank)
                    .map((reach) => (
                      <List.Item key={reach.categoryId}>
                        #{reach.rank} {reach.name}: {reach.members}{' '}
                        {reach.members === 1 ? 'member' : 'members'}
                      </List.Item>
                    ))}
                </List>
              )}
            </Panel>
            <CircleEditForm circle={circle} />
          </>
        }
      >
        <Panel id="members" title="Members">
          {circle.memberList.length === 0 ? (
            <Text c="dimmed">Nobody yet. Add the circle to a contact in their form.</Text>
          ) : (
            <DataTable minWidth={320} verticalSpacing="xs" columns={['Name', 'Stage', 'Category']}>
              {circle.memberList.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${member.id}`}>
                      {member.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StageBadge stage={member.stage} />
                  </Table.Td>
                  <Table.Td>{member.category?.name ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </Panel>
      </RecordColumns>
    </>
  );
}

function CircleEditForm({ circle }: { circle: CircleDetail }) {
  const update = useUpdateCircle(circle.id);
  const [kind, setKind] = useState<CircleKind | ''>(circle.kind ?? '');
  const [notes, setNotes] = useState(circle.notes ?? '');
  return (
    <Panel id="about-circle" title="About this circle">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(
            { kind: kind || null, notes: blankToNull(notes) },
            { onSuccess: () => notifications.show({ color: 'teal', message: 'Circle saved.' }) },
          );
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label="Kind"
            value={kind}
            data={circleKindOptions('Not set')}
            onChange={(e) => setKind(CIRCLE_KINDS.find((k) => k === e.currentTarget.value) ?? '')}
          />
          <GrowingTextarea label="Notes" value={notes} onValueChange={setNotes} />
          <ProblemAlert error={update.error} />
          <FormActions submitLabel="Save circle" isPending={update.isPending} variant="default" />
        </Stack>
      </form>
    </Panel>
  );
}
