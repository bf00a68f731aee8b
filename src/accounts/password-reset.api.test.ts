/**
 * Password reset (issue 14 §5) on both databases, through the real outbox and a real SMTP
 * server: one answer for every email, the link by email, single use, one hour on the app's
 * clock, every session ended, audited; without SMTP nothing is sent and the answer says whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateLinkPlaceholder } from '../outbox/outbox.rules.ts';
import { type OutboxWorker, startOutboxWorker } from '../outbox/outbox.worker.ts';
import { minuteMs } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem } from '../test-support/api-expect.ts';
import {
  type ReceivedMail,
  type SmtpPeer,
  startSmtpPeer,
  stopSmtpPeer,
} from '../test-support/smtp-peer.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  caller,
  cookieFrom,
  countRows,
  seedMember,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import { passwordResetsSettled } from './password-reset.service.ts';

const newPassword = 'maple kettle orbit canyon';

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks for a link as an anonymous browser would, and waits until the work after the answer is done. */
async function askForLink(ctx: TestContext, email: string) {
  const res = await caller(ctx).request('POST', '/auth/password-reset', { email });
  const answer = { status: res.status, body: await res.text() };
  await passwordResetsSettled(ctx.deps.db);
  return answer;
}

const confirm = (ctx: TestContext, token: string, password = newPassword) =>
  caller(ctx).request('POST', '/auth/password-reset/confirm', { token, newPassword: password });

const signIn = (ctx: TestContext, email: string, password: string) =>
  caller(ctx).request('POST', '/auth/sign-in', { email, password });

async function auditOf(ctx: TestContext, userId: string, action: string) {
  const rows = await ctx.deps.db
    .selectFrom('audit_log')
    .select(['action', 'detail', 'subject_id'])
    .where('user_id', '=', userId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail ?? 'null') as unknown }));
}

describe.each(testTargets)('password reset on %s', (target) => {
  // The app's clock at the real time, so that it can be moved past a link's hour.
  const clock = fixedClock(new Date());
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Law']);
  const inbox: ReceivedMail[] = [];
  let smtp: SmtpPeer;
  let worker: OutboxWorker;

  beforeAll(async () => {
    smtp = await startSmtpPeer({ inbox });
    worker = await startOutboxWorker(ctx.deps, { clock, pollMs: 50 });
  });
  afterAll(async () => {
    await passwordResetsSettled(ctx.deps.db);
    await worker?.close();
    if (smtp) await stopSmtpPeer(smtp);
  });

  /** The link of the next email to `email` at the SMTP server. */
  async function linkSentTo(email: string): Promise<string> {
    const mail = await until(
      `an email to ${email}`,
      async () => inbox.find((m) => m.recipients.includes(email)),
      (m) => m !== undefined,
    );
    inbox.splice(inbox.indexOf(mail as ReceivedMail), 1);
    const link = /https?:\/\/\S+\/reset-password\?token=(\S+)/.exec(mail?.mail.text ?? '');
    expect(link, mail?.mail.text).not.toBeNull();
    return decodeURIComponent(link?.[1] ?? '');
  }

  describe('without SMTP on the server', () => {
    it('answers the same for a known and an unknown email, and says to ask the practice owner', async () => {
      const before = await countRows(ctx.deps);
      const known = await askForLink(ctx, a.email);
      const unknown = await askForLink(ctx, 'nobody.here@example.com');
      expect(known).toEqual(unknown);
      expect(known.status).toBe(202);
      expect(JSON.parse(known.body)).toEqual({
        message: expect.stringContaining('Ask your practice owner to reset your password'),
      });
      expect(known.body).toContain('vouch user reset-password');
      // Nothing queued; the owner sees the request in the audit log.
      expect(await countRows(ctx.deps)).toEqual(before);
      expect(await auditOf(ctx, a.userId, 'account.password_reset_requested')).toEqual([
        expect.objectContaining({ detail: expect.objectContaining({ emailQueued: false }) }),
      ]);
    });
  });

  describe('with SMTP', () => {
    beforeAll(async () => {
      const put = await a.session.json('PUT', '/smtp', {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: 'vouch',
        password: 'right-pass',
        fromEmail: 'office@harbor.example',
        fromName: 'Harbor Law',
      });
      expect(put.status).toBe(200);
    });

    it('answers the same for a known and an unknown email; only the known one gets a link', async () => {
      const known = await askForLink(ctx, a.email);
      const unknown = await askForLink(ctx, 'nobody.here@example.com');
      expect(known).toEqual(unknown);
      expect(known.status).toBe(202);
      expect(JSON.parse(known.body).message).toMatch(/^If an account uses this email, a link/);
      const token = await linkSentTo(a.email);
      expect(token.length).toBeGreaterThan(20);
      expect(inbox.filter((m) => m.recipients.includes('nobody.here@example.com'))).toEqual([]);
    });

    it("keeps the link out of the practice's outbox and its database", async () => {
      await askForLink(ctx, a.email);
      const token = await linkSentTo(a.email);
      const messages = await a.session.json<{ items: { templateKey: string; body: string }[] }>(
        'GET',
        '/messages',
      );
      const resets = messages.body.items.filter((m) => m.templateKey === 'password_reset');
      expect(resets.length).toBeGreaterThan(0);
      for (const m of resets) {
        expect(m.body).toContain(privateLinkPlaceholder);
        expect(m.body).not.toContain(token);
      }
      const stored = await ctx.deps.db
        .selectFrom('auth_verification')
        .select('identifier')
        .execute();
      expect(stored.length).toBeGreaterThan(0);
      for (const row of stored) expect(row.identifier).not.toContain(token);
      // Sent: not even the sealed copy stays.
      await until(
        'the reset emails sent',
        () =>
          ctx.deps.db
            .selectFrom('message')
            .select(['status', 'sealed_link'])
            .where('template_key', '=', 'password_reset')
            .execute(),
        (rows) => rows.every((r) => r.status === 'sent' && r.sealed_link === null),
      );
    });

    it('sets a new password once, ends every session of the user and audits it', async () => {
      const member = await seedMember(ctx, a.practiceId, 'Mia Member');
      const second = cookieFrom(await signIn(ctx, member.email, 'a long member password'));
      await askForLink(ctx, member.email);
      const token = await linkSentTo(member.email);

      // A password the sign-up rules refuse: 400 on the field, and the link still works.
      const weak = await confirm(ctx, token, 'password123');
      const problem = await expectProblem(weak, 400, 'validation');
      expect(problem.errors?.map((e) => e.field)).toEqual(['newPassword']);

      const userId = (
        await ctx.deps.db
          .selectFrom('auth_user')
          .select('id')
          .where('email', '=', member.email)
          .executeTakeFirstOrThrow()
      ).id;
      const sessionsOf = async () =>
        (
          await ctx.deps.db
            .selectFrom('auth_session')
            .select('id')
            .where('user_id', '=', userId)
            .execute()
        ).length;
      const sessions = await sessionsOf();
      expect(sessions).toBeGreaterThanOrEqual(2);

      const res = await confirm(ctx, token);
      expect(res.status).toBe(204);
      expect(await sessionsOf()).toBe(0);
      expect((await member.session.json('GET', '/me')).status).toBe(401);
      expect((await caller(ctx, { cookie: second }).json('GET', '/me')).status).toBe(401);
      expect((await signIn(ctx, member.email, 'a long member password')).status).toBe(401);
      expect((await signIn(ctx, member.email, newPassword)).status).toBe(200);

      // Single use: the same link again changes nothing.
      const again = await confirm(ctx, token, 'another fine long phrase');
      const used = await expectProblem(again, 422, 'unprocessable');
      expect(used.errors).toEqual([
        { field: 'token', message: expect.stringContaining('used already') },
      ]);
      expect((await signIn(ctx, member.email, newPassword)).status).toBe(200);

      expect(await auditOf(ctx, userId, 'account.password_reset')).toEqual([
        {
          action: 'account.password_reset',
          subject_id: userId,
          detail: { via: 'link', sessionsEnded: sessions, ip: expect.any(String) },
        },
      ]);
    });

    it('voids the other open links of the user once one is used', async () => {
      const member = await seedMember(ctx, a.practiceId, 'Noor Member');
      await askForLink(ctx, member.email);
      const first = await linkSentTo(member.email);
      await askForLink(ctx, member.email);
      const second = await linkSentTo(member.email);
      expect((await confirm(ctx, second)).status).toBe(204);
      await expectProblem(
        await confirm(ctx, first, 'another fine long phrase'),
        422,
        'unprocessable',
      );
    });

    it('lets one of two simultaneous uses of a link through, and voids links on a password change', async () => {
      const member = await seedMember(ctx, a.practiceId, 'Pia Member');
      await askForLink(ctx, member.email);
      const token = await linkSentTo(member.email);
      const answers = await Promise.all([
        confirm(ctx, token),
        confirm(ctx, token, 'another fine long phrase'),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([204, 422]);

      // Either use may win; the other changed nothing.
      const passwordNow =
        (await signIn(ctx, member.email, newPassword)).status === 200
          ? newPassword
          : 'another fine long phrase';
      const session = caller(ctx, {
        cookie: cookieFrom(await signIn(ctx, member.email, passwordNow)),
      });
      await askForLink(ctx, member.email);
      const pending = await linkSentTo(member.email);
      const changed = await session.request('POST', '/auth/password', {
        currentPassword: passwordNow,
        newPassword: 'quartz meadow lantern',
      });
      expect(changed.status).toBe(204);
      await expectProblem(await confirm(ctx, pending), 422, 'unprocessable');
      expect((await signIn(ctx, member.email, 'quartz meadow lantern')).status).toBe(200);
    });

    it('expires a link after one hour on the app clock', async () => {
      const member = await seedMember(ctx, a.practiceId, 'Otto Member');
      const start = clock.now();
      await askForLink(ctx, member.email);
      const late = await linkSentTo(member.email);
      await askForLink(ctx, member.email);
      const inTime = await linkSentTo(member.email);
      try {
        clock.set(new Date(start.getTime() + 59 * minuteMs));
        expect((await confirm(ctx, inTime)).status).toBe(204);
        clock.set(new Date(start.getTime() + 61 * minuteMs));
        await askForLink(ctx, member.email);
        const fresh = await linkSentTo(member.email);
        clock.set(new Date(start.getTime() + 122 * minuteMs));
        const expired = await expectProblem(await confirm(ctx, fresh), 422, 'unprocessable');
        expect(expired.errors).toEqual([
          { field: 'token', message: expect.stringContaining('expired') },
        ]);
        // The one used before its hour is gone as well.
        await expectProblem(await confirm(ctx, late), 422, 'unprocessable');
        expect((await signIn(ctx, member.email, newPassword)).status).toBe(200);
      } finally {
        clock.set(new Date());
      }
    });

    it('refuses a made-up token and bad input with problem+json, writing nothing', async () => {
      const before = await countRows(ctx.deps);
      await expectProblem(await confirm(ctx, 'not-a-real-token'), 422, 'unprocessable');
      const noToken = await caller(ctx).request('POST', '/auth/password-reset/confirm', {
        newPassword,
      });
      expect((await expectProblem(noToken, 400, 'validation')).errors?.[0]?.field).toBe('token');
      const badEmail = await caller(ctx).request('POST', '/auth/password-reset', {
        email: 'not an email',
      });
      expect((await expectProblem(badEmail, 400, 'validation')).errors?.[0]?.field).toBe('email');
      expect(await countRows(ctx.deps)).toEqual(before);
    });
  });
});

describe.each(testTargets)('password reset throttling on %s', (target) => {
  const ctx = useTestContext(target, { rateLimit: true });
  const [a] = usePractices(ctx, ['Throttled Practice']);
  afterAll(() => passwordResetsSettled(ctx.deps.db));

  it('limits requests per email, known or not, with the same answers', async () => {
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await caller(ctx).request('POST', '/auth/password-reset', { email });
        out.push(res.status);
        if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      return out;
    };
    expect(await statuses(a.email)).toEqual([202, 202, 202, 429]);
    expect(await statuses('nobody@example.com')).toEqual([202, 202, 202, 429]);
  });
});
