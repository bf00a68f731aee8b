/**
 * Warm introductions (issue 12 §6, PRODUCT.md §3.9) through the API on both databases: the
 * referral recorded or marked, the draft, its mailto, the email queued with the referrer in Cc,
 * and what is refused without writing anything.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { signOptOutToken } from '../outbox/outbox.rules.ts';
import type { Message } from '../outbox/outbox.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, testTargets } from '../test-support/testing.ts';
import type { Introduction } from './introduction.schemas.ts';
import type { ReferralDetail } from './referral.schemas.ts';

const bookingUrl = 'https://cal.com/harbor/first-session';
const valueProposition = 'Ana helps couples in conflict find their way back to each other.';

describe.each(testTargets)('warm introductions (%s)', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Harbor Counseling', 'Other Practice']);
  const c: Record<string, string> = {};

  const contact = async (body: Record<string, unknown>) =>
    (await ok<ContactDetail>(a.session, 'POST', '/contacts', body)).id;
  const introduce = (body: Record<string, unknown>) =>
    a.session.request('POST', '/introductions', body);
  const created = async (body: Record<string, unknown>) => {
    const res = await introduce(body);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    return JSON.parse(text) as Introduction;
  };
  /** A refusal with this status, code and field that writes nothing at all. */
  const refused = async (
    body: Record<string, unknown>,
    status: number,
    code: Parameters<typeof expectProblem>[2],
    field: string,
  ) => {
    const before = await countRows(ctx.deps);
    await expectProblem(await introduce(body), status, code, [field]);
    expect(await countRows(ctx.deps)).toEqual(before);
  };

  beforeAll(async () => {
    await ok(a.session, 'PATCH', '/practice', {
      valueProposition,
      bookingUrl,
      postalAddress: '12 Harbor Rd, Portland, ME 04101',
    });
    c.ann = await contact({ name: 'Ann Archer', email: 'ann@example.com', stage: 'likes' });
    c.bob = await contact({ name: 'Bob Stone', email: 'Bob.Stone@Example.com' });
    c.rex = await contact({ name: 'Rex Roe' });
  });

  it('records a warm-handoff referral and makes the person a contact; the draft names both with the booking link', async () => {
    const before = await countRows(ctx.deps);
    const intro = await created({
      referrerId: c.ann,
      person: { name: 'Cara Lee', email: 'cara@example.com' },
      note: 'Cara is free most mornings.',
    });
    expect(intro.message).toBeNull();
    expect(intro.referral).toMatchObject({
      referrer: { id: c.ann, name: 'Ann Archer' },
      referred: { name: 'Cara Lee' },
      channel: 'email',
      warmHandoff: true,
      status: 'new',
      receivedAt: '2026-06-15T12:00:00.000Z',
    });
    expect(intro.referral.events.map((e) => e.kind)).toEqual(['created']);
    expect(intro.draft.to).toEqual({ name: 'Cara Lee', email: 'cara@example.com' });
    expect(intro.draft.cc).toEqual({ name: 'Ann Archer', email: 'ann@example.com' });
    expect(intro.draft.subject).toBe('Ann Archer suggested we talk');
    for (const part of ['Dear Cara Lee,', 'Ann Archer', valueProposition, bookingUrl])
      expect(intro.draft.body).toContain(part);
    expect(intro.draft.body).toContain('Cara is free most mornings.');
    expect(intro.draft.body).toMatch(/Warm regards,\nHarbor Counseling$/);
    const url = new URL(intro.draft.mailto);
    expect(url.protocol).toBe('mailto:');
    expect(decodeURIComponent(url.pathname)).toBe('cara@example.com');
    expect(url.searchParams.get('cc')).toBe('ann@example.com');
    expect(url.searchParams.get('subject')).toBe(intro.draft.subject);
    expect(url.searchParams.get('body')).toBe(intro.draft.body.replace(/\n/g, '\r\n'));

    const cara = await ok<ContactDetail>(
      a.session,
      'GET',
      `/contacts/${intro.referral.referred?.id}`,
    );
    expect(cara).toMatchObject({ email: 'cara@example.com', stage: 'met', roles: ['prospect'] });
    const ann = await ok<ContactDetail>(a.session, 'GET', `/contacts/${c.ann}`);
    expect(ann.stage).toBe('refers');
    const after = await countRows(ctx.deps);
    expect(Number(after.contact) - Number(before.contact)).toBe(1);
    expect(Number(after.referral) - Number(before.referral)).toBe(1);
    expect(Number(after.message) - Number(before.message)).toBe(0);
  });

  it("uses the practice's contact with the typed email, in any case", async () => {
    const before = await countRows(ctx.deps);
    const intro = await created({
      referrerId: c.ann,
      person: { name: 'Bobby', email: 'BOB.stone@example.COM' },
    });
    expect(intro.referral.referred).toEqual({ id: c.bob, name: 'Bob Stone' });
    // The draft greets the person as typed for this email, nothing stored about them.
    expect(intro.draft.to).toEqual({ name: 'Bobby', email: 'BOB.stone@example.COM' });
    expect(intro.draft.body.startsWith('Dear Bobby,')).toBe(true);
    expect((await countRows(ctx.deps)).contact).toBe(before.contact);
  });

  it('marks a recorded referral as a warm handoff; one without a referrer must get it set first', async () => {
    const plain = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Dee Dunn', email: 'dee@example.com' },
      referrer: { unknown: true },
      channel: 'phone',
      need: 'A private need',
    });
    const before = await countRows(ctx.deps);
    // §3.2: naming a referrer here would tell them about someone who never said they know them.
    await refused(
      {
        referrerId: c.ann,
        referralId: plain.id,
        person: { name: 'Dee', email: 'dee@example.com' },
      },
      422,
      'unprocessable',
      'referrerId',
    );
    expect(await countRows(ctx.deps)).toEqual(before);
    await ok(a.session, 'PATCH', `/referrals/${plain.id}`, { referrer: { contactId: c.ann } });
    // §3.2: for a referral already recorded the email is an update, which needs their consent.
    await refused(
      {
        referrerId: c.ann,
        referralId: plain.id,
        person: { name: 'Dee', email: 'dee@example.com' },
      },
      422,
      'unprocessable',
      'referralId',
    );
    await ok(a.session, 'PATCH', `/referrals/${plain.id}`, { consentToUpdate: true });
    const intro = await created({
      referrerId: c.ann,
      referralId: plain.id,
      person: { name: 'Dee', email: 'dee@example.com' },
    });
    expect(intro.referral).toMatchObject({
      id: plain.id,
      warmHandoff: true,
      referrer: { id: c.ann },
      channel: 'phone',
      status: 'new',
    });
    // §3.2: nothing stored about the person reaches the draft.
    expect(intro.draft.body).not.toContain('private need');
    const after = await countRows(ctx.deps);
    expect(after.referral).toBe(before.referral);
    expect(after.contact).toBe(before.contact);
    // Another introduction of it by the same referrer is fine; the email may also be new.
    const again = await created({
      referrerId: c.ann,
      referralId: plain.id,
      person: { name: 'Dee', email: 'dee.dunn@work.example' },
    });
    expect(again.referral.id).toBe(plain.id);
  });

  it('refuses typed text that tells the referrer the need, or where the person stands', async () => {
    const private_ = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Gil Gray', email: 'gil@example.com' },
      referrer: { contactId: c.ann },
      channel: 'phone',
      need: 'gambling debts',
      consentToUpdate: true,
    });
    const base = {
      referrerId: c.ann,
      referralId: private_.id,
      person: { name: 'Gil', email: 'gil@example.com' },
    };
    const before = await countRows(ctx.deps);
    await refused(
      { ...base, note: 'About your gambling debts, we can help.' },
      422,
      'unprocessable',
      'note',
    );
    await refused(
      { ...base, send: true, body: 'Your debts are our speciality.' },
      422,
      'unprocessable',
      'body',
    );
    // Where a new person stands needs their consent, which an introduction does not record.
    await refused(
      {
        referrerId: c.ann,
        person: { name: 'Hal Ho', email: 'hal@example.com' },
        subject: 'Hal became a client',
      },
      422,
      'unprocessable',
      'subject',
    );
    await expectProblem(
      await a.session.request('POST', '/introductions/preview', { ...base, note: 'gambling' }),
      422,
      'unprocessable',
      ['note'],
    );
    expect(await countRows(ctx.deps)).toEqual(before);
    // the person's name is the point of an introduction
    expect((await created({ ...base, note: 'Gil, meet Ann properly.' })).referral.id).toBe(
      private_.id,
    );
  });

  it('refuses a referral of another referrer, a closed one, and an email of another contact', async () => {
    const fromRex = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Eve' },
      referrer: { contactId: c.rex },
      channel: 'phone',
      consentToUpdate: true,
    });
    const person = { name: 'Eve', email: 'eve@example.com' };
    await refused(
      { referrerId: c.ann, referralId: fromRex.id, person },
      422,
      'unprocessable',
      'referrerId',
    );
    await refused(
      {
        referrerId: c.rex,
        referralId: fromRex.id,
        person: { name: 'Eve', email: 'ann@example.com' },
      },
      422,
      'unprocessable',
      'person.email',
    );
    await ok(a.session, 'POST', `/referrals/${fromRex.id}/status`, { status: 'declined' });
    await refused(
      { referrerId: c.rex, referralId: fromRex.id, person },
      409,
      'conflict',
      'referralId',
    );
  });

  it('with send: queues one email to the person with the referrer in Cc, audited, and the referral is contacted', async () => {
    const before = await countRows(ctx.deps);
    const intro = await created({
      referrerId: c.ann,
      person: { name: 'Finn Fox', email: 'finn@example.com' },
      send: true,
    });
    const message = intro.message as Message;
    expect(message).toMatchObject({
      templateKey: 'introduction',
      to: { contactId: intro.referral.referred?.id, name: 'Finn Fox', email: 'finn@example.com' },
      cc: { contactId: c.ann, name: 'Ann Archer', email: 'ann@example.com' },
      subject: intro.draft.subject,
      body: intro.draft.body,
      channel: 'email',
      status: 'queued',
      statusLabel: 'not sent — SMTP not configured',
      isReferrerFacing: true,
    });
    expect(intro.referral).toMatchObject({
      status: 'contacted',
      firstContactAt: '2026-06-15T12:00:00.000Z',
      clock: { state: 'met' },
    });
    expect(intro.referral.events.map((e) => [e.kind, e.toStatus, e.note])).toEqual([
      ['created', 'new', null],
      ['status', 'contacted', 'Introduction emailed.'],
    ]);
    const after = await countRows(ctx.deps);
    expect(Number(after.message) - Number(before.message)).toBe(1);
    expect(await ok<Message>(a.session, 'GET', `/messages/${message.id}`)).toEqual(message);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', message.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('message.to_referrer');
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({
      templateKey: 'introduction',
      channel: 'email',
      toContactId: intro.referral.referred?.id,
      ccContactId: c.ann,
      referralId: intro.referral.id,
      consentToUpdate: false,
    });
  });

  it('sends your edits of the subject and text, and the draft and mailto carry them', async () => {
    const intro = await created({
      referrerId: c.ann,
      person: { name: 'Gus Gray', email: 'gus@example.com' },
      subject: 'Meeting Gus',
      body: 'Hello Gus,\n\nAnn told me about you.',
      send: true,
    });
    expect(intro.message).toMatchObject({
      subject: 'Meeting Gus',
      body: 'Hello Gus,\n\nAnn told me about you.',
    });
    expect(intro.draft).toMatchObject({
      subject: 'Meeting Gus',
      body: 'Hello Gus,\n\nAnn told me about you.',
    });
    expect(new URL(intro.draft.mailto).searchParams.get('body')).toBe(
      'Hello Gus,\r\n\r\nAnn told me about you.',
    );
  });

  it('needs the referrer’s email to send, and honours an opt-out; a draft alone is still fine', async () => {
    await refused(
      { referrerId: c.rex, person: { name: 'Hal', email: 'hal@example.com' }, send: true },
      422,
      'unprocessable',
      'referrerId',
    );
    const draftOnly = await created({
      referrerId: c.rex,
      person: { name: 'Hal', email: 'hal@example.com' },
    });
    expect(draftOnly.draft.cc).toEqual({ name: 'Rex Roe', email: null });
    expect(new URL(draftOnly.draft.mailto).searchParams.has('cc')).toBe(false);

    // Consent given, then withdrawn: an opt-out. (Never having consented is not one.)
    const ivy = await contact({ name: 'Ivy Ives', email: 'ivy@example.com', emailConsent: true });
    await ok(a.session, 'PATCH', `/contacts/${ivy}`, { emailConsent: false });
    await refused(
      { referrerId: c.ann, person: { name: 'Ivy', email: 'ivy@example.com' }, send: true },
      422,
      'unprocessable',
      'person.email',
    );
    await refused(
      { referrerId: ivy, person: { name: 'Jo', email: 'jo@example.com' }, send: true },
      422,
      'unprocessable',
      'referrerId',
    );
    // Consent given again ends the opt-out.
    await ok(a.session, 'PATCH', `/contacts/${ivy}`, { emailConsent: true });
    const sent = await created({
      referrerId: c.ann,
      person: { name: 'Ivy', email: 'ivy@example.com' },
      send: true,
    });
    expect(sent.message?.to.contactId).toBe(ivy);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const person = { name: 'Kim', email: 'kim@example.com' };
    const cases: [Record<string, unknown>, string][] = [
      [{ person }, 'referrerId'],
      [{ referrerId: c.ann }, 'person'],
      [{ referrerId: 'not an id', person }, 'referrerId'],
      [{ referrerId: c.ann, person: { name: 'Kim' } }, 'person.email'],
      [{ referrerId: c.ann, person: { email: 'kim@example.com' } }, 'person.name'],
      [{ referrerId: c.ann, person: { name: 'Kim', email: 'not-an-email' } }, 'person.email'],
      [{ referrerId: c.ann, person: { ...person, phone: '1' } }, 'person.phone'],
      [{ referrerId: c.ann, person, note: 'x'.repeat(2001) }, 'note'],
      [{ referrerId: c.ann, person, subject: '' }, 'subject'],
      [{ referrerId: c.ann, person, body: 'x'.repeat(10_001) }, 'body'],
      [{ referrerId: c.ann, person, send: 'yes' }, 'send'],
      [{ referrerId: c.ann, person, channel: 'phone' }, 'channel'],
    ];
    for (const [body, field] of cases) await refused(body, 400, 'validation', field);
    // The referrer is not the person.
    await refused(
      { referrerId: c.ann, person: { name: 'Ann', email: 'ANN@example.com' } },
      422,
      'unprocessable',
      'person.email',
    );
    const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';
    await refused({ referrerId: missing, person }, 404, 'not_found', 'referrerId');
    await refused(
      { referrerId: c.ann, referralId: missing, person },
      404,
      'not_found',
      'referralId',
    );
  });

  it("another practice's ids are 404 naming the field, and change nothing", async () => {
    const aReferral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Lou' },
      referrer: { unknown: true },
      channel: 'phone',
    });
    const theirs = (
      await ok<ContactDetail>(b.session, 'POST', '/contacts', {
        name: 'Mo',
        email: 'mo@example.com',
      })
    ).id;
    const person = { name: 'Lou', email: 'lou@example.com' };
    for (const [body, field] of [
      [{ referrerId: c.ann, person }, 'referrerId'],
      [{ referrerId: theirs, referralId: aReferral.id, person }, 'referralId'],
      [{ referrerId: c.ann, referralId: aReferral.id, person, send: true }, 'referrerId'],
    ] as const) {
      const before = await countRows(ctx.deps);
      await expectProblem(
        await b.session.request('POST', '/introductions', body),
        404,
        'not_found',
        [field],
      );
      await expectProblem(
        await b.session.request('POST', '/introductions/preview', { ...body, send: undefined }),
        404,
        'not_found',
        [field],
      );
      expect(await countRows(ctx.deps)).toEqual(before);
    }
    const still = await ok<ReferralDetail>(a.session, 'GET', `/referrals/${aReferral.id}`);
    expect(still).toMatchObject({ warmHandoff: false, referrer: null });
  });

  it('previews the same draft, writing nothing', async () => {
    const body = {
      referrerId: c.ann,
      person: { name: 'Nia Noor', email: 'nia@example.com' },
      note: 'Hi!',
    };
    const before = await countRows(ctx.deps);
    const preview = await ok<{ draft: Introduction['draft'] }>(
      a.session,
      'POST',
      '/introductions/preview',
      body,
    );
    expect(await countRows(ctx.deps)).toEqual(before);
    const intro = await created(body);
    expect(preview.draft).toEqual(intro.draft);
    await expectProblem(
      await a.session.request('POST', '/introductions/preview', { ...body, send: true }),
      400,
      'validation',
      ['send'],
    );
  });

  it("the referrer's opt-out link stops the waiting email that copies them, and their erasure deletes it", async () => {
    const pat = await contact({ name: 'Pat Pine', email: 'pat@example.com', emailConsent: true });
    const intro = await created({
      referrerId: pat,
      person: { name: 'Quinn', email: 'quinn@example.com' },
      send: true,
    });
    const messageId = intro.message?.id ?? '';
    const token = signOptOutToken(ctx.deps.config.secret, {
      practiceId: a.practiceId,
      contactId: pat,
      issuedAt: clock.now().toISOString(),
    });
    const res = await ctx.app.request(`/api/v1/public/opt-out/${token}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await ok<Message>(a.session, 'GET', `/messages/${messageId}`)).toMatchObject({
      status: 'failed',
      lastError: 'Not sent: the recipient opted out of email.',
    });
    await ok(a.session, 'DELETE', `/contacts/${pat}`);
    await expectProblem(await a.session.request('GET', `/messages/${messageId}`), 404, 'not_found');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('subject_id', '=', messageId)
      .execute();
    expect(audit.map((r) => r.detail)).toEqual([null]);
  });
});
