import { Anchor, Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { type DragEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../auth/use-auth';
import { DataTable } from '../components/data-table';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { BackLink } from '../components/record-page';
import { formatDate } from '../format';
import { FORMAT_LABELS, rowsText, STATUS_LABELS } from './import-text';
import classes from './import-upload.module.css';
import { type Import, useImports, useUploadImport } from './use-imports';

/** What the file input offers: CSV and vCard, by extension and by type. */
const ACCEPT = '.csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard';

export const CONTACTS_LIST = { to: '/contacts', name: 'Contacts' };

/**
 * Issue 13 point 3, the first step: a contacts file from Google, Outlook, a phone or a
 * spreadsheet, chosen or dropped; once read, its preview opens at /contacts/import/{id}.
 */
export function ImportUploadPage() {
  const navigate = useNavigate();
  const upload = useUploadImport();
  const send = (file: File | undefined) => {
    if (!file || upload.isPending) return;
    upload.mutate(file, {
      onSuccess: (uploaded) => navigate(`/contacts/import/${uploaded.id}`),
    });
  };
  return (
    <>
      <BackLink list={CONTACTS_LIST} />
      <PageHeader
        title="Import contacts"
        description="Bring your network in from Google Contacts, Outlook, your phone or a spreadsheet. You see what will happen before anything is added."
      />
      <Stack gap="lg">
        <Panel
          id="import-file-heading"
          title="Choose a file"
          description="Google Contacts and Outlook: export your contacts as CSV. A phone or Apple Contacts: export them as a vCard (.vcf). A spreadsheet: save it as CSV."
        >
          <FileDrop onFile={send} isPending={upload.isPending} />
          <ProblemAlert error={upload.error} title="This file cannot be imported" mt="md" />
        </Panel>
        <RecentImports />
      </Stack>
    </>
  );
}

/** A labelled file input inside a box that also takes a dropped file. */
function FileDrop({ onFile, isPending }: { onFile: (file?: File) => void; isPending: boolean }) {
  const id = useId();
  const [isDragging, setIsDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    onFile(event.dataTransfer.files[0]);
  };
  return (
    // The drop target around the input (a fieldset: the element for a group of a form's parts).
    <fieldset
      className={classes.dropzone}
      data-dragging={isDragging || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setIsDragging(true);
      }}
      onDragLeave={() => setIsDragging(false)}
      onDrop={onDrop}
    >
      <Text component="label" htmlFor={id} fw={600} size="lg">
        Contacts file
      </Text>
      <Text size="sm" c="dimmed" id={`${id}-hint`}>
        A .csv or .vcf file: drop it here, or choose it.
      </Text>
      {isPending ? (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">Reading the file…</Text>
        </Group>
      ) : (
        <input
          id={id}
          className={classes.input}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const input = event.currentTarget;
            onFile(input.files?.[0]);
            // The same file chosen again (after fixing it) must upload again.
            input.value = '';
          }}
        />
      )}
    </fieldset>
  );
}

/** The latest imports, to come back to a running one or read a summary again. */
function RecentImports() {
  const imports = useImports();
  const timeZone = useMe().data?.practice.timeZone;
  const items = imports.data ?? [];
  if (items.length === 0 && !imports.error) return null;
  return (
    <Panel id="recent-imports-heading" title="Recent imports">
      <ProblemAlert error={imports.error} />
      {items.length > 0 ? (
        <DataTable minWidth={560} columns={['File', 'Format', 'Rows', 'Status', 'Uploaded']}>
          {items.map((item) => (
            <RecentImportRow key={item.id} item={item} timeZone={timeZone} />
          ))}
        </DataTable>
      ) : null}
    </Panel>
  );
}

function RecentImportRow({ item, timeZone }: { item: Import; timeZone?: string | undefined }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/contacts/import/${item.id}`}>
          {item.fileName}
        </Anchor>
      </Table.Td>
      <Table.Td>{FORMAT_LABELS[item.format]}</Table.Td>
      <Table.Td>{rowsText(item.rowsTotal)}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={item.status === 'failed' ? 'red' : 'gray'} tt="none">
          {STATUS_LABELS[item.status]}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDate(item.createdAt, timeZone)}</Table.Td>
    </Table.Tr>
  );
}
