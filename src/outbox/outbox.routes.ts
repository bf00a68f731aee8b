import { createRoute, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  createMessage,
  getMessage,
  listMessages,
  messagePdf,
  retryMessage,
} from './message.service.ts';
import { optOut } from './opt-out.service.ts';
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
      summary: 'Send a letter by email (queued) or keep it to print; records what it causes',
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
      summary: 'The outbox, newest first',
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
      summary: 'One message with its status',
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
      summary: "The letter as a PDF on the practice's letterhead",
      request: { params: ZIdParam },
      responses: {
        200: {
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
          description: 'The PDF',
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const pdf = await messagePdf(deps, actorOf(c), c.req.valid('param').id);
      return new Response(pdf, {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="letter-${c.req.valid('param').id}.pdf"`,
        },
      }) as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/messages/{id}/retry',
      tags,
      summary: 'Put a failed email back in the queue',
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
      summary: 'The SMTP settings (never the password)',
      responses: { 200: jsonContent(ZSmtpSettings, 'The settings'), ...problemResponses },
    }),
    async (c) => c.json(await getSmtp(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/smtp',
      tags,
      summary: 'Save the SMTP settings; omit the password to keep the stored one',
      request: jsonBody(ZPutSmtp),
      responses: { 200: jsonContent(ZSmtpSettings, 'The settings'), ...problemResponses },
    }),
    async (c) => c.json(await putSmtp(deps, actorOf(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/smtp',
      tags,
      summary: 'Remove the SMTP settings (emails then wait in the outbox)',
      responses: { 204: { description: 'Removed' }, ...problemResponses },
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
      summary: "Send a test email now (to the caller's address unless `to` is given)",
      request: jsonBody(ZSmtpTest),
      responses: { 200: jsonContent(ZSmtpTestResult, 'What happened'), ...problemResponses },
    }),
    async (c) => c.json(await testSmtp(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, text: string, status: number): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The public opt-out link (no sign-in, outside the actor guard and the JSON body guard):
 * GET from the link in the footer, POST from mail clients' one-click (RFC 8058).
 */
export function optOutRoutes(deps: Deps) {
  const r = new Hono();
  const handle = async (token: string) => {
    const result = await optOut(deps, token);
    if (result.outcome === 'done')
      return page(
        'You are unsubscribed',
        `You will no longer receive emails from ${result.practiceName}.`,
        200,
      );
    if (result.outcome === 'expired')
      return page(
        'This link has expired',
        'Reply to the email you received and ask to be removed; your request will be honoured.',
        410,
      );
    return page(
      'This link is not valid',
      'Please use the link exactly as it appears in the email.',
      400,
    );
  };
  r.get('/public/opt-out/:token', (c) => handle(c.req.param('token')));
  r.post('/public/opt-out/:token', (c) => handle(c.req.param('token')));
  return r;
}
