/**
 * An introduction over real SMTP (smtp-server on a free localhost port): it waits in the outbox
 * without SMTP settings, then arrives once, to the person with the referrer in Cc (header and
 * envelope), signed with the postal address and without an unsubscribe link; an opt-out after
 * it was queued stops it at send time. The worker runs on the test's clock, in-process on
 * SQLite and through pg-boss on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../outbox/outbox.schemas.ts';
import { type OutboxWorker, startOutboxWorker } from '../outbox/outbox.worker.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import {
  type ReceivedMail,
  type SmtpPeer,
  startSmtpPeer,
  stopSmtpPeer,
} from '../test-support/smtp-peer.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Introduction } from './introduction.schemas.ts';

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testTargets)('an introduction over SMTP on %s', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const inbox: ReceivedMail[] = [];
  let smtp: SmtpPeer | undefined;
  let worker: OutboxWorker | undefined;
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Counseling']);
  const message = (id: string) => ok<Message>(a.bearer, 'GET', `/messages/${id}`);
  beforeAll(async () => {
    await ok(a.bearer, 'PATCH', '/practice', {
      postalAddress: '12 Harbor Rd\nPortland, ME 04101',
      valueProposition: 'Ana helps couples in conflict find their way back to each other.',
      bookingUrl: 'https://cal.com/harbor/first-session',
    });
    smtp = await startSmtpPeer({ password: 's3cret-pass', inbox });
    worker = await startOutboxWorker(ctx.deps, { clock, pollMs: 100 });
  });
  afterAll(async () => {
    await worker?.close();
    if (smtp) await stopSmtpPeer(smtp);
  });

  it('waits for SMTP settings, then reaches the person with the referrer in Cc, once; a withdrawn consent stops another', async () => {
    // Neither has consented to relationship mail: an introduction they expect does not need it.
    const ann = await ok<{ id: string }>(a.bearer, 'POST', '/contacts', {
      name: 'Ann Archer',
      email: 'ann@example.com',
    });
    const rita = await ok<{ id: string }>(a.bearer, 'POST', '/contacts', {
      name: 'Rita Rowe',
      email: 'rita@example.com',
      emailConsent: true,
    });
    const intro = await ok<Introduction>(a.bearer, 'POST', '/introductions', {
      referrerId: ann.id,
      person: { name: 'Cara Lee', email: 'cara@example.com' },
      note: 'Cara is free most mornings.',
      send: true,
    });
    const stopped = await ok<Introduction>(a.bearer, 'POST', '/introductions', {
      referrerId: rita.id,
      person: { name: 'Dan Dell', email: 'dan@example.com' },
      send: true,
    });
    // Rita withdraws her consent after it was queued: an opt-out, honoured at send time.
    await ok(a.bearer, 'PATCH', `/contacts/${rita.id}`, { emailConsent: false });
    const id = intro.message?.id ?? '';
    await worker?.drain();
    expect(await message(id)).toMatchObject({
      status: 'queued',
      statusLabel: 'not sent — SMTP not configured',
    });

    await ok(a.bearer, 'PUT', '/smtp', {
      host: '127.0.0.1',
      port: smtp?.port,
      security: 'none',
      username: 'vouch',
      password: 's3cret-pass',
      fromEmail: 'office@harbor.example',
    });
    const sent = await until(
      'sent',
      () => message(id),
      (m) => m.status === 'sent',
    );
    expect(sent).toMatchObject({ attempts: 1, providerId: 'PROV1' });
    const failed = await until(
      'refused',
      () => message(stopped.message?.id ?? ''),
      (m) => m.status === 'failed',
    );
    expect(failed.lastError).toMatch(/^Not sent: Rita Rowe opted out of email/);
    await worker?.drain();
    expect(inbox).toHaveLength(1);

    const { mail, raw, recipients } = inbox[0] as ReceivedMail;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([
      { address: 'cara@example.com', name: 'Cara Lee' },
    ]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value : null).toEqual([
      { address: 'ann@example.com', name: 'Ann Archer' },
    ]);
    expect(raw).toMatch(/^Cc: Ann Archer <ann@example\.com>$/m);
    expect(recipients.sort()).toEqual(['ann@example.com', 'cara@example.com']);
    expect(mail.from?.value[0]).toMatchObject({
      address: 'office@harbor.example',
      name: 'Harbor Counseling',
    });
    expect(mail.subject).toBe(intro.draft.subject);
    expect(mail.text?.trimEnd()).toBe(
      `${intro.draft.body}\n\n—\nHarbor Counseling · 12 Harbor Rd, Portland, ME 04101`,
    );
    expect(raw).not.toMatch(/^List-Unsubscribe/im);
    expect(mail.text).not.toMatch(/opt-out/);
  });
});
