/**
 * Letters and the outbox through the API: templates, drafts under consent (§3.2), messages
 * written with the change they cause, PDF letters, one-click opt-out, bad input and
 * another practice's ids.
 */
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayMs } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import type { Problem } from '../platform/errors.ts';
import { ok as expectOk } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  type Caller,
  caller,
  countRows,
  type SeededPractice,
  testTargets,
} from '../test-support/testing.ts';

type Json = Record<string, unknown> & { id: string };

/** Untyped answers read as JSON objects with an id. */
const ok = <T = Json>(who: Caller, method: string, url: string, body?: unknown) =>
  expectOk<T>(who, method, url, body);

async function problem(
  who: Caller,
  method: string,
  url: string,
  body: unknown,
  status: number,
  field?: string,
): Promise<Problem> {
  const res = await who.request(method, url, body);
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const p = JSON.parse(text) as Problem;
  if (field)
    expect(
      p.errors?.map((e) => e.field),
      text,
    ).toContain(field);
  return p;
}

/** A `problem` that leaves every table as it was. */
async function refused(deps: Deps, ...call: Parameters<typeof problem>): Promise<Problem> {
  const before = await countRows(deps);
  const answer = await problem(...call);
  expect(await countRows(deps)).toEqual(before);
  return answer;
}

describe.each(testTargets)('letters and outbox on %s', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  const ids = {
    referrer: '',
    referred: '',
    noEmail: '',
    partner: '',
    referral: '',
    consented: '',
    commitment: '',
    given: '',
    bReferral: '',
    bContact: '',
    bMessage: '',
  };

  const contact = (who: SeededPractice, body: Record<string, unknown>) =>
    ok(who.bearer, 'POST', '/contacts', body).then((c) => c.id);

  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Harbor Counseling', 'Other Practice']);
  beforeAll(async () => {
    await ok(a.bearer, 'PATCH', '/practice', {
      postalAddress: '12 Quay Street, Portsmouth',
      valueProposition: 'I help couples talk again.',
      profession: 'coach',
    });
    ids.referrer = await contact(a, {
      name: 'Rita Referrer',
      email: 'rita@example.com',
      emailConsent: true,
      stage: 'trusts',
    });
    ids.noEmail = await contact(a, { name: 'Quiet Quentin', email: 'q@example.com' });
    ids.partner = await contact(a, {
      name: 'Paul Partner',
      email: 'paul@example.com',
      emailConsent: true,
    });
    const referral = await ok(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: ids.referrer },
      referred: { name: 'Zelda Zimmerman' },
      channel: 'phone',
      need: 'marriage counselling after the affair',
    });
    ids.referral = referral.id;
    ids.referred = (referral.referred as { id: string }).id;
    const consented = await ok(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: ids.referrer },
      referred: { name: 'Carl Consent' },
      channel: 'email',
      consentToUpdate: true,
      need: 'needs help with a custody dispute',
    });
    ids.consented = consented.id;
    await ok(a.bearer, 'POST', `/referrals/${ids.consented}/status`, { status: 'contacted' });
    const commitment = await ok<{ commitment: Json }>(
      a.bearer,
      'POST',
      `/contacts/${ids.referrer}/commitments`,
      {
        promisedCount: 5,
        incentiveForReferrer: 'a dinner for two at the Harbour Inn',
        incentiveForReferred: 'a free first session',
        madeAt: '2026-02-01T10:00:00.000Z',
      },
    );
    ids.commitment = commitment.commitment.id;
    const given = await ok(a.bearer, 'POST', '/referrals-given', {
      person: { name: 'Gina Given', email: 'gina@example.com' },
      partnerId: ids.partner,
      reason: 'She needs a tax adviser.',
    });
    ids.given = given.id;
    ids.bContact = await contact(b, {
      name: 'B Ref',
      email: 'bref@example.com',
      emailConsent: true,
    });
    const bReferral = await ok(b.bearer, 'POST', '/referrals', {
      referrer: { contactId: ids.bContact },
      referred: { name: 'B Person' },
      channel: 'phone',
    });
    ids.bReferral = bReferral.id;
    const bMessage = await ok(b.bearer, 'POST', '/messages', {
      templateKey: 'thanks_referral',
      referralId: ids.bReferral,
      channel: 'letter',
    });
    ids.bMessage = bMessage.id;
  });

  it('lists the shipped templates with their merge fields and the consent each needs', async () => {
    const { items } = await ok<{ items: Array<Json & { key: string; mergeFields: Json[] }> }>(
      a.bearer,
      'GET',
      '/letter-templates',
    );
    expect(items.map((t) => t.key)).toEqual(
      expect.arrayContaining([
        'ask',
        'thanks_referral',
        'thanks_conversion',
        'referrer_update',
        'partner_notification',
        'commitment_reminder',
        'given_check_in',
        'survey_invitation',
        'weekly_digest',
      ]),
    );
    const update = items.find((t) => t.key === 'referrer_update');
    expect(update?.audience).toBe('referrer');
    expect(update?.mergeFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'referred.name', consent: 'with_consent' }),
        expect.objectContaining({ name: 'referral.seen', consent: 'treating_provider' }),
        expect.objectContaining({ name: 'referrer.firstName', consent: 'always' }),
      ]),
    );
  });

  it('a practice edits a template, unknown fields are refused naming them, and it can go back', async () => {
    const before = await countRows(ctx.deps);
    const p = await problem(
      a.bearer,
      'PUT',
      '/letter-templates/ask',
      {
        subject: 'Hi',
        body: 'Hello {{recipient.firstName}} {{referral.need}}',
      },
      400,
      'body',
    );
    expect(p.detail).toContain('{{referral.need}}');
    expect(await countRows(ctx.deps)).toEqual(before);
    const edited = await ok(a.bearer, 'PUT', '/letter-templates/ask', {
      subject: 'A favour, {{recipient.firstName}}',
      body: 'Hello {{recipient.firstName}}, from {{practice.name}}.',
    });
    expect(edited.isEdited).toBe(true);
    const draft = await ok(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'ask',
      contactId: ids.referrer,
    });
    // Letters are formal by default: a contact without a title is addressed by their full name.
    expect(draft.body).toBe('Hello Rita Referrer, from Harbor Counseling.');
    expect(draft.subject).toBe('A favour, Rita Referrer');
    expect((await a.bearer.request('DELETE', '/letter-templates/ask')).status).toBe(204);
    const back = await ok(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'ask',
      contactId: ids.referrer,
    });
    expect(back.body).toContain('I help couples talk again.');
  });

  it('without consent a thank-you never names the person or the need; an update is a 422 naming the field', async () => {
    const draft = await ok(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'thanks_referral',
      referralId: ids.referral,
    });
    expect(draft.isReferrerFacing).toBe(true);
    expect(draft.to).toEqual({
      contactId: ids.referrer,
      name: 'Rita Referrer',
      email: 'rita@example.com',
      emailConsent: true,
    });
    expect(draft.body).toContain('Dear Rita');
    expect(JSON.stringify(draft)).not.toMatch(/Zelda|affair/);
    expect(draft.blockedFields).toEqual(['referred.name', 'referral.milestone', 'referral.seen']);
    const p = await problem(
      a.bearer,
      'POST',
      '/letters/draft',
      {
        templateKey: 'referrer_update',
        referralId: ids.referral,
      },
      422,
      'referred.name',
    );
    expect(p.detail).toContain('did not consent: {{referred.name}} cannot be used');
    // The practice edits the thank-you to name the person: still refused at render.
    await ok(a.bearer, 'PUT', '/letter-templates/thanks_referral', {
      subject: 'Thanks',
      body: 'Thanks for sending {{referred.name}} — {{referral.milestone}}.',
    });
    await problem(
      a.bearer,
      'POST',
      '/letters/draft',
      { templateKey: 'thanks_referral', referralId: ids.referral },
      422,
      'referred.name',
    );
    await a.bearer.request('DELETE', '/letter-templates/thanks_referral');
  });

  it('with consent an update states the milestone, never the need', async () => {
    const draft = await ok(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'referrer_update',
      referralId: ids.consented,
    });
    expect(draft.body).toContain('Carl Consent');
    expect(draft.body).toContain('we have been in touch');
    expect(draft.body).not.toContain('custody');
    await problem(
      a.bearer,
      'POST',
      '/letters/draft',
      { templateKey: 'treating_provider_update', referralId: ids.consented },
      422,
      'referral.seen',
    );
  });

  it('under the health profile a treating provider may be told seen/scheduled without consent', async () => {
    await ok(a.bearer, 'PATCH', `/contacts/${ids.referrer}`, { isTreatingProvider: true });
    // Not under the health profile: a treating provider is told nothing without consent.
    await problem(
      a.bearer,
      'POST',
      '/letters/draft',
      { templateKey: 'treating_provider_update', referralId: ids.referral },
      422,
      'referred.name',
    );
    const referralAs = async () =>
      (await ok<{ referrerMayBeTold: boolean }>(a.bearer, 'GET', `/referrals/${ids.referral}`))
        .referrerMayBeTold;
    expect(await referralAs()).toBe(false);
    await ok(a.bearer, 'PATCH', '/practice', { profession: 'health' });
    // The referral says so too, for the page that offers the conversion thank-you (one rule).
    expect(await referralAs()).toBe(true);
    expect(
      (await ok<{ referrerMayBeTold: boolean }>(a.bearer, 'GET', `/referrals/${ids.consented}`))
        .referrerMayBeTold,
    ).toBe(true);
    const draft = await ok(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'treating_provider_update',
      referralId: ids.referral,
    });
    expect(draft.body).toContain('Zelda Zimmerman, whom you referred to me, is being scheduled');
    expect(draft.body).not.toContain('affair');
    // Milestones still need consent.
    await problem(
      a.bearer,
      'POST',
      '/letters/draft',
      { templateKey: 'referrer_update', referralId: ids.referral },
      422,
      'referral.milestone',
    );
    await ok(a.bearer, 'PATCH', '/practice', { profession: 'coach' });
    await ok(a.bearer, 'PATCH', `/contacts/${ids.referrer}`, { isTreatingProvider: false });
    expect(await referralAs()).toBe(false);
  });

  it('an edited draft that types the name in is refused too', async () => {
    await refused(
      ctx.deps,
      a.bearer,
      'POST',
      '/messages',
      {
        templateKey: 'thanks_referral',
        referralId: ids.referral,
        channel: 'letter',
        body: 'Thank you for sending Zelda Zimmerman my way.',
      },
      422,
      'body',
    );
  });

  it('typed text naming the person, a word of their need or a status is a 422 naming the word', async () => {
    const before = await countRows(ctx.deps);
    const cases: [Record<string, string>, string, string][] = [
      [{ body: 'Thanks for sending Zelda!' }, 'body', '"Zelda"'],
      [{ subject: 'About the AFFAIR' }, 'subject', '"AFFAIR"'],
      [{ body: 'Good news: they became a client.' }, 'body', '"became a client"'],
      [{ body: 'They booked a first call.' }, 'body', '"booked"'],
    ];
    for (const [texts, field, word] of cases) {
      const p = await problem(
        a.bearer,
        'POST',
        '/messages',
        { templateKey: 'thanks_referral', referralId: ids.referral, channel: 'letter', ...texts },
        422,
        field,
      );
      expect(p.errors?.[0]?.message).toContain(word);
    }
    // The same words in a letter to a contact (not about a referred person) are no one's secret.
    await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'ask',
      contactId: ids.partner,
      channel: 'letter',
      body: 'Zelda booked an appointment after the affair.',
    }).then((m) => ctx.deps.db.deleteFrom('message').where('id', '=', m.id).execute());
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('sending the thank-you queues the email, records the thank-you and audits it, in one go', async () => {
    const msg = await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'thanks_referral',
      referralId: ids.referral,
      channel: 'email',
    });
    expect(msg).toMatchObject({
      status: 'queued',
      statusLabel: 'not sent — SMTP not configured',
      channel: 'email',
      to: { contactId: ids.referrer, name: 'Rita Referrer', email: 'rita@example.com' },
      attempts: 0,
      providerId: null,
      sentAt: null,
    });
    const referral = await ok<{ thanks: { referral: { state: string; thankedAt: string } } }>(
      a.bearer,
      'GET',
      `/referrals/${ids.referral}`,
    );
    expect(referral.thanks.referral).toMatchObject({
      state: 'done',
      thankedAt: clock.now().toISOString(),
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('practice_id', '=', a.practiceId)
      .where('action', '=', 'message.to_referrer')
      .where('subject_id', '=', msg.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(a.userId);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      templateKey: 'thanks_referral',
      toContactId: ids.referrer,
    });
    // A second thank-you for the same referral is refused and writes nothing.
    await refused(
      ctx.deps,
      a.bearer,
      'POST',
      '/messages',
      { templateKey: 'thanks_referral', referralId: ids.referral, channel: 'letter' },
      409,
      'cause',
    );
    const list = await ok<{ items: Json[] }>(a.bearer, 'GET', '/messages?status=queued');
    expect(list.items.map((m) => m.id)).toContain(msg.id);
  });

  it('no email without consent: 422 on to.emailConsent, nothing written', async () => {
    await refused(
      ctx.deps,
      a.bearer,
      'POST',
      '/messages',
      { templateKey: 'ask', contactId: ids.noEmail, channel: 'email' },
      422,
      'to.emailConsent',
    );
    // As a letter it is fine.
    const letter = await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'ask',
      contactId: ids.noEmail,
      channel: 'letter',
    });
    expect(letter.status).toBe('draft');
  });

  it('the commitment reminder restates both incentives and counts the reminder', async () => {
    const msg = await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'commitment_reminder',
      commitmentId: ids.commitment,
      channel: 'letter',
    });
    expect(msg.body).toContain('pick up where we left off');
    expect(msg.body).toContain('1 February 2026');
    expect(msg.body).toContain('a dinner for two at the Harbour Inn');
    expect(msg.body).toContain('a free first session');
    expect(msg.body).toMatch(/rather spend .* than on advertising/);
    const commitment = await ok(a.bearer, 'GET', `/commitments/${ids.commitment}`);
    expect(commitment).toMatchObject({
      remindersSent: 1,
      lastReminderAt: clock.now().toISOString(),
    });

    // The PDF carries the letterhead and the letter.
    const res = await a.bearer.request('GET', `/messages/${msg.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(await res.arrayBuffer()), {
      mergePages: true,
    });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Harbor Counseling');
    expect(flat).toContain('12 Quay Street, Portsmouth');
    expect(flat).toContain('Picking up where we left off');
    expect(flat).toContain('a free first session');
  });

  it('the partner notification records that the partner was told', async () => {
    const msg = await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'partner_notification',
      givenId: ids.given,
      channel: 'email',
    });
    expect(msg.subject).toBe('An introduction: Gina Given');
    expect(msg.body).toContain('She needs a tax adviser.');
    const given = await ok(a.bearer, 'GET', `/referrals-given/${ids.given}`);
    expect(given.partnerNotifiedAt).toBe(clock.now().toISOString());
  });

  it('the weekly digest goes to the team member who asks', async () => {
    const draft = await ok<{ to: Json; body: string }>(a.bearer, 'POST', '/letters/draft', {
      templateKey: 'weekly_digest',
    });
    expect(draft.to.contactId).toBeNull();
    expect(draft.body).toContain('This week: 2 referrals received');
  });

  it('opt-out GET (as a mail scanner does) only shows a button that POSTs; it changes nothing', async () => {
    const { signOptOutToken } = await import('../outbox/outbox.rules.ts');
    const token = signOptOutToken(ctx.deps.config.secret, {
      practiceId: a.practiceId,
      contactId: ids.partner,
      issuedAt: clock.now().toISOString(),
    });
    const res = await ctx.app.request(`/api/v1/public/opt-out/${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Nothing has changed yet');
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect((await ok(a.bearer, 'GET', `/contacts/${ids.partner}`)).emailConsent).toBe(true);
    const bad = await ctx.app.request(`/api/v1/public/opt-out/${token.slice(0, -3)}abc`);
    expect(bad.status).toBe(400);
  });

  it('opt-out works without signing in, at once, idempotently, and 30 days later', async () => {
    const token = (await import('../outbox/outbox.rules.ts')).signOptOutToken(
      ctx.deps.config.secret,
      {
        practiceId: a.practiceId,
        contactId: ids.partner,
        issuedAt: clock.now().toISOString(),
      },
    );
    const queued = await ok(a.bearer, 'POST', '/messages', {
      templateKey: 'ask',
      contactId: ids.partner,
      channel: 'email',
    });
    const at = clock.now().toISOString();
    clock.set(new Date(Date.parse(at) + 30 * dayMs));
    try {
      const res = await ctx.app.request(`/api/v1/public/opt-out/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(
        'You will no longer receive emails from Harbor Counseling',
      );
      const partner = await ok(a.bearer, 'GET', `/contacts/${ids.partner}`);
      expect(partner.emailConsent).toBe(false);
      // The email still waiting for them is not sent.
      expect(await ok(a.bearer, 'GET', `/messages/${queued.id}`)).toMatchObject({
        status: 'failed',
      });
      const again = await ctx.app.request(`/api/v1/public/opt-out/${token}`, { method: 'POST' });
      expect(again.status).toBe(200);
      const audits = await ctx.deps.db
        .selectFrom('audit_log')
        .select('id')
        .where('practice_id', '=', a.practiceId)
        .where('subject_id', '=', ids.partner)
        .where('action', '=', 'contact.email_consent_changed')
        .execute();
      expect(audits).toHaveLength(1);
      await problem(
        a.bearer,
        'POST',
        '/messages',
        { templateKey: 'ask', contactId: ids.partner, channel: 'email' },
        422,
        'to.emailConsent',
      );
      const bad = await ctx.app.request(`/api/v1/public/opt-out/${token.slice(0, -3)}abc`, {
        method: 'POST',
      });
      expect(bad.status).toBe(400);
    } finally {
      clock.set(at);
    }
  });

  it('SMTP settings never return the password; omit keeps it, and it is stored encrypted', async () => {
    expect(await ok(a.bearer, 'GET', '/smtp')).toMatchObject({
      configured: false,
      hasPassword: false,
    });
    const saved = await ok(a.bearer, 'PUT', '/smtp', {
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      username: 'me',
      password: 'pa55word-secret',
      fromEmail: 'office@harbor.example',
    });
    expect(saved).toEqual({
      configured: true,
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      username: 'me',
      hasPassword: true,
      fromEmail: 'office@harbor.example',
      fromName: null,
      verifiedAt: null,
    });
    expect(JSON.stringify(saved)).not.toContain('pa55word');
    const row = await ctx.deps.db
      .selectFrom('smtp_settings')
      .selectAll()
      .where('practice_id', '=', a.practiceId)
      .executeTakeFirstOrThrow();
    expect(row.password_encrypted).not.toContain('pa55word');
    const kept = await ok(a.bearer, 'PUT', '/smtp', {
      host: '127.0.0.1',
      port: 2526,
      security: 'none',
      username: 'me',
      fromEmail: 'office@harbor.example',
    });
    expect(kept.hasPassword).toBe(true);
    const queued = await ok<{ items: Json[] }>(a.bearer, 'GET', '/messages?status=queued');
    expect(queued.items[0]?.statusLabel).toBe('queued');
    expect((await a.bearer.request('DELETE', '/smtp')).status).toBe(204);
    expect(await ok(a.bearer, 'GET', '/smtp')).toMatchObject({ configured: false });
  });

  it('paginates the outbox with a cursor', async () => {
    const first = await ok<{ items: Json[]; nextCursor: string }>(
      a.bearer,
      'GET',
      '/messages?limit=2',
    );
    expect(first.items).toHaveLength(2);
    const second = await ok<{ items: Json[] }>(
      a.bearer,
      'GET',
      `/messages?limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.items.map((m) => m.id)).not.toContain(first.items[1]?.id);
  });

  describe('bad input: problem+json naming the field, nothing written', () => {
    const cases: Array<[string, string, string, unknown, number, string]> = [
      ['unknown key', 'PUT', '/letter-templates/nope', { subject: 'a', body: 'b' }, 404, 'key'],
      ['empty body', 'PUT', '/letter-templates/ask', { subject: 'a', body: '' }, 400, 'body'],
      ['extra field', 'PUT', '/letter-templates/ask', { subject: 'a', body: 'b', x: 1 }, 400, 'x'],
      [
        'too long subject',
        'PUT',
        '/letter-templates/ask',
        { subject: 'x'.repeat(201), body: 'b' },
        400,
        'subject',
      ],
      ['unknown template', 'POST', '/letters/draft', { templateKey: 'nope' }, 400, 'templateKey'],
      [
        'missing id',
        'POST',
        '/letters/draft',
        { templateKey: 'thanks_referral' },
        400,
        'referralId',
      ],
      [
        'wrong id',
        'POST',
        '/letters/draft',
        { templateKey: 'ask', referralId: 'x' },
        400,
        'referralId',
      ],
      [
        'bad id',
        'POST',
        '/letters/draft',
        { templateKey: 'ask', contactId: 'a b' },
        400,
        'contactId',
      ],
      [
        'missing channel',
        'POST',
        '/messages',
        { templateKey: 'ask', contactId: 'x' },
        400,
        'channel',
      ],
      [
        'bad channel',
        'POST',
        '/messages',
        { templateKey: 'ask', contactId: 'x', channel: 'fax' },
        400,
        'channel',
      ],
      [
        'wrong cause',
        'POST',
        '/messages',
        {
          templateKey: 'thanks_referral',
          referralId: 'R',
          channel: 'letter',
          cause: 'thanks_conversion',
        },
        400,
        'cause',
      ],
      [
        'unknown field in edit',
        'POST',
        '/messages',
        { templateKey: 'ask', contactId: 'C', channel: 'letter', body: '{{referral.need}}' },
        400,
        'body',
      ],
      ['bad status', 'GET', '/messages?status=lost', undefined, 400, 'status'],
      ['bad cursor', 'GET', '/messages?cursor=abc', undefined, 400, 'cursor'],
      ['bad limit', 'GET', '/messages?limit=0', undefined, 400, 'limit'],
      ['no host', 'PUT', '/smtp', { port: 25, security: 'none', fromEmail: 'a@b.co' }, 400, 'host'],
      [
        'bad port',
        'PUT',
        '/smtp',
        { host: 'h', port: 70000, security: 'none', fromEmail: 'a@b.co' },
        400,
        'port',
      ],
      [
        'bad security',
        'PUT',
        '/smtp',
        { host: 'h', port: 25, security: 'ssl', fromEmail: 'a@b.co' },
        400,
        'security',
      ],
      [
        'bad from',
        'PUT',
        '/smtp',
        { host: 'h', port: 25, security: 'none', fromEmail: 'nope' },
        400,
        'fromEmail',
      ],
      ['bad test to', 'POST', '/smtp/test', { to: 'nope' }, 400, 'to'],
      ['bad message id', 'GET', '/messages/a%20b', undefined, 400, 'id'],
    ];
    it.each(cases)('%s', async (_name, method, url, body, status, field) => {
      const filled = JSON.parse(
        JSON.stringify(body ?? null)
          .replaceAll('"R"', JSON.stringify(ids.referral))
          .replaceAll('"C"', JSON.stringify(ids.referrer)),
      );
      await refused(ctx.deps, a.bearer, method, url, filled ?? undefined, status, field);
    });
    it('needs a JSON body', async () => {
      const res = await a.bearer.request('POST', '/messages', 'x=1', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(res.status).toBe(415);
    });
    it('needs a caller', async () => {
      for (const [method, url] of [
        ['GET', '/messages'],
        ['GET', '/smtp'],
        ['GET', '/letter-templates'],
        ['POST', '/letters/draft'],
      ] as const) {
        const res = await caller(ctx).request(method, url, method === 'POST' ? {} : undefined);
        expect(res.status, url).toBe(401);
      }
    });
    it('smtp test without settings is a 422', async () => {
      await problem(a.bearer, 'POST', '/smtp/test', {}, 422);
    });
  });

  describe("another practice's ids are simply not found", () => {
    const cases: Array<[string, string, (i: typeof ids) => unknown, string | undefined]> = [
      ['GET', '/messages/:bMessage', () => undefined, undefined],
      ['GET', '/messages/:bMessage/pdf', () => undefined, undefined],
      ['POST', '/messages/:bMessage/retry', () => ({}), undefined],
      [
        'POST',
        '/letters/draft',
        (i) => ({ templateKey: 'thanks_referral', referralId: i.bReferral }),
        'referralId',
      ],
      [
        'POST',
        '/letters/draft',
        (i) => ({ templateKey: 'ask', contactId: i.bContact }),
        'contactId',
      ],
      [
        'POST',
        '/letters/draft',
        (i) => ({ templateKey: 'commitment_reminder', commitmentId: i.bReferral }),
        'commitmentId',
      ],
      [
        'POST',
        '/letters/draft',
        (i) => ({ templateKey: 'partner_notification', givenId: i.bReferral }),
        'givenId',
      ],
      [
        'POST',
        '/messages',
        (i) => ({ templateKey: 'thanks_referral', referralId: i.bReferral, channel: 'letter' }),
        'referralId',
      ],
      [
        'POST',
        '/messages',
        (i) => ({ templateKey: 'ask', contactId: i.bContact, channel: 'email' }),
        'contactId',
      ],
    ];
    it.each(cases)('%s %s', async (method, url, body, field) => {
      await refused(
        ctx.deps,
        a.bearer,
        method,
        url.replace(':bMessage', ids.bMessage),
        body(ids),
        404,
        field,
      );
    });
    it("B's outbox and templates never show A's", async () => {
      const list = await ok<{ items: Json[] }>(b.bearer, 'GET', '/messages');
      expect(list.items.map((m) => m.id)).toEqual([ids.bMessage]);
      const t = await ok<{ items: Array<{ isEdited: boolean }> }>(
        b.bearer,
        'GET',
        '/letter-templates',
      );
      expect(t.items.every((x) => !x.isEdited)).toBe(true);
    });
  });
});

describe.each(testTargets)('what a referrer may be told, on %s (§3.2)', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  let referrerId = '';
  let contactId = '';

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Calm Minds']);
  beforeAll(async () => {
    await ok(a.bearer, 'PATCH', '/practice', { profession: 'counselor' });
    referrerId = (await ok(a.bearer, 'POST', '/contacts', { name: 'Rita Referrer' })).id;
    contactId = (await ok(a.bearer, 'POST', '/contacts', { name: 'Paul Partner' })).id;
  });

  it('"they gave permission" records the consent (audited) and lets name and status through, never the need', async () => {
    const referral = await ok(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: referrerId },
      referred: { name: 'Zebulon Quist' },
      channel: 'phone',
      need: 'panic attacks',
    });
    const send = (body: string, extra: Record<string, unknown> = {}) =>
      a.bearer.request('POST', '/messages', {
        templateKey: 'thanks_referral',
        referralId: referral.id,
        channel: 'letter',
        body,
        ...extra,
      });
    expect((await send('Thanks for sending Zebulon! They became a client.')).status).toBe(422);
    // With permission, the need is still never told; and the consent is not recorded either.
    const need = await send('About the panic.', { referredPersonConsented: true });
    expect(need.status).toBe(422);
    expect((await ok(a.bearer, 'GET', `/referrals/${referral.id}`)).consentToUpdate).toBe(false);
    const sent = await send('Thanks for sending Zebulon! They became a client.', {
      referredPersonConsented: true,
    });
    expect(sent.status).toBe(201);
    expect((await ok(a.bearer, 'GET', `/referrals/${referral.id}`)).consentToUpdate).toBe(true);
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', referral.id)
      .execute();
    expect(audits.map((r) => r.action)).toContain('referral.consent_changed');
    expect(JSON.stringify(audits)).not.toContain('Zebulon');
    await problem(
      a.bearer,
      'POST',
      '/messages',
      {
        templateKey: 'ask',
        contactId: contactId,
        channel: 'letter',
        referredPersonConsented: true,
      },
      400,
      'referredPersonConsented',
    );
  });

  /**
   * A message about a referral moved to `status` is refused, writing nothing, until the
   * referrer may be told; then it is sent.
   */
  async function refusedUntilConsent(name: string, status: string, message: object) {
    const referral = await ok(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: referrerId },
      referred: { name },
      channel: 'phone',
    });
    await ok(a.bearer, 'POST', `/referrals/${referral.id}/status`, { status });
    const body = { ...message, referralId: referral.id };
    await refused(
      ctx.deps,
      a.bearer,
      'POST',
      '/messages',
      { ...body, channel: 'letter' },
      422,
      'templateKey',
    );
    await ok(a.bearer, 'PATCH', `/referrals/${referral.id}`, { consentToUpdate: true });
    await ok(a.bearer, 'POST', '/messages', { ...body, channel: 'letter' });
  }

  it('a conversion thank-you is never drafted or sent without consent: its timing tells', async () => {
    await refusedUntilConsent('Xavier Silent', 'client', { templateKey: 'thanks_conversion' });
  });

  it('an update is never sent without consent, even with its fields edited out: its timing tells', async () => {
    await refusedUntilConsent('Yusuf Quiet', 'contacted', {
      templateKey: 'referrer_update',
      subject: 'A short note',
      body: 'A short update, with thanks.',
    });
  });

  it('editing or resetting a referrer-facing template is audited; other templates are not', async () => {
    const audited = () =>
      ctx.deps.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('practice_id', '=', a.practiceId)
        .where('subject_type', '=', 'letter_template')
        .execute();
    const before = (await audited()).length;
    const text = { subject: 'Thank you', body: 'Dear {{referrer.firstName}}, thank you.' };
    await ok(a.bearer, 'PUT', '/letter-templates/thanks_conversion', text);
    expect((await a.bearer.request('DELETE', '/letter-templates/thanks_conversion')).status).toBe(
      204,
    );
    await ok(a.bearer, 'PUT', '/letter-templates/ask', { subject: 'Hi', body: 'Hello' });
    expect((await a.bearer.request('DELETE', '/letter-templates/ask')).status).toBe(204);
    expect((await audited()).slice(before)).toEqual([
      { action: 'letter_template.edited', subject_id: 'thanks_conversion' },
      { action: 'letter_template.reset', subject_id: 'thanks_conversion' },
    ]);
  });
});
