import { Alert, Button, Group, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { LoadMoreButton } from '../components/load-more-button';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { formatCount, progressPercent, progressText } from './import-text';
import { type Import, isRunning, useImportProblems, useUndoImport } from './use-imports';

/** The rows done of the total as a bar, with the same in words (and the speed while it runs). */
function ImportProgressBar({ record }: { record: Import }) {
  const percent = progressPercent(record);
  const text = progressText(record);
  const running = isRunning(record.status);
  return (
    <Stack gap={6}>
      <Progress.Root size="xl" radius="md">
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
          striped={running}
          animated={running}
        />
      </Progress.Root>
      <Text fw={500}>{text}</Text>
    </Stack>
  );
}

/** While it is queued or running: the bar moves as the page asks the server (every 700 ms). */
export function ImportProgressView({ record }: { record: Import }) {
  return (
    <Panel
      id="import-progress-heading"
      title={record.status === 'queued' ? 'Waiting to start…' : 'Importing…'}
      description="You can leave this page: the import goes on, and this page shows where it is when you come back."
    >
      <ImportProgressBar record={record} />
      <Text size="sm" c="dimmed" mt="xs">
        So far: {formatCount(record.summary.created)} created, {formatCount(record.summary.merged)}{' '}
        merged, {formatCount(record.summary.skipped)} skipped, {formatCount(record.summary.invalid)}{' '}
        invalid.
      </Text>
    </Panel>
  );
}

/** One number of the summary, in its <dl>: the number, then what it counts (a second <dd>). */
function Stat({ label, value, hint }: { label: string; value: number; hint: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fz={28} fw={700} lh={1.2}>
        {formatCount(value)}
      </Text>
      <Text component="dd" m={0} size="xs" c="dimmed">
        {hint}
      </Text>
    </div>
  );
}

/** An undo that never wrote its result: its server stopped; undoing again removes the rest. */
const isUndoCut = (record: Import) => record.status === 'undone' && record.undo === null;

/** Once it has ended: what it did, the rows it could not take and why, and its undo. */
export function ImportSummaryView({ record }: { record: Import }) {
  const { summary } = record;
  return (
    <Stack gap="lg">
      {record.status === 'failed' ? (
        <Alert color="red" variant="light" title="The import stopped" role="alert">
          {record.error ?? 'Something went wrong on the server.'} The rows done before it stopped
          stay; undo removes them.
        </Alert>
      ) : null}
      {record.undo ? <UndoResult undo={record.undo} /> : null}
      {isUndoCut(record) ? (
        <Alert color="orange" variant="light" title="The undo did not finish" role="status">
          The server stopped while undoing this import. What it removed stays removed; finish the
          undo to remove the rest.
        </Alert>
      ) : null}
      <Panel
        id="import-summary-heading"
        title={record.status === 'undone' ? 'What the import did' : 'Summary'}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/contacts" variant="default">
              See your contacts
            </Button>
            <Button component={Link} to="/contacts/import" variant="default">
              Import another file
            </Button>
          </Group>
        }
      >
        <Stack>
          <ImportProgressBar record={record} />
          <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
            <Stat label="Created" value={summary.created} hint="new contacts" />
            <Stat label="Merged" value={summary.merged} hint="empty fields filled in" />
            <Stat label="Skipped" value={summary.skipped} hint="duplicates left out" />
            <Stat label="Invalid" value={summary.invalid} hint="rows that are not a contact" />
          </SimpleGrid>
        </Stack>
      </Panel>
      {summary.invalid > 0 ? <ProblemsPanel id={record.id} /> : null}
      {record.status === 'done' || record.status === 'failed' || isUndoCut(record) ? (
        <UndoButton record={record} />
      ) : null}
    </Stack>
  );
}

/** The invalid rows, by line, with why: a page at a time. */
function ProblemsPanel({ id }: { id: string }) {
  const problems = useImportProblems(id, true);
  const items = problems.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Panel
      id="import-problems-heading"
      title="Rows not imported"
      description="Fix them in the file and import it again: the rows already imported are skipped as duplicates."
    >
      <ProblemAlert error={problems.error} />
      {items.length > 0 ? (
        <DataTable
          minWidth={480}
          verticalSpacing="xs"
          columns={[{ label: 'Line', align: 'right' }, 'Why']}
        >
          {items.map((problem) => (
            <Table.Tr key={problem.line}>
              <Table.Td ta="right" w={80}>
                {problem.line}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.reason}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      ) : null}
      <LoadMoreButton list={problems} />
    </Panel>
  );
}

function UndoResult({ undo }: { undo: NonNullable<Import['undo']> }) {
  const kept = undo.reasons.map((r) => `${formatCount(r.count)} ${r.reason}`).join('; ');
  return (
    <Alert color="teal" variant="light" title="Import undone" role="status">
      Removed {formatCount(undo.removed)} {undo.removed === 1 ? 'contact' : 'contacts'}.
      {undo.kept > 0
        ? ` Kept ${formatCount(undo.kept)}: ${kept}.`
        : ' Every contact it created is gone.'}
    </Alert>
  );
}

function UndoButton({ record }: { record: Import }) {
  const undo = useUndoImport(record.id);
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <Group>
      <Button color="red" variant="light" onClick={() => setIsConfirming(true)}>
        {isUndoCut(record) ? 'Finish the undo' : 'Undo this import'}
      </Button>
      <ConfirmDialog
        opened={isConfirming}
        title="Undo this import?"
        confirmLabel="Undo import"
        isPending={undo.isPending}
        error={undo.error}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => undo.mutate(undefined, { onSuccess: () => setIsConfirming(false) })}
      >
        This removes the contacts this import created that nothing has touched since. Those edited
        since, or with referrals, touches or other history, are kept. Empty fields it filled in on
        contacts you had stay filled, and circles made from its labels stay.
      </ConfirmDialog>
    </Group>
  );
}
