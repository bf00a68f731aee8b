import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZVcardQuery } from '../platform/fields.ts';
import {
  attachmentDisposition,
  createRouter,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
import { type Download, exportContacts, exportPractice } from './export.service.ts';

const tags = ['Export'];

/** A streamed download: the body is read from the database as the client takes it. */
const downloadResponse = (download: Download, contentType: string, extension: string) =>
  new Response(download.stream, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': attachmentDisposition(download.fileName, extension),
      'cache-control': 'no-store',
    },
  });

const file = (type: string, description: string) => ({
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
  description,
});

/**
 * The practice's data out (issue 13 §9): the full export and the contacts for a contacts app.
 * Registered before the contacts' routes, whose `/contacts/{id}` would take `export.csv`.
 */
export function exportRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags,
      operationId: 'exportPractice',
      summary: "Export all the practice's data (zip)",
      description:
        'A zip, streamed: for every entity (practice, users, contacts, referrals, ' +
        'interactions, commitments, incentives, messages, the audit log …) `<entity>.json` (a ' +
        'JSON array) and `<entity>.csv` (the same columns, formula-safe), and a README.md ' +
        'describing each file and its columns. Never a secret (SMTP password, password hashes, ' +
        "tokens), another practice's rows or an erased person. Owners only (403 otherwise); " +
        'audited (`practice.exported`). Rows are read page by page while the zip is sent, so ' +
        'a write during the download may show in one file and not in another.',
      responses: {
        200: file('application/zip', 'The zip, named vouch-export-YYYY-MM-DD.zip'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => downloadResponse(await exportPractice(deps, actorOf(c)), 'application/zip', 'zip'),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/export.csv',
      tags,
      operationId: 'exportContactsCsv',
      summary: 'Export contacts as Google CSV',
      description:
        "Every contact, in Google Contacts' CSV (its own headers, which its import reads): " +
        'First Name, Middle Name, Last Name, Name Prefix, Name Suffix, Nickname, Organization ' +
        "Name, Notes (left empty: the practice's notes stay in Vouch), Labels (`* myContacts " +
        '::: <circle> ::: …`), E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Label, Phone 1 - ' +
        'Value. Outlook and spreadsheets read it too. ' +
        'Streamed; owners only (403 otherwise); audited (`contacts.exported`).',
      responses: {
        200: file('text/csv', 'CSV with a header row'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) =>
      downloadResponse(
        await exportContacts(deps, actorOf(c), { kind: 'google_csv' }),
        'text/csv; charset=utf-8',
        'csv',
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/export.vcf',
      tags,
      operationId: 'exportContactsVcard',
      summary: 'Export contacts as vCards',
      description:
        'Every contact as a vCard (4.0, or 3.0 with `version=3.0`), one after the other in ' +
        'one file, as GET /contacts/{id}/vcard writes each: name, name in parts, the name ' +
        'they go by, organization, email, phone; not the notes. Streamed; owners only (403 ' +
        'otherwise); audited (`contacts.exported`).',
      request: { query: ZVcardQuery },
      responses: {
        200: file('text/vcard', 'The vCards'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => {
      const { version } = c.req.valid('query');
      return downloadResponse(
        await exportContacts(deps, actorOf(c), { kind: 'vcard', version }),
        'text/vcard; charset=utf-8',
        'vcf',
      );
    },
  );
  return r;
}
