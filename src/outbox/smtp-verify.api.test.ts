/**
 * Issue 11: "Email is set up" only after a test went through. A real SMTP peer (smtp-server on
 * a free localhost port): a passed test marks the settings verified; changing what decides
 * delivery clears it; a refused port or a wrong password is said in words, with the raw
 * error apart; a port out of range is refused, not clamped. Both databases.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpPeer, startSmtpPeer as startSmtp } from '../test-support/smtp-peer.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Message, SmtpSettings, SmtpTestResult } from './outbox.schemas.ts';
import { deliverMessage } from './outbox.worker.ts';

/** A port on which nothing listens: bound once, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe.each(testTargets)('SMTP verification on %s', (target) => {
  let smtp: SmtpPeer;
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Verified Counsel']);
  const settings = (over: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    username: 'vouch',
    password: 'right-pass',
    fromEmail: 'office@verified.example',
    fromName: 'Verified Counsel',
    ...over,
  });
  const put = async (over: Record<string, unknown> = {}) => {
    const res = await a.bearer.json<SmtpSettings>('PUT', '/smtp', settings(over));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const test = async () =>
    (await a.bearer.json<SmtpTestResult>('POST', '/smtp/test', { to: 'me@verified.example' })).body;
  const current = async () => (await a.bearer.json<SmtpSettings>('GET', '/smtp')).body;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('is not verified when saved, and is once a test went through', async () => {
    expect((await put()).verifiedAt).toBeNull();
    const result = await test();
    expect(result).toMatchObject({ ok: true, providerId: 'TEST1' });
    expect(result.verifiedAt).toEqual(expect.any(String));
    expect((await current()).verifiedAt).toBe(result.verifiedAt);
  });

  it('keeps the verification for a new from name only; any connection change clears it', async () => {
    const verifiedAt = (await current()).verifiedAt;
    expect(verifiedAt).not.toBeNull();
    // Same settings, password left as stored, new display name: still verified.
    const { password: _, ...withoutPassword } = settings({ fromName: 'Verified Counsel LLP' });
    const renamed = await a.bearer.json<SmtpSettings>('PUT', '/smtp', withoutPassword);
    expect(renamed.body.verifiedAt).toBe(verifiedAt);

    for (const change of [
      { port: smtp.port + 1 },
      { host: 'localhost' },
      { username: 'someone-else' },
      { password: 'another-pass' },
      { fromEmail: 'new@verified.example' },
      { security: 'starttls' },
    ]) {
      await put();
      expect((await test()).ok).toBe(true);
      expect((await current()).verifiedAt, JSON.stringify(change)).not.toBeNull();
      expect((await put(change)).verifiedAt, JSON.stringify(change)).toBeNull();
      expect((await current()).verifiedAt, JSON.stringify(change)).toBeNull();
    }
  });

  it('says in words that the port refused, with the raw error apart, and stays unverified', async () => {
    const port = await closedPort();
    await put({ port });
    const result = await test();
    expect(result.ok).toBe(false);
    expect(result.error).toBe(
      `Could not reach 127.0.0.1 on port ${port} — check the host and port.`,
    );
    expect(result.detail).toContain('ECONNREFUSED');
    expect((await current()).verifiedAt).toBeNull();
  });

  it('says the server refused the user name or password', async () => {
    await put({ password: 'wrong-pass' });
    const result = await test();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^The server refused the user name or password/);
    expect(result.detail).toContain('EAUTH');
    expect((await current()).verifiedAt).toBeNull();
  });

  it('is no longer "set up" once a later test fails (the server went away)', async () => {
    const gone = await startSmtp();
    await put({ port: gone.port });
    expect((await test()).ok).toBe(true);
    expect((await current()).verifiedAt).not.toBeNull();
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    expect((await test()).ok).toBe(false);
    expect((await current()).verifiedAt).toBeNull();
  });

  it('counts a message the outbox delivered with these settings as a passed test', async () => {
    await put({ port: smtp.port, host: '127.0.0.1', fromEmail: 'post@verified.example' });
    expect((await current()).verifiedAt).toBeNull();
    await a.bearer.json('PATCH', '/practice', { postalAddress: '1 Main St, Springfield' });
    const contact = await a.bearer.json<{ id: string }>('POST', '/contacts', {
      name: 'Rita Rowe',
      email: 'rita@example.com',
      emailConsent: true,
    });
    const queued = await a.bearer.json<Message>('POST', '/messages', {
      templateKey: 'ask',
      contactId: contact.body.id,
      channel: 'email',
    });
    expect(queued.status, JSON.stringify(queued.body)).toBe(201);
    expect(await deliverMessage(ctx.deps, ctx.deps.clock, a.practiceId, queued.body.id)).toBe(
      'sent',
    );
    expect((await current()).verifiedAt).toEqual(expect.any(String));
  });

  it('refuses a port out of range, naming the field, and changes nothing', async () => {
    await put();
    for (const port of [99999, 0, -1, 2.5, 65536]) {
      const res = await a.bearer.json<{
        errors: { field: string; message: string }[];
      }>('PUT', '/smtp', settings({ port, host: 'changed.example' }));
      expect(res.status, String(port)).toBe(400);
      expect(res.body.errors).toContainEqual({
        field: 'port',
        message: `must be a whole number from 1 to 65,535, not ${port}.`,
      });
    }
    expect(await current()).toMatchObject({ host: '127.0.0.1', port: smtp.port });
  });
});
