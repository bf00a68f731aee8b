import { Code, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { AuditQuery } from '../api/types';
import { useMe } from '../auth/use-auth';
import { DataTable } from '../components/data-table';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { ProblemAlert } from '../components/problem-alert';
import { formatDateTime } from '../format';
import { useMembers } from '../team/use-members';
import { SettingsSection } from './settings-section';

/** Settings → Audit log: who did what, newest first. The server refuses members, so it is hidden. */
export function AuditLogSection() {
  const me = useMe();
  if (me.data?.role !== 'owner') return null;
  return <AuditLog timeZone={me.data.practice.timeZone} />;
}

function AuditLog({ timeZone }: { timeZone: string }) {
  const [query, setQuery] = useState<AuditQuery>({});
  const change = (patch: AuditQuery) => setQuery((q) => ({ ...q, ...patch }));
  const actions = useQuery({
    queryKey: ['audit-actions'],
    queryFn: ({ signal }) => api.get('/audit/actions', { signal }),
    select: (data) => data.items,
  });
  const members = useMembers();
  const list = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam, signal }) =>
      api.get('/audit', {
        query: { ...query, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <SettingsSection
      id="audit-title"
      title="Audit log"
      description="Sensitive actions in your practice, newest first. Each entry is chained to the one before it, so a changed or deleted entry shows up when the log is verified (vouch audit verify)."
    >
      <Stack>
        <Group
          gap="sm"
          align="flex-end"
          wrap="wrap"
          role="search"
          aria-label="Filter the audit log"
        >
          <NativeSelect
            label="Action"
            value={query.action ?? ''}
            data={[
              { value: '', label: 'Any action' },
              ...(actions.data ?? []).map((a) => ({ value: a, label: a })),
            ]}
            onChange={(e) => change({ action: e.currentTarget.value || undefined })}
          />
          <NativeSelect
            label="Person"
            value={query.userId ?? ''}
            data={[
              { value: '', label: 'Anyone' },
              ...(members.data ?? []).map((m) => ({ value: m.id, label: m.name })),
            ]}
            onChange={(e) => change({ userId: e.currentTarget.value || undefined })}
          />
          <TextInput
            label="On or after"
            type="date"
            value={query.from ?? ''}
            onChange={(e) => change({ from: e.currentTarget.value || undefined })}
          />
          <TextInput
            label="On or before"
            type="date"
            value={query.to ?? ''}
            onChange={(e) => change({ to: e.currentTarget.value || undefined })}
          />
        </Group>
        {list.isPending ? <LoadingState /> : null}
        <ProblemAlert error={list.error} />
        {list.data && items.length === 0 ? (
          <Text c="dimmed">No entries match these filters.</Text>
        ) : null}
        {items.length > 0 ? (
          <DataTable
            minWidth={640}
            verticalSpacing="xs"
            aria-label="Audit log entries"
            columns={['When', 'Who', 'Action', 'Subject', 'Detail']}
          >
            {items.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>{formatDateTime(entry.at, timeZone)}</Table.Td>
                <Table.Td>{entry.user ? entry.user.name || entry.user.id : 'System'}</Table.Td>
                <Table.Td>
                  <Code>{entry.action}</Code>
                </Table.Td>
                <Table.Td>
                  {entry.subjectType ? `${entry.subjectType} ${entry.subjectId ?? ''}` : '—'}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {entry.detail === null || entry.detail === undefined
                    ? '—'
                    : JSON.stringify(entry.detail)}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ) : null}
        <LoadMoreButton list={list} />
      </Stack>
    </SettingsSection>
  );
}
