import { Button, Center, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReferralFilters } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { useSearchInUrl } from '../components/use-search-in-url';
import { isOwner } from '../team/use-team';
import { downloadReferralsCsv } from './export-csv';
import { ReferralBoard } from './referral-board';
import { ReferralFilterBar } from './referral-filter-bar';
import {
  boardFilters,
  type ReferralPageState,
  readReferralParams,
  writeReferralParams,
} from './referral-filters';
import { ReferralCards, ReferralTable } from './referral-list';
import { emptyReferralsMessage } from './referrals-empty';
import { useNow } from './use-now';
import { useReferralBoard, useReferralList } from './use-referrals';

export function ReferralsPage() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readReferralParams(params), [params]);
  const update = (patch: Partial<ReferralPageState>) =>
    setParams(writeReferralParams({ ...state, ...patch }), { replace: true });
  const setFilters = (patch: Partial<ReferralFilters>) =>
    update({ filters: { ...state.filters, ...patch } });

  const search = useSearchInUrl(state.filters.q, (q) => setFilters({ q }));
  const filters = { ...state.filters, q: search.settledQ };

  const canExport = isOwner(useMe().data);
  const [exportError, setExportError] = useState<unknown>(null);
  const [isExporting, setIsExporting] = useState(false);
  const exportCsv = async () => {
    setExportError(null);
    setIsExporting(true);
    try {
      await downloadReferralsCsv(state.filters, state.sort);
    } catch (error) {
      setExportError(error);
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Referrals"
        description="Every referral received, from the first call to a thank-you. Press R anywhere to add one."
        actions={
          <>
            <Button.Group aria-label="View">
              <Button
                variant={state.view === 'board' ? 'filled' : 'default'}
                aria-pressed={state.view === 'board'}
                onClick={() => update({ view: 'board' })}
              >
                Board
              </Button>
              <Button
                variant={state.view === 'list' ? 'filled' : 'default'}
                aria-pressed={state.view === 'list'}
                onClick={() => update({ view: 'list' })}
              >
                List
              </Button>
            </Button.Group>
            {/* Exports are an owner's (issue 14): members do not get the button. */}
            {canExport ? (
              <Button variant="default" onClick={() => void exportCsv()} loading={isExporting}>
                Export CSV
              </Button>
            ) : null}
          </>
        }
      />
      <ReferralFilterBar
        search={
          <TextInput
            label="Search referrals"
            placeholder="A name"
            type="search"
            value={search.text}
            onChange={(e) => search.change(e.currentTarget.value)}
          />
        }
        filters={state.filters}
        onChange={setFilters}
        onClear={() => update({ filters: {} })}
        showStatus={state.view === 'list'}
        sort={state.view === 'list' ? state.sort : undefined}
        onSortChange={(sort) => update({ sort })}
      />
      <ProblemAlert error={exportError} />
      {state.view === 'board' ? (
        <BoardView filters={filters} />
      ) : (
        <ListView state={{ ...state, filters }} />
      )}
    </>
  );
}

function BoardView({ filters }: { filters: ReferralFilters }) {
  const board = useReferralBoard(boardFilters(filters));
  const now = useNow();
  if (board.isPending) return <LoadingState label="Loading the pipeline…" />;
  if (board.isError) return <ProblemAlert error={board.error} />;
  const total = board.data.columns.reduce((sum, c) => sum + c.total, 0);
  return (
    <Stack gap="sm" aria-busy={board.isFetching}>
      {total === 0 ? <Text c="dimmed">{emptyReferralsMessage(boardFilters(filters))}</Text> : null}
      <ReferralBoard board={board.data} now={now} />
    </Stack>
  );
}

function ListView({ state }: { state: ReferralPageState }) {
  const me = useMe();
  const list = useReferralList(state.filters, state.sort);
  const now = useNow();
  const isWide = useMediaQuery('(min-width: 62em)');
  const referrals = list.data?.pages.flatMap((page) => page.items) ?? [];
  const timeZone = me.data?.practice.timeZone;

  if (list.isPending) return <LoadingState label="Loading referrals…" />;
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (referrals.length === 0) {
    return (
      <Center py="xl">
        <Text c="dimmed">{emptyReferralsMessage(state.filters)}</Text>
      </Center>
    );
  }
  return (
    <Stack gap="md" aria-busy={list.isFetching}>
      <Text size="sm" c="dimmed" role="status">
        Showing {referrals.length} {referrals.length === 1 ? 'referral' : 'referrals'}
        {list.hasNextPage ? ' (more available)' : ''}
      </Text>
      {isWide ? (
        <ReferralTable referrals={referrals} now={now} timeZone={timeZone} />
      ) : (
        <ReferralCards referrals={referrals} now={now} timeZone={timeZone} />
      )}
      <LoadMoreButton list={list} />
    </Stack>
  );
}
