import { useParams } from 'react-router';
import { PageHeader } from '../components/page-header';
import { BackLink, RecordPage } from '../components/record-page';
import { ImportPreviewView } from './import-preview';
import { ImportProgressView, ImportSummaryView } from './import-run';
import { FORMAT_LABELS, rowsText } from './import-text';
import { CONTACTS_LIST } from './import-upload-page';
import { type Import, isRunning, useImport } from './use-imports';

/**
 * /contacts/import/{id}: the preview while the import waits for a start, its progress while it
 * runs, then its summary. The view follows the server's status, so a reload lands on the same.
 */
export function ImportPage() {
  const { id = '' } = useParams();
  const query = useImport(id);
  return (
    <RecordPage query={query} noun="Import" list={CONTACTS_LIST}>
      {(record) => <ImportView record={record} />}
    </RecordPage>
  );
}

function ImportView({ record }: { record: Import }) {
  return (
    <>
      <BackLink list={CONTACTS_LIST} />
      <PageHeader
        title="Import contacts"
        description={`${record.fileName} · ${FORMAT_LABELS[record.format]} · ${rowsText(record.rowsTotal)}`}
      />
      {record.status === 'uploaded' ? (
        <ImportPreviewView record={record} />
      ) : isRunning(record.status) ? (
        <ImportProgressView record={record} />
      ) : (
        <ImportSummaryView record={record} />
      )}
    </>
  );
}
