/**
 * Issue 14 §1–3, the team: invitations through the outbox (only a token hash stored; 7 days on
 * a frozen clock; used once; withdrawn; sent again), joining from the link, roles with the last
 * owner kept, and removal ending sessions and tokens at once while their work keeps their name.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../audit/audit.schemas.ts';
import { privateLinkPlaceholder } from '../outbox/outbox.rules.ts';
import { deliverMessage } from '../outbox/outbox.worker.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { type ReceivedMail, startSmtpPeer } from '../test-support/smtp-peer.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  type Caller,
  caller,
  cookieFrom,
  seedMember,
  testTargets,
} from '../test-support/testing.ts';
import type { InvitationPreview, SentInvitation } from './team.schemas.ts';

const T0 = '2026-06-15T12:00:00.000Z';
const day = 24 * 3600_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const password = 'a long new member password';

const tokenOf = (link: string) => decodeURIComponent(link.split('/join/')[1] ?? '');

type Member = { id: string; name: string; email: string; role: 'owner' | 'member' };

describe.each(testTargets)('the team on %s', (target) => {
  const clock = fixedClock(T0);
  const ctx = useTestContext(target, { clock });
  const [a, other] = usePractices(ctx, ['Team Practice', 'Other Practice']);
  const anonymous = () => caller(ctx);
  let n = 0;
  const email = () => `person${++n}@example.com`;

  beforeAll(() => clock.set(T0));

  const invite = (body: { email: string; role?: 'owner' | 'member' }, who: Caller = a.session) =>
    ok<SentInvitation>(who, 'POST', '/invitations', body);
  const preview = (token: string) =>
    anonymous().request('GET', `/public/invitations/${encodeURIComponent(token)}`);
  const accept = (body: { token: string; name?: string; password: string }) =>
    anonymous().request('POST', '/auth/accept-invitation', body);
  const members = async () => (await ok<{ items: Member[] }>(a.session, 'GET', '/members')).items;

  /** Invites and joins a new person; returns their session and id. */
  async function join(name: string, role: 'owner' | 'member' = 'member') {
    const sent = await invite({ email: email(), role });
    const res = await accept({ token: tokenOf(sent.link), name, password });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { user: { id: string } };
    return {
      id: body.user.id,
      email: sent.email,
      session: caller(ctx, { cookie: cookieFrom(res) }),
    };
  }

  it('invites by email: a 7-day link, only its hash stored, the email queued in the outbox', async () => {
    const sent = await invite({ email: 'New.Person@Example.com' });
    expect(sent).toMatchObject({
      email: 'new.person@example.com',
      role: 'member',
      status: 'pending',
      invitedBy: { id: a.userId, name: 'Team Practice Owner' },
      sentAt: T0,
      expiresAt: at(7 * day),
      emailSetUp: false,
    });
    const token = tokenOf(sent.link);
    expect(token.length).toBeGreaterThan(20);
    const row = await ctx.deps.db
      .selectFrom('invitation')
      .selectAll()
      .where('practice_id', '=', a.practiceId)
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    // Neither the invitation nor the queued email holds the token (the link is sealed).
    const message = await ctx.deps.db
      .selectFrom('message')
      .selectAll()
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ template_key: 'team_invitation', to_email: sent.email });
    expect(JSON.stringify([row, message])).not.toContain(token);
    // The outbox shows where the link goes, not the marker.
    const outbox = await ok<{ items: { id: string; body: string }[] }>(
      a.session,
      'GET',
      '/messages',
    );
    const shown = outbox.items.find((m) => m.id === message.id);
    expect(shown?.body).toContain(privateLinkPlaceholder);
    expect(shown?.body).not.toContain(token);
    const list = await ok<{ items: { id: string }[] }>(a.session, 'GET', '/invitations');
    expect(list.items.map((i) => i.id)).toContain(sent.id);
    const audit = await ok<AuditPage>(a.session, 'GET', '/audit?limit=1');
    expect(audit.items[0]).toMatchObject({ action: 'team.invited', subjectId: sent.id });
    expect(JSON.stringify(audit.items[0])).not.toContain('new.person');
  });

  it('sends the link through SMTP: the worker puts it in from the server secret', async () => {
    const inbox: ReceivedMail[] = [];
    const peer = await startSmtpPeer({ inbox });
    try {
      const p = await ok<{ id: string }>(a.session, 'PUT', '/smtp', {
        host: '127.0.0.1',
        port: peer.port,
        security: 'none',
        username: 'vouch',
        password: 'right-pass',
        fromEmail: 'office@example.com',
      });
      expect(p).toBeDefined();
      const sent = await invite({ email: email() });
      expect(sent.emailSetUp).toBe(true);
      const message = await ctx.deps.db
        .selectFrom('message')
        .select('id')
        .where('practice_id', '=', a.practiceId)
        .where('subject_id', '=', sent.id)
        .executeTakeFirstOrThrow();
      expect(await deliverMessage(ctx.deps, clock, a.practiceId, message.id)).toBe('sent');
      await expect.poll(() => inbox.length).toBe(1);
      expect(inbox[0]?.recipients).toEqual([sent.email]);
      expect(inbox[0]?.mail.subject).toBe(
        'Team Practice Owner invited you to join Team Practice on Vouch',
      );
      expect(inbox[0]?.mail.text).toContain(sent.link);
      expect(inbox[0]?.mail.text).not.toContain(privateLinkPlaceholder);
    } finally {
      await ok(a.session, 'DELETE', '/smtp');
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    }
  });

  it('opening the link shows the invitation; joining sets name and password and signs in, once', async () => {
    const sent = await invite({ email: email() });
    const token = tokenOf(sent.link);
    expect(await (await preview(token)).json()).toEqual({
      practiceName: 'Team Practice',
      email: sent.email,
      role: 'member',
      invitedBy: 'Team Practice Owner',
      expiresAt: at(7 * day),
      hasAccount: false,
    } satisfies InvitationPreview);
    // A new account needs a name, and a password held to the sign-up rules.
    await expectProblem(await accept({ token, password }), 400, 'validation', ['name']);
    await expectProblem(
      await accept({ token, name: 'Nia New', password: 'password1' }),
      400,
      'validation',
      ['password'],
    );
    const res = await accept({ token, name: 'Nia New', password });
    expect(res.status).toBe(201);
    const session = (await res.json()) as {
      user: { name: string };
      role: string;
      practice: { id: string };
    };
    expect(session).toMatchObject({
      user: { name: 'Nia New' },
      role: 'member',
      practice: { id: a.practiceId },
    });
    const nia = caller(ctx, { cookie: cookieFrom(res) });
    expect(await ok(nia, 'GET', '/me')).toMatchObject({ role: 'member' });
    expect((await members()).map((m) => m.name)).toContain('Nia New');
    // Used: the link says so, and works no more.
    const used = await expectProblem(await preview(token), 410, 'gone', ['token']);
    expect(used.detail).toMatch(/already been used/);
    await expectProblem(await accept({ token, name: 'Again', password }), 410, 'gone', ['token']);
    const list = await ok<{ items: { id: string; status: string }[] }>(
      a.session,
      'GET',
      '/invitations',
    );
    expect(list.items.find((i) => i.id === sent.id)?.status).toBe('accepted');
  });

  it('an unknown link is 404 naming the token', async () => {
    await expectProblem(await preview('not-a-real-token'), 404, 'not_found', ['token']);
    await expectProblem(
      await accept({ token: 'not-a-real-token', name: 'X', password }),
      404,
      'not_found',
      ['token'],
    );
  });

  it('a link expires after 7 days (frozen clock); sending again makes a new link and kills the old', async () => {
    const sent = await invite({ email: email() });
    const token = tokenOf(sent.link);
    clock.set(at(7 * day - 1));
    expect((await preview(token)).status).toBe(200);
    clock.set(at(7 * day));
    const expired = await expectProblem(await preview(token), 410, 'gone', ['token']);
    expect(expired.detail).toMatch(/expired/);
    await expectProblem(await accept({ token, name: 'Late', password }), 410, 'gone', ['token']);
    const list = await ok<{ items: { id: string; status: string }[] }>(
      a.session,
      'GET',
      '/invitations',
    );
    expect(list.items.find((i) => i.id === sent.id)?.status).toBe('expired');

    const again = await ok<SentInvitation>(a.session, 'POST', `/invitations/${sent.id}/resend`, {});
    expect(again).toMatchObject({
      id: sent.id,
      status: 'pending',
      sentAt: at(7 * day),
      expiresAt: at(14 * day),
    });
    expect(again.link).not.toBe(sent.link);
    await expectProblem(await preview(token), 404, 'not_found', ['token']);
    const res = await accept({ token: tokenOf(again.link), name: 'Late But In', password });
    expect(res.status).toBe(201);
    // Two emails for it in the outbox: the first, cancelled (its link is dead), and the re-send.
    const messages = await ctx.deps.db
      .selectFrom('message')
      .select(['status', 'last_error'])
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', sent.id)
      .orderBy('created_at')
      .execute();
    expect(messages).toEqual([
      { status: 'failed', last_error: 'Not sent: the invitation was sent again with a new link.' },
      { status: 'queued', last_error: null },
    ]);
    clock.set(T0);
  });

  it('a withdrawn invitation says so; it cannot be sent again or withdrawn twice', async () => {
    const sent = await invite({ email: email() });
    const res = await a.session.request('DELETE', `/invitations/${sent.id}`);
    expect(res.status).toBe(204);
    const withdrawn = await expectProblem(await preview(tokenOf(sent.link)), 410, 'gone', [
      'token',
    ]);
    expect(withdrawn.detail).toMatch(/withdrawn/);
    // Its email, still waiting (no SMTP), does not go.
    const message = await ctx.deps.db
      .selectFrom('message')
      .select(['status'])
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(message.status).toBe('failed');
    await expectProblem(
      await a.session.request('POST', `/invitations/${sent.id}/resend`, {}),
      409,
      'conflict',
      ['id'],
    );
    await expectProblem(
      await a.session.request('DELETE', `/invitations/${sent.id}`),
      409,
      'conflict',
      ['id'],
    );
    // A withdrawn invitation frees the email for a new one.
    await invite({ email: sent.email });
  });

  it('refuses a second live invitation for an email, and inviting a member (409 naming email)', async () => {
    const sent = await invite({ email: email() });
    await expectProblem(
      await a.session.request('POST', '/invitations', { email: sent.email.toUpperCase() }),
      409,
      'conflict',
      ['email'],
    );
    await expectProblem(
      await a.session.request('POST', '/invitations', { email: a.email }),
      409,
      'conflict',
      ['email'],
    );
  });

  it('an account of another practice cannot join (409); one without a practice joins with its password', async () => {
    const theirs = await invite({ email: other.email });
    const refused = await expectProblem(
      await accept({ token: tokenOf(theirs.link), password: 'correct horse battery' }),
      409,
      'conflict',
      ['token'],
    );
    expect(refused.detail).toMatch(/another practice/);

    // A former member: removed, then invited back, joins with their own password.
    const former = await join('Fay Former');
    expect((await a.session.request('DELETE', `/members/${former.id}`)).status).toBe(204);
    const back = await invite({ email: former.email });
    expect(await (await preview(tokenOf(back.link))).json()).toMatchObject({ hasAccount: true });
    await expectProblem(
      await accept({ token: tokenOf(back.link), password: 'not my password at all' }),
      401,
      'unauthenticated',
      ['password'],
    );
    const res = await accept({ token: tokenOf(back.link), password });
    expect(res.status).toBe(201);
    expect((await members()).find((m) => m.id === former.id)).toMatchObject({
      name: 'Fay Former',
      role: 'member',
    });
  });

  it('hands ownership over; the last owner can neither step down nor be removed (409)', async () => {
    const ctx2 = await (async () => {
      const p = await join('Olga Owner-to-be');
      return p;
    })();
    // Another practice with one owner: the owner cannot step down or leave.
    await expectProblem(
      await other.session.request('PATCH', `/members/${other.userId}`, { role: 'member' }),
      409,
      'conflict',
      ['role'],
    );
    await expectProblem(
      await other.session.request('DELETE', `/members/${other.userId}`),
      409,
      'conflict',
      ['id'],
    );
    // Here: make Olga an owner, then the first owner steps down; now Olga is the last owner.
    const olga = await ok<Member>(a.session, 'PATCH', `/members/${ctx2.id}`, { role: 'owner' });
    expect(olga).toMatchObject({ id: ctx2.id, role: 'owner', name: 'Olga Owner-to-be' });
    expect(await ok(a.session, 'PATCH', `/members/${a.userId}`, { role: 'member' })).toMatchObject({
      role: 'member',
    });
    // The former owner is a member at once (roles are read on every request).
    await expectProblem(await a.session.request('GET', '/invitations'), 403, 'forbidden', ['role']);
    await expectProblem(
      await ctx2.session.request('PATCH', `/members/${ctx2.id}`, { role: 'member' }),
      409,
      'conflict',
      ['role'],
    );
    // And back, so that the other tests keep their owner.
    await ok(ctx2.session, 'PATCH', `/members/${a.userId}`, { role: 'owner' });
    const audit = await ok<AuditPage>(a.session, 'GET', '/audit?limit=3');
    expect(audit.items[0]).toMatchObject({
      action: 'team.role_changed',
      subjectId: a.userId,
      detail: { from: 'member', to: 'owner' },
    });
  });

  it('removing a member ends their sessions and revokes their tokens at once; their work keeps their name', async () => {
    const mo = await seedMember(ctx, a.practiceId, 'Mo Removed');
    const { token } = await ok<{ token: string }>(mo.session, 'POST', '/tokens', { name: 'mo' });
    const bearer = caller(ctx, { token });
    await ok(mo.session, 'POST', '/calendar-feeds', {});
    const contact = await ok<{ id: string }>(bearer, 'POST', '/contacts', { name: 'Made By Mo' });
    await ok(mo.session, 'POST', `/contacts/${contact.id}/interactions`, {
      kind: 'call',
      occurredAt: '2026-06-15T11:00:00.000Z',
      summary: 'Talked about referrals',
    });
    await ok(mo.session, 'GET', '/me');

    const res = await a.session.request('DELETE', `/members/${mo.userId}`);
    expect(res.status).toBe(204);
    await expectProblem(await mo.session.request('GET', '/contacts'), 401, 'unauthenticated');
    await expectProblem(await bearer.request('GET', '/contacts'), 401, 'unauthenticated');
    const sessions = await ctx.deps.db
      .selectFrom('auth_session')
      .select('id')
      .where('user_id', '=', mo.userId)
      .execute();
    expect(sessions).toEqual([]);
    const live = await ctx.deps.db
      .selectFrom('api_token')
      .select('id')
      .where('practice_id', '=', a.practiceId)
      .where('user_id', '=', mo.userId)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([]);
    expect((await members()).map((m) => m.id)).not.toContain(mo.userId);
    // Signing in again gets nowhere: the account belongs to no practice.
    const again = await anonymous().request('POST', '/auth/sign-in', {
      email: mo.email,
      password: 'a long member password',
    });
    expect(again.status).toBe(403);
    // What Mo did stays, under Mo's name.
    const detail = await ok<{
      name: string;
      stageHistory: { changedBy: { id: string; name: string } | null }[];
    }>(a.session, 'GET', `/contacts/${contact.id}`);
    expect(detail.name).toBe('Made By Mo');
    expect(detail.stageHistory[0]?.changedBy).toEqual({ id: mo.userId, name: 'Mo Removed' });
    const timeline = await ok<{
      items: { kind: string; by: { id: string; name: string } | null }[];
    }>(a.session, 'GET', `/contacts/${contact.id}/timeline`);
    expect(timeline.items.map((i) => [i.kind, i.by])).toEqual([
      ['stage', { id: mo.userId, name: 'Mo Removed' }],
      ['interaction', { id: mo.userId, name: 'Mo Removed' }],
    ]);
    const audit = await ok<AuditPage>(a.session, 'GET', '/audit?limit=1');
    expect(audit.items[0]).toMatchObject({
      action: 'team.member_removed',
      subjectId: mo.userId,
      detail: { tokensRevoked: 1, feedsRevoked: 1 },
    });
    // The CLI's account creation leaves a session of its own beside the sign-in's: both ended.
    expect(audit.items[0]?.detail).toMatchObject({ sessionsEnded: expect.any(Number) });
    expect(JSON.stringify(audit.items[0]?.detail)).not.toMatch(/"sessionsEnded":0/);
    await expectProblem(
      await a.session.request('DELETE', `/members/${mo.userId}`),
      404,
      'not_found',
    );
  });
});
