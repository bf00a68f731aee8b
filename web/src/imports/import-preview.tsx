import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api';
import { ROLES, type Role, STAGES, type Stage } from '../api/types';
import { DataTable } from '../components/data-table';
import { LoadingState } from '../components/loading-state';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { CategoryInput } from '../contacts/category-input';
import { CirclesInput } from '../contacts/circles-input';
import { useResolveCategory } from '../contacts/use-groups';
import { ROLE_LABELS, STAGE_LABELS } from '../labels';
import {
  FIELD_LABELS,
  formatCount,
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  rowsText,
  withField,
} from './import-text';
import {
  type DuplicateMode,
  type Import,
  type ImportField,
  type ImportPreview,
  type PreviewRow,
  useDiscardImport,
  useImportPreview,
  useStartImport,
} from './use-imports';

const FIELD_OPTIONS = (Object.keys(FIELD_LABELS) as ImportField[]).map((field) => ({
  value: field,
  label: FIELD_LABELS[field],
}));

const sameMapping = (a: readonly ImportField[], b: readonly ImportField[]) =>
  a.length === b.length && a.every((field, i) => field === b[i]);

/**
 * Before anything is written: what each column fills in (editable, the first rows asked again
 * on each change), what would become of the first rows, and what the new contacts get.
 */
export function ImportPreviewView({ record }: { record: Import }) {
  const [mapping, setMapping] = useState<ImportField[]>(record.mapping);
  const preview = useImportPreview(record.id, mapping, true);
  const isCsv = record.headers.length > 0;
  // The server judges each mapping: the detected one on the record, a changed one in its preview.
  const mappingProblem = sameMapping(mapping, record.mapping)
    ? record.mappingProblem
    : (preview.data?.mappingProblem ?? null);
  // The previous mapping's answer shows while the new one is asked: Start waits for it.
  const isJudging = preview.isPlaceholderData || preview.isPending;

  return (
    <Stack gap="lg">
      {isCsv ? (
        <ColumnsPanel
          headers={record.headers}
          mapping={mapping}
          rows={preview.data?.rows ?? []}
          onChange={(index, field) => setMapping(withField(mapping, index, field))}
        />
      ) : null}
      {mappingProblem ? (
        <Alert color="red" variant="light" title="Nothing to import yet" role="alert">
          {mappingProblem}
        </Alert>
      ) : null}
      <Panel
        id="import-rows-heading"
        title="The first rows"
        description={`What would happen to them: new contacts, duplicates of a contact you have (or of an earlier row), and rows that cannot be a contact. The file has ${rowsText(record.rowsTotal)} in all.`}
      >
        <ProblemAlert error={preview.error} />
        {preview.data ? (
          <PreviewTable preview={preview.data} isFetching={preview.isFetching} />
        ) : null}
        {preview.isPending ? <LoadingState label="Reading the first rows…" /> : null}
      </Panel>
      <StartForm
        record={record}
        mapping={mapping}
        isBlocked={mappingProblem !== null || isJudging}
      />
    </Stack>
  );
}

/** The first non-empty cell of a column among the rows shown, as an example of what it holds. */
function exampleOf(rows: readonly PreviewRow[], index: number): string {
  for (const row of rows) {
    const cell = row.cells?.[index]?.trim();
    if (cell) return cell.length > 60 ? `${cell.slice(0, 60)}…` : cell;
  }
  return '';
}

type ColumnsPanelProps = {
  headers: readonly string[];
  mapping: readonly ImportField[];
  rows: readonly PreviewRow[];
  onChange: (index: number, field: ImportField) => void;
};

/**
 * One line per column: its header, an example, and the field it fills. Exports carry many
 * columns no contact uses (Google's 30-odd); those left out and empty in the first rows wait
 * behind a button, so the ones that matter are easy to check.
 */
function ColumnsPanel({ headers, mapping, rows, onChange }: ColumnsPanelProps) {
  const [isShowingAll, setIsShowingAll] = useState(false);
  const columns = headers.map((header, index) => ({
    index,
    header: header || `Column ${index + 1}`,
    example: exampleOf(rows, index),
    field: mapping[index] ?? 'ignore',
  }));
  const isQuiet = (c: (typeof columns)[number]) => c.field === 'ignore' && c.example === '';
  const quiet = columns.filter(isQuiet).length;
  const shown = isShowingAll ? columns : columns.filter((c) => !isQuiet(c));
  return (
    <Panel
      id="import-columns-heading"
      title="Columns"
      description="What each column of the file fills in a contact. Change any that is wrong: the rows below follow."
    >
      <DataTable
        minWidth={560}
        columns={['Column', 'Example from the first rows', 'Imports as']}
        verticalSpacing="xs"
      >
        {shown.map((column) => (
          <Table.Tr key={column.index}>
            <Table.Td fw={600}>{column.header}</Table.Td>
            <Table.Td
              c={column.example ? undefined : 'dimmed'}
              style={{ overflowWrap: 'anywhere' }}
            >
              {column.example || 'empty'}
            </Table.Td>
            <Table.Td miw={200}>
              <NativeSelect
                aria-label={`Import column “${column.header}” as`}
                data={FIELD_OPTIONS}
                value={column.field}
                onChange={(event) =>
                  onChange(column.index, event.currentTarget.value as ImportField)
                }
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {quiet > 0 ? (
        <Button
          variant="subtle"
          size="compact-sm"
          mt="xs"
          onClick={() => setIsShowingAll((v) => !v)}
        >
          {isShowingAll
            ? 'Hide the columns left out and empty'
            : `Show ${formatCount(quiet)} more ${quiet === 1 ? 'column' : 'columns'} (left out, empty in the first rows)`}
        </Button>
      ) : null}
    </Panel>
  );
}

function PreviewTable({ preview, isFetching }: { preview: ImportPreview; isFetching: boolean }) {
  const { counts } = preview;
  return (
    <Stack gap="xs" aria-busy={isFetching}>
      <Text size="sm" role="status">
        Of the first {formatCount(preview.rows.length)}: {formatCount(counts.new)} new,{' '}
        {formatCount(counts.duplicate)} {counts.duplicate === 1 ? 'duplicate' : 'duplicates'},{' '}
        {formatCount(counts.invalid)} invalid.
      </Text>
      <DataTable
        minWidth={760}
        striped
        verticalSpacing="xs"
        columns={[
          { label: 'Line', align: 'right' },
          'Contact',
          'Phone',
          'Organization',
          'Circles',
          { label: 'What happens', minWidth: 200 },
        ]}
      >
        {preview.rows.map((row) => (
          <PreviewRowView key={row.line} row={row} />
        ))}
      </DataTable>
    </Stack>
  );
}

function PreviewRowView({ row }: { row: PreviewRow }) {
  const c = row.candidate;
  return (
    <Table.Tr>
      <Table.Td ta="right">{row.line}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        {c ? (
          <>
            <Text fw={600} size="sm">
              {c.name}
            </Text>
            {c.emails.length ? (
              <Text size="xs" c="dimmed">
                {c.emails.join(', ')}
              </Text>
            ) : null}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {row.cells?.filter((cell) => cell.trim() !== '').join(' · ') || '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{c?.phones.join(', ') || '—'}</Table.Td>
      <Table.Td>{c?.organization ?? '—'}</Table.Td>
      <Table.Td>{c?.labels.join(', ') || '—'}</Table.Td>
      <Table.Td>
        <Badge color={OUTCOME_COLORS[row.outcome]} variant="light" tt="none">
          {OUTCOME_LABELS[row.outcome]}
        </Badge>
        {row.reason ? (
          <Text size="xs" mt={2}>
            {row.reason}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

type StartValues = {
  duplicates: DuplicateMode;
  roles: Role[];
  stage: Stage;
  circleIds: string[];
  category: string;
  emailConsent: boolean;
};

/** What every new contact gets, what duplicates do, then Start (or Discard the file). */
function StartForm(props: { record: Import; mapping: ImportField[]; isBlocked: boolean }) {
  const { record, mapping, isBlocked } = props;
  const navigate = useNavigate();
  const start = useStartImport(record.id);
  const discard = useDiscardImport(record.id);
  const { resolve: resolveCategory, isResolving } = useResolveCategory();
  const form = useForm<StartValues>({
    mode: 'controlled',
    initialValues: {
      duplicates: 'skip',
      roles: [],
      stage: 'met',
      circleIds: [],
      category: '',
      emailConsent: false,
    },
  });

  const submit = form.onSubmit(async (values) => {
    let categoryId: string | null;
    try {
      categoryId = await resolveCategory(values.category);
    } catch (error) {
      form.setFieldError('category', describeError(error));
      return;
    }
    start.mutate({
      ...(record.headers.length > 0 ? { mapping } : {}),
      duplicates: values.duplicates,
      defaults: {
        roles: values.roles,
        stage: values.stage,
        circleIds: values.circleIds,
        categoryId,
        emailConsent: values.emailConsent,
      },
    });
  });

  return (
    <Panel
      id="import-defaults-heading"
      title="What the new contacts get"
      description="Every contact this import creates starts like this; you can change any of them later."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group
            label="Duplicates"
            description="A row with the email or phone of a contact you have, or of an earlier row."
            {...form.getInputProps('duplicates')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="skip" label="Skip them" />
              <Radio
                value="fill"
                label="Fill in the contact’s empty fields"
                description="What is already there is never overwritten."
              />
            </Stack>
          </Radio.Group>
          <Checkbox.Group
            label="Roles"
            description="Several may apply."
            {...form.getInputProps('roles')}
          >
            <Group mt="xs" gap="md">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={ROLE_LABELS[role]} />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="Stage"
              description="Met → knows → likes → trusts → refers."
              data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
              {...form.getInputProps('stage')}
            />
            <CategoryInput
              value={form.values.category}
              onChange={(name) => form.setFieldValue('category', name)}
              error={form.errors.category}
            />
          </SimpleGrid>
          <CirclesInput
            value={form.values.circleIds}
            onChange={(ids) => form.setFieldValue('circleIds', ids)}
            error={form.errors.circleIds}
          />
          <Checkbox
            label="I have their consent to email them"
            description="Leave it off unless these people agreed to hear from you by email: Vouch emails only those who did."
            {...form.getInputProps('emailConsent', { type: 'checkbox' })}
          />
          <ProblemAlert error={start.error} title="The import did not start" />
          <ProblemAlert error={discard.error} />
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={discard.isPending}
              onClick={() =>
                discard.mutate(undefined, {
                  onSuccess: () => {
                    notifications.show({
                      color: 'teal',
                      message: `${record.fileName} was discarded.`,
                    });
                    navigate('/contacts/import', { replace: true });
                  },
                })
              }
            >
              Discard
            </Button>
            <Button type="submit" disabled={isBlocked} loading={isResolving || start.isPending}>
              Start import
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}
