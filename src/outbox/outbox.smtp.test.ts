/**
 * The outbox against a real SMTP server (smtp-server on a free localhost port): a message
 * arrives once with its Message-ID, postal address and one-click opt-out; with the server
 * down it stays queued and goes out exactly once when the server is back. The worker runs
 * on the test's clock, in-process on SQLite and through pg-boss on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayMs } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import {
  type ReceivedMail,
  type SmtpPeer,
  startSmtpPeer,
  stopSmtpPeer,
} from '../test-support/smtp-peer.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Message } from './outbox.schemas.ts';
import { deliverMessage, type OutboxWorker, startOutboxWorker } from './outbox.worker.ts';

type Received = ReceivedMail;

const startSmtp = (port: number, inbox: Received[]) =>
  startSmtpPeer({ port, password: 's3cret-pass', inbox });
const stopSmtp = stopSmtpPeer;

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testTargets)('outbox over SMTP on %s', (target) => {
  const clock = fixedClock('2026-04-01T09:00:00.000Z');
  let worker: OutboxWorker;
  let smtp: SmtpPeer | null = null;
  let port = 0;
  const inbox: Received[] = [];
  let rita = '';
  let sam = '';

  const message = async (id: string) =>
    (await a.bearer.json<Message>('GET', `/messages/${id}`)).body;
  const send = async (contactId: string) => {
    const res = await a.bearer.json<Message>('POST', '/messages', {
      templateKey: 'ask',
      contactId,
      channel: 'email',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Lakeside Law']);
  beforeAll(async () => {
    await a.bearer.json('PATCH', '/practice', {
      postalAddress: '4 Lake Road, Keswick CA12 5DJ',
      valueProposition: 'I help families settle estates without a fight.',
    });
    rita = (
      await a.bearer.json<{ id: string }>('POST', '/contacts', {
        name: 'Rita Rowe',
        email: 'rita@example.com',
        emailConsent: true,
      })
    ).body.id;
    sam = (
      await a.bearer.json<{ id: string }>('POST', '/contacts', {
        name: 'Sam Stone',
        email: 'sam@example.com',
        emailConsent: true,
      })
    ).body.id;
    smtp = await startSmtp(0, inbox);
    port = smtp.port;
    worker = await startOutboxWorker(ctx.deps, { clock, pollMs: 100 });
  });
  afterAll(async () => {
    await worker?.close();
    if (smtp) await stopSmtp(smtp);
    await ctx?.close();
  });

  it('waits without SMTP settings, then arrives once with the right headers and opt-out link', async () => {
    const queued = await send(rita);
    expect(queued.statusLabel).toBe('not sent — SMTP not configured');
    await worker.drain();
    expect(await message(queued.id)).toMatchObject({ status: 'queued', attempts: 0 });

    const put = await a.bearer.json('PUT', '/smtp', {
      host: '127.0.0.1',
      port,
      security: 'none',
      username: 'vouch',
      password: 's3cret-pass',
      fromEmail: 'office@lakeside.example',
      fromName: 'Lakeside Law',
    });
    expect(put.status).toBe(200);
    const sent = await until(
      'sent',
      () => message(queued.id),
      (m) => m.status === 'sent',
    );
    expect(sent).toMatchObject({
      attempts: 1,
      providerId: 'PROV1',
      sentAt: clock.now().toISOString(),
    });
    expect(inbox).toHaveLength(1);

    const { mail, raw } = inbox[0] as Received;
    const row = await ctx.deps.db
      .selectFrom('message')
      .select('idempotency_key')
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(mail.messageId).toBe(`<${row.idempotency_key}@vouch>`);
    // Letters are formal by default (issue 11): a contact without a title by their full name.
    expect(mail.subject).toBe('A small favour, Rita Rowe');
    expect(mail.from?.value[0]).toMatchObject({
      address: 'office@lakeside.example',
      name: 'Lakeside Law',
    });
    expect(mail.text).toContain('I help families settle estates without a fight.');
    expect(mail.text).toContain('4 Lake Road, Keswick CA12 5DJ');
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '';
    expect(unsubscribe).toMatch(/\/api\/v1\/public\/opt-out\/[\w-]+\.[\w-]+$/);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
    expect(mail.text?.replace(/\s+/g, '')).toContain(unsubscribe);

    // The link works without signing in, one click (POST, as mail clients do), 30 days on.
    const path = new URL(unsubscribe).pathname;
    const at = clock.now().toISOString();
    clock.set(new Date(Date.parse(at) + 31 * dayMs));
    const res = await ctx.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    clock.set(at);
    expect(res.status).toBe(200);
    const contact = await a.bearer.json<{ emailConsent: boolean }>('GET', `/contacts/${rita}`);
    expect(contact.body.emailConsent).toBe(false);
  });

  it('with the server down the message stays queued, and goes out exactly once when it is back', async () => {
    if (smtp) await stopSmtp(smtp);
    smtp = null;
    const queued = await send(sam);
    const retrying = await until(
      'a failed attempt',
      () => message(queued.id),
      // `sending` also has attempts 1 while the refused connection is still being noticed.
      (m) => m.attempts === 1 && m.status !== 'sending',
    );
    expect(retrying).toMatchObject({ status: 'queued', providerId: null });
    expect(retrying.lastError).toBeTruthy();
    expect(retrying.nextAttemptAt).toBe(
      new Date(Date.parse(clock.now().toISOString()) + 60_000).toISOString(),
    );
    // Not due yet: nothing happens while the clock stands still.
    await worker.drain();
    expect(await message(queued.id)).toMatchObject({ status: 'queued', attempts: 1 });

    smtp = await startSmtp(port, inbox);
    clock.set(new Date(clock.now().getTime() + 61_000));
    await worker.drain();
    const sent = await until(
      'sent after the retry',
      () => message(queued.id),
      (m) => m.status === 'sent',
    );
    expect(sent.attempts).toBe(2);
    await worker.drain();
    await new Promise((r) => setTimeout(r, 300));
    const forSam = inbox.filter(
      (r) => r.mail.to && JSON.stringify(r.mail.to).includes('sam@example.com'),
    );
    expect(forSam).toHaveLength(1);
    expect(forSam[0]?.mail.messageId).toMatch(/@vouch>$/);
  });

  it('a referrer update queued under consent is not sent once consent is withdrawn (§3.2)', async () => {
    // The worker stops so the letter stays queued while consent changes; one attempt is run here.
    await worker.close();
    try {
      const referral = (
        await a.bearer.json<{ id: string }>('POST', '/referrals', {
          referrer: { contactId: sam },
          referred: { name: 'Wendy Withdrawn' },
          channel: 'email',
          consentToUpdate: true,
        })
      ).body;
      await a.bearer.json('POST', `/referrals/${referral.id}/status`, { status: 'contacted' });
      const queued = await a.bearer.json<Message>('POST', '/messages', {
        templateKey: 'referrer_update',
        referralId: referral.id,
        channel: 'email',
      });
      expect(queued.status, JSON.stringify(queued.body)).toBe(201);
      const withdrawn = await a.bearer.json('PATCH', `/referrals/${referral.id}`, {
        consentToUpdate: false,
      });
      expect(withdrawn.status).toBe(200);
      const before = inbox.length;

      expect(await deliverMessage(ctx.deps, clock, a.practiceId, queued.body.id)).toBe('failed');
      const after = await message(queued.body.id);
      expect(after).toMatchObject({ status: 'failed', providerId: null });
      expect(after.lastError).toMatch(/consent was withdrawn/);
      expect(inbox).toHaveLength(before);
    } finally {
      worker = await startOutboxWorker(ctx.deps, { clock, pollMs: 100 });
    }
  });

  it('POST /smtp/test sends a test email now, and says so when it cannot', async () => {
    const okRes = await a.bearer.json<{ ok: boolean; providerId?: string }>('POST', '/smtp/test', {
      to: 'check@example.com',
    });
    expect(okRes.body.ok).toBe(true);
    expect(okRes.body.providerId).toMatch(/^PROV/);
    await a.bearer.json('PUT', '/smtp', {
      host: '127.0.0.1',
      port,
      security: 'none',
      username: 'vouch',
      password: 'wrong',
      fromEmail: 'office@lakeside.example',
    });
    const bad = await a.bearer.json<{ ok: boolean; error?: string }>('POST', '/smtp/test', {});
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error).toBeTruthy();
  });
});
