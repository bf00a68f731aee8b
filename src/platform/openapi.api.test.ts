/**
 * The OpenAPI document is the API's reference (docs/API.md keeps only the conventions), and
 * clients are generated from it: every operation needs a stable, unique, readable operationId,
 * a summary and one tag, and every JSON route must be in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiDocument } from '../test-support/openapi-testing.ts';
import { createTestContext, type TestContext } from '../test-support/testing.ts';

type NamedOperation = { operationId?: string; summary?: string; tags?: string[] };

/** First words of an operationId; a new verb is added here on purpose, not by accident. */
const verbs = [
  'accept',
  'answer',
  'change',
  'check',
  'create',
  'delete',
  'deliver',
  'dismiss',
  'draft',
  'export',
  'get',
  'list',
  'load',
  'mark',
  'preview',
  'record',
  'release',
  'reopen',
  'replace',
  'reset',
  'retry',
  'revoke',
  'rotate',
  'send',
  'set',
  'sign',
  'snooze',
  'start',
  'thank',
  'undo',
  'update',
];
const operationIdPattern = new RegExp(`^(${verbs.join('|')})[A-Z][A-Za-z0-9]*$`);
const maxSummaryLength = 60;

/** What is wrong with the operations' names in `doc`, one line per problem (empty: nothing). */
function namingProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(byMethod)) {
      const op = raw as NamedOperation;
      const at = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (!id) problems.push(`${at}: no operationId`);
      else {
        if (!operationIdPattern.test(id))
          problems.push(`${at}: operationId ${id} is not a known verb + camelCase`);
        const other = seen.get(id);
        if (other) problems.push(`${at}: operationId ${id} is also ${other}`);
        seen.set(id, at);
      }
      const summary = op.summary?.trim() ?? '';
      if (!summary) problems.push(`${at}: no summary`);
      else if (!/^[A-Z]/.test(summary) || summary.endsWith('.'))
        problems.push(`${at}: summary "${summary}" is not a sentence-case phrase`);
      else if (summary.length > maxSummaryLength)
        problems.push(`${at}: summary longer than ${maxSummaryLength} characters`);
      if (op.tags?.length !== 1) problems.push(`${at}: needs exactly one tag`);
    }
  }
  return problems;
}

/** Routes under /api/v1 that are not JSON operations, and so stay out of the document. */
const outsideDocument = new Set([
  'GET /openapi.json',
  // Opened from an email (an HTML page) and posted by mail clients as a form (RFC 8058).
  'GET /public/opt-out/{token}',
  'POST /public/opt-out/{token}',
  // Polled by calendar apps: text/calendar behind a secret URL.
  'GET /public/calendar/{file}',
]);

// The document is built from the route table, not the database: one target is enough.
describe('the OpenAPI document', () => {
  let ctx: TestContext;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    doc = await loadOpenApi(ctx);
  });
  afterAll(async () => ctx?.close());

  it('names every operation: a unique operationId, a summary and one tag', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
    expect(namingProblems(doc)).toEqual([]);
  });

  it('finds an operation without operationId or summary, and a shared operationId', () => {
    const copy = structuredClone(doc);
    const referral = copy.paths['/referrals/{id}'] as Record<string, NamedOperation>;
    delete referral.get?.operationId;
    delete referral.patch?.summary;
    const contacts = copy.paths['/contacts'] as Record<string, NamedOperation>;
    if (contacts.post) contacts.post.operationId = 'listContacts';
    expect(namingProblems(copy)).toEqual(
      expect.arrayContaining([
        'GET /referrals/{id}: no operationId',
        'PATCH /referrals/{id}: no summary',
        'POST /contacts: operationId listContacts is also GET /contacts',
      ]),
    );
  });

  it('documents every JSON route the API serves', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, byMethod]) =>
        Object.keys(byMethod).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = new Set(
      ctx.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].filter((s) => !documented.has(s) && !outsideDocument.has(s))).toEqual([]);
    expect([...documented].filter((d) => !served.has(d))).toEqual([]);
  });
});
