import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  pdfContent,
  pdfResponse,
  problemResponses,
} from '../platform/http.ts';
import {
  createMessage,
  getMessage,
  listMessages,
  messagePdf,
  retryMessage,
} from './message.service.ts';
import { checkOptOut, optOut } from './opt-out.service.ts';
import {
  ZCreateMessage,
  ZListMessagesQuery,
  ZMessage,
  ZMessagePage,
  ZPutSmtp,
  ZSmtpSettings,
  ZSmtpTest,
  ZSmtpTestResult,
} from './outbox.schemas.ts';
import { deleteSmtp, getSmtp, putSmtp, testSmtp } from './smtp.service.ts';

const tags = ['Outbox'];

/** The outbox of messages, PDF letters and the practice's SMTP settings (§6). */
export function outboxRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/messages',
      tags,
      operationId: 'createMessage',
      summary: 'Send or keep a letter',
      description:
        'In one transaction: the message (queued for `email`, kept for `letter` to print) ' +
        "and the change it causes (`cause`, which defaults to the template's own and must " +
        'equal it if given, else 400): the thank-you recorded, the reminder counted, and ' +
        'so on. A cause that cannot happen is 409 naming `cause`. An edited subject or ' +
        'body is checked against consent again: an unknown merge field is 400, a ' +
        "referrer-facing letter that types a protected value (the referred person's name " +
        "when not allowed, the need, notes) is 422 naming it. Email needs the recipient's " +
        'email (422 `to.email`), their consent (422 `to.emailConsent`) and, for a ' +
        "contact, the practice's postal address (422 `practice.postalAddress`). The " +
        'footer (postal address, opt-out link) and List-Unsubscribe headers are added ' +
        'when the email is sent, and consent is checked again then. Referrer-facing ' +
        'messages are audited.',
      request: jsonBody(ZCreateMessage),
      responses: { 201: jsonContent(ZMessage, 'The message'), ...problemResponses },
    }),
    async (c) => c.json(await createMessage(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/messages',
      tags,
      operationId: 'listMessages',
      summary: 'List messages',
      description:
        'The outbox, newest first, cursor-paged. A queued email waits while the practice ' +
        'has no SMTP settings (`statusLabel`: "not sent — SMTP not configured"). Failed ' +
        'sends are retried with backoff (1 min, 5 min, 30 min, 2 h, 12 h, then `failed`); ' +
        'one interrupted mid-send may have gone out and becomes `failed` rather than ' +
        'being retried.',
      request: { query: ZListMessagesQuery },
      responses: { 200: jsonContent(ZMessagePage, 'A page'), ...problemResponses },
    }),
    async (c) => c.json(await listMessages(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/messages/{id}',
      tags,
      operationId: 'getMessage',
      summary: 'Get a message',
      description: 'With its status, attempts and last error.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZMessage, 'The message'), ...problemResponses },
    }),
    async (c) => c.json(await getMessage(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/messages/{id}/pdf',
      tags,
      operationId: 'getMessagePdf',
      summary: 'Get a letter as PDF',
      description: "On the practice's letterhead (name, postal address).",
      request: { params: ZIdParam },
      responses: {
        200: pdfContent,
        ...problemResponses,
      },
    }),
    async (c) => {
      const pdf = await messagePdf(deps, actorOf(c), c.req.valid('param').id);
      return pdfResponse(pdf, `letter-${c.req.valid('param').id}`) as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/messages/{id}/retry',
      tags,
      operationId: 'retryMessage',
      summary: 'Retry a failed email',
      description: 'Puts it back in the queue.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZMessage, 'The message'), ...problemResponses },
    }),
    async (c) => c.json(await retryMessage(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/smtp',
      tags,
      operationId: 'getSmtpSettings',
      summary: 'Get the SMTP settings',
      description: 'Never the password (`hasPassword` says whether one is stored).',
      responses: { 200: jsonContent(ZSmtpSettings, 'The settings'), ...problemResponses },
    }),
    async (c) => c.json(await getSmtp(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/smtp',
      tags,
      operationId: 'updateSmtpSettings',
      summary: 'Update the SMTP settings',
      description:
        'Omit the password to keep the stored one; `password: null` removes it. Audited ' +
        '(`smtp.updated`, never the password).',
      request: jsonBody(ZPutSmtp),
      responses: {
        200: jsonContent(ZSmtpSettings, 'The settings'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => c.json(await putSmtp(deps, actorOf(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/smtp',
      tags,
      operationId: 'deleteSmtpSettings',
      summary: 'Delete the SMTP settings',
      description: 'Emails then wait in the outbox. Audited (`smtp.deleted`).',
      responses: { 204: { description: 'Removed' }, ...problemResponses, ...ownerOnlyResponses },
    }),
    async (c) => {
      await deleteSmtp(deps, actorOf(c));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/smtp/test',
      tags,
      operationId: 'sendTestEmail',
      summary: 'Send a test email',
      description:
        "Now, to the caller's address unless `to` is given. Without SMTP settings it is 422.",
      request: jsonBody(ZSmtpTest),
      responses: {
        200: jsonContent(ZSmtpTestResult, 'What happened'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => c.json(await testSmtp(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A plain page: no script at all (works without JavaScript and under a CSP without inline script). */
function page(title: string, text: string, status: number, form = ''): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const invalidPage = () =>
  page('This link is not valid', 'Please use the link exactly as it appears in the email.', 400);
const expiredPage = () =>
  page(
    'This link has expired',
    'Reply to the email you received and ask to be removed; your request will be honoured.',
    410,
  );

/**
 * The public opt-out link (no sign-in, outside the actor guard and the JSON body guard).
 * GET changes nothing (mail scanners open links): it shows a button that POSTs to the same
 * URL. POST, from that button or a mail client's one-click (RFC 8058), unsubscribes at once.
 */
export function optOutRoutes(deps: Deps) {
  const r = new Hono();
  r.get('/public/opt-out/:token', async (c) => {
    const token = c.req.param('token');
    const check = await checkOptOut(deps, token);
    if (check.outcome !== 'ready')
      return check.outcome === 'expired' ? expiredPage() : invalidPage();
    // No action: the form posts the RFC 8058 body to this very URL, even behind a proxy prefix.
    const form = `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`;
    return page(
      'Unsubscribe?',
      `Press the button to stop receiving emails from ${check.practiceName}. Nothing has changed yet.`,
      200,
      form,
    );
  });
  r.post('/public/opt-out/:token', async (c) => {
    const result = await optOut(deps, c.req.param('token'));
    if (result.outcome === 'done')
      return page(
        'You are unsubscribed',
        `You will no longer receive emails from ${result.practiceName}.`,
        200,
      );
    return result.outcome === 'expired' ? expiredPage() : invalidPage();
  });
  return r;
}
