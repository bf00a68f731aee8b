import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZImport,
  ZImportPage,
  ZImportPreview,
  ZImportProblemPage,
  ZListImportsQuery,
  ZPreviewImport,
  ZStartImport,
  ZUploadedImport,
  ZUploadImportQuery,
} from './import.schemas.ts';
import {
  discardImport,
  getImport,
  listImportProblems,
  listImports,
  previewImport,
  startImport,
  undoImport,
  uploadImport,
} from './import.service.ts';

const tags = ['Imports'];

/** The media types an upload may be sent as: the file's own bytes, whatever they are called. */
const fileBody = Object.fromEntries(
  ['text/csv', 'text/vcard', 'text/x-vcard', 'application/octet-stream'].map((type) => [
    type,
    { schema: z.string().openapi({ format: 'binary' }) },
  ]),
);

/** The path of the upload, which takes a file rather than JSON (app.ts exempts it). */
export const importUploadPath = '/imports';

/** Contacts from Google, Outlook, a vCard file or any CSV (PRODUCT.md §8, issue 13). */
export function importRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: importUploadPath,
      tags,
      operationId: 'createImport',
      summary: 'Upload a contacts file to import',
      description:
        'The body is the file itself (any content type; CSV from Google Contacts, Outlook or ' +
        'anywhere, in UTF-8 or Windows-1252, comma, semicolon or tab separated; or vCard 2.1, ' +
        '3.0, 4.0 with many cards). Up to `VOUCH_IMPORT_MAX_MB` (default 50 MB): beyond it a ' +
        '413 naming `file`. Empty, or not a CSV or vCard: a 422 naming `file`, and nothing is ' +
        'kept. 201: the import, `uploaded`, with the detected format and mapping and a preview ' +
        'of the first rows; nothing is written to the network until it is started.',
      request: {
        query: ZUploadImportQuery,
        body: { content: fileBody, required: true },
      },
      responses: {
        201: jsonContent(ZUploadedImport, 'The file, read and waiting for a start'),
        413: { ...problemResponses[422], description: 'The file is over the size limit' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const length = c.req.header('content-length');
      const declared = length === undefined ? Number.NaN : Number(length);
      const imported = await uploadImport(deps, actorOf(c), {
        fileName: c.req.valid('query').fileName,
        body: c.req.raw.body ?? emptyBody(),
        ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}),
      });
      return c.json(imported, 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/imports',
      tags,
      operationId: 'listImports',
      summary: 'List imports',
      description: "The practice's imports, newest first, each with its progress and summary.",
      request: { query: ZListImportsQuery },
      responses: { 200: jsonContent(ZImportPage, 'A page of imports'), ...problemResponses },
    }),
    async (c) => c.json(await listImports(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}',
      tags,
      operationId: 'getImport',
      summary: 'Get an import',
      description:
        'Its status and progress (`rowsDone` of `rowsTotal`, `perSecond` while running), then ' +
        'its summary (created, merged, skipped, invalid) and, once undone, what the undo did. ' +
        'Everything is stored, so a page reload or another server shows the same.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZImport, 'The import'), ...problemResponses },
    }),
    async (c) => c.json(await getImport(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/imports/{id}/preview',
      tags,
      operationId: 'previewImport',
      summary: 'Preview an import under a mapping',
      description:
        'The first 10 rows under `mapping` (else the detected one): each its raw cells (CSV), ' +
        'the contact it makes, and what would happen: `new`, `duplicate` (of a contact, by ' +
        'email or phone, or of an earlier row; `reason` says which) or `invalid` (and why). ' +
        'Writes nothing. 409 once the import has started.',
      request: { params: ZIdParam, ...jsonBody(ZPreviewImport) },
      responses: { 200: jsonContent(ZImportPreview, 'The first rows'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await previewImport(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/imports/{id}/start',
      tags,
      operationId: 'startImport',
      summary: 'Start an import',
      description:
        'Queues the import with the confirmed `mapping` (CSV), what to do with `duplicates` ' +
        '(`skip`, or `fill` the empty fields of the existing contact, never overwriting) and ' +
        'the `defaults` every new contact gets (roles, stage `met` unless given, circles, ' +
        'category, email consent: off unless given). It runs in the background: poll ' +
        'GET /imports/{id}. 422 `mapping` when no column gives a name or an email; 404 for ' +
        "another practice's circle or category; 409 unless `uploaded`.",
      request: { params: ZIdParam, ...jsonBody(ZStartImport) },
      responses: { 202: jsonContent(ZImport, 'Queued'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await startImport(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        202,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}/problems',
      tags,
      operationId: 'listImportProblems',
      summary: 'List the invalid rows of an import',
      description: 'Each row that made no contact: its line in the file and why, by line.',
      request: { params: ZIdParam, query: ZListImportsQuery },
      responses: {
        200: jsonContent(ZImportProblemPage, 'A page of invalid rows'),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(
        await listImportProblems(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/imports/{id}/undo',
      tags,
      operationId: 'undoImport',
      summary: 'Undo an import',
      description:
        'Removes the contacts this import created that nothing has touched since: not edited, ' +
        'and no referral, interaction, message, commitment, ask, incentive, referral link or ' +
        'agenda mark naming them. Those are kept, and the answer says how many and why ' +
        '(`undo.reasons`). Fields merged into existing contacts (`fill`) are not taken back, ' +
        'and circles made from labels stay. 409 unless the import is done (or failed).',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZImport, 'Undone'), ...problemResponses },
    }),
    async (c) => c.json(await undoImport(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/imports/{id}',
      tags,
      operationId: 'deleteImport',
      summary: 'Discard an import not started',
      description: 'The uploaded file is deleted with it. 409 once started (undo it instead).',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Discarded' }, ...problemResponses },
    }),
    async (c) => {
      await discardImport(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
