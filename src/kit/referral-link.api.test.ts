import type { z } from '@hono/zod-openapi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZAgenda } from '../agenda/agenda.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { decodedQrCodes, pageText } from '../test-support/pdf-read.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, countRows, type TestContext, testTargets } from '../test-support/testing.ts';
import { parseVcard, vcardValue } from '../test-support/vcard-parse.ts';
import type { ReferralLink } from './referral-link.schemas.ts';

/** The intake page's form as a browser posts it. */
const postForm = (ctx: TestContext, code: string, fields: Record<string, string>) =>
  ctx.app.request(`/r/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const getPage = (ctx: TestContext, code: string) => ctx.app.request(`/r/${code}`);

describe.each(testTargets)('referral links and the intake page (%s)', (target) => {
  // Every test is a fresh 11 minutes for the per-address limit, which the last describe tests.
  const clock = fixedClock('2026-11-27T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  beforeEach(() => {
    clock.set(new Date(clock.now().getTime() + 11 * 60_000));
  });
  const [a, b] = usePractices(ctx, ['Harbour Counselling', 'Other Practice']);
  const maya = useContact(a, { name: 'Maya Lindqvist', stage: 'trusts' });
  const zed = useContact(b, { name: 'Zed Other' });
  let link: ReferralLink;
  let practiceLink: ReferralLink;
  const publicApi = () => caller(ctx);

  beforeAll(async () => {
    await ok(a.session, 'PATCH', '/practice', {
      valueProposition: 'I help couples argue less and listen more.',
      idealClient: 'Couples in their first ten years together.',
    });
  });

  it("makes one live link per contact, and the practice's own link", async () => {
    const made = await a.session.json<ReferralLink>('POST', '/referral-links', {
      contactId: maya.id,
    });
    expect(made.status).toBe(201);
    link = made.body;
    expect(link).toMatchObject({
      contactId: maya.id,
      contact: { id: maya.id, name: 'Maya Lindqvist' },
      stats: { visits: 0, submissions: 0, referrals: 0, clients: 0 },
    });
    expect(link.code).toMatch(/^[2-9a-hjkmnp-z]{10}$/);
    expect(link.url).toBe(`${ctx.deps.config.baseUrl.replace(/\/$/, '')}/r/${link.code}`);
    const again = await a.session.json<ReferralLink>('POST', '/referral-links', {
      contactId: maya.id,
    });
    expect(again).toMatchObject({ status: 200, body: { id: link.id, code: link.code } });
    const practiceWide = await a.session.json<ReferralLink>('POST', '/referral-links', {});
    expect(practiceWide.status).toBe(201);
    practiceLink = practiceWide.body;
    expect(practiceLink).toMatchObject({ contactId: null, contact: null });
    const list = await ok<{ items: ReferralLink[] }>(a.session, 'GET', '/referral-links');
    expect(list.items.map((l) => l.id)).toEqual([practiceLink.id, link.id]);
  });

  it("refuses bad input and never reaches another practice's contacts or links", async () => {
    await expectProblem(
      await a.session.request('POST', '/referral-links', { contactId: zed.id }),
      404,
      'not_found',
      ['contactId'],
    );
    await expectProblem(
      await a.session.request('POST', '/referral-links', { contactId: 'not an id!' }),
      400,
      'validation',
      ['contactId'],
    );
    await expectProblem(
      await a.session.request('POST', '/referral-links', { referrer: maya.id }),
      400,
      'validation',
      ['referrer'],
    );
    await expectProblem(
      await b.session.request('DELETE', `/referral-links/${link.id}`),
      404,
      'not_found',
    );
    expect(await ok<{ items: ReferralLink[] }>(b.session, 'GET', '/referral-links')).toEqual({
      items: [],
    });
  });

  it('shows the practice, its promise and the referrer first name, counting the visit', async () => {
    const res = await getPage(ctx, link.code);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await res.text();
    expect(page).toContain('Harbour Counselling');
    expect(page).toContain('I help couples argue less and listen more.');
    expect(page).toContain('Maya suggested you get in touch.');
    expect(page).toContain('May we tell Maya that you reached out?');
    expect(page).not.toContain('Lindqvist');
    expect(page).not.toMatch(/<script|https?:\/\/(?!vouch)/i);
    expect(page).toMatch(/<input type="checkbox" id="consent" name="consent" value="yes">/);
    // the practice's own preview is not a visit; codes read the same in capitals
    await getPage(ctx, `${link.code}?preview=1`);
    expect((await getPage(ctx, link.code.toUpperCase())).status).toBe(200);
    const practicePage = await (await getPage(ctx, practiceLink.code)).text();
    expect(practicePage).toContain('How did you hear about us?');
    expect(practicePage).not.toContain('May we tell');
    const list = await ok<{ items: ReferralLink[] }>(a.session, 'GET', '/referral-links');
    expect(list.items.find((l) => l.id === link.id)?.stats.visits).toBe(2);
  });

  it("prints the link's card: its QR codes decode back to the link's URL", async () => {
    const res = await a.session.request('GET', `/referral-links/${link.id}/card.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(await decodedQrCodes(pdf)).toEqual(Array(10).fill(link.url));
    const { text } = await pageText(pdf);
    expect(text).toContain('Harbour Counselling');
    expect(text).toContain('Maya');
    expect(text).not.toContain('Lindqvist');
    const qr = await a.session.request('GET', `/referral-links/${link.id}/qr.svg`);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const path of ['card.pdf', 'qr.svg'])
      await expectProblem(
        await b.session.request('GET', `/referral-links/${link.id}/${path}`),
        404,
        'not_found',
      );
  });

  it('offers the practice as a contact to save, with the link, from the public page', async () => {
    const res = await ctx.app.request(`/r/${link.code}/contact.vcf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    const card = parseVcard(await res.text());
    expect(vcardValue(card, 'org')).toBe('Harbour Counselling');
    expect(vcardValue(card, 'fn')).toBe('Harbour Counselling Owner');
    expect(vcardValue(card, 'url')).toBe(link.url);
    expect(vcardValue(card, 'note')).toBe('I help couples argue less and listen more.');
    // never the practitioner's sign-in address
    expect(card.has('email')).toBe(false);
    expect((await ctx.app.request('/r/23456789ab/contact.vcf')).status).toBe(404);
  });

  it('turns a submission into a referral credited to the referrer, on Today with its clock', async () => {
    const before = clock.now().toISOString();
    const res = await publicApi().json('POST', `/public/intake/${link.code}`, {
      name: 'Noor Haddad',
      email: 'noor@example.com',
      message: 'We keep having the same fight about money.',
      consentToUpdate: true,
    });
    expect(res).toEqual({
      status: 201,
      body: {
        received: true,
        nextStep: 'Harbour Counselling has your message and will get back to you within 24 hours.',
      },
    });
    const page = await ok<{ items: ReferralDetail[] }>(a.session, 'GET', '/referrals');
    const referral = page.items.find((r) => r.referred?.name === 'Noor Haddad');
    expect(referral).toMatchObject({
      channel: 'intake_link',
      status: 'new',
      referrer: { id: maya.id },
      consentToUpdate: true,
      need: 'We keep having the same fight about money.',
    });
    expect(referral?.receivedAt).toBe(before);
    const today = await ok<z.infer<typeof ZAgenda>>(a.session, 'GET', '/agenda');
    const respond = today.items.find((i) => i.kind === 'respond' && i.subject.id === referral?.id);
    expect(respond).toBeDefined();
    const list = await ok<{ items: ReferralLink[] }>(a.session, 'GET', '/referral-links');
    expect(list.items.find((l) => l.id === link.id)?.stats).toMatchObject({
      submissions: 1,
      referrals: 1,
      clients: 0,
    });
  });

  it('joins a second form from the same person to the waiting referral', async () => {
    const res = await postForm(ctx, link.code, {
      name: 'Noor H.',
      email: 'NOOR@example.com',
      message: 'Sent it twice, sorry',
    });
    // post, then redirect: a reload of the thank-you page sends nothing
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${link.code}/thanks`);
    const thanks = await ctx.app.request(`/r/${link.code}/thanks`);
    expect(await thanks.text()).toContain('will get back to you within 24 hours');
    const list = await ok<{ items: ReferralLink[] }>(a.session, 'GET', '/referral-links');
    expect(list.items.find((l) => l.id === link.id)?.stats).toMatchObject({
      submissions: 2,
      referrals: 1,
    });
  });

  it('takes the practice contact with that email as it is, revealing nothing', async () => {
    const known = await ok<{ id: string }>(a.session, 'POST', '/contacts', {
      name: 'Priya Raman',
      email: 'priya@example.com',
      notes: 'Private note',
    });
    const res = await publicApi().json('POST', `/public/intake/${practiceLink.code}`, {
      name: 'Someone Else',
      email: 'priya@example.com',
      heardFrom: 'A talk at the library',
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toMatch(/Priya|Private/);
    const contact = await ok<{ name: string }>(a.session, 'GET', `/contacts/${known.id}`);
    expect(contact.name).toBe('Priya Raman');
    const referrals = await ok<{ items: ReferralDetail[] }>(a.session, 'GET', '/referrals');
    const referral = referrals.items.find((r) => r.referred?.id === known.id);
    expect(referral).toMatchObject({
      channel: 'intake_link',
      referrer: null,
      consentToUpdate: false,
    });
    const detail = await ok<ReferralDetail>(a.session, 'GET', `/referrals/${referral?.id}`);
    expect(detail.events[0]?.note).toContain('A talk at the library');
  });

  it('does not take the consent box for an email the practice already has (§3.2)', async () => {
    const bob = await ok<{ id: string }>(a.session, 'POST', '/contacts', {
      name: 'Bob Known',
      email: 'bob.known@example.com',
    });
    await ok(publicApi(), 'POST', `/public/intake/${link.code}`, {
      name: 'Whoever',
      email: 'BOB.KNOWN@example.com',
      consentToUpdate: true,
    });
    const referrals = await ok<{ items: ReferralDetail[] }>(a.session, 'GET', '/referrals');
    const referral = referrals.items.find((r) => r.referred?.id === bob.id);
    expect(referral).toMatchObject({ referrer: { id: maya.id }, consentToUpdate: false });
    const detail = await ok<ReferralDetail>(a.session, 'GET', `/referrals/${referral?.id}`);
    expect(detail.events[0]?.note).toContain('confirm it with them');
  });

  it('answers a filled honeypot as accepted and makes nothing', async () => {
    const before = await countRows(ctx.deps);
    const res = await publicApi().json('POST', `/public/intake/${link.code}`, {
      name: 'Cheap Pills',
      email: 'bot@example.com',
      website: 'http://spam.example',
    });
    expect(res.status).toBe(201);
    const form = await postForm(ctx, link.code, {
      name: 'Cheap Pills',
      email: 'bot@example.com',
      website: 'http://spam.example',
    });
    expect(form.status).toBe(303);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('sends bad input back: the form with the field explained, or a problem naming it', async () => {
    const before = await countRows(ctx.deps);
    await expectProblem(
      await publicApi().request('POST', `/public/intake/${link.code}`, { email: 'x@example.com' }),
      400,
      'validation',
      ['name'],
    );
    await expectProblem(
      await publicApi().request('POST', `/public/intake/${link.code}`, { name: 'No Way Back' }),
      400,
      'validation',
      ['email'],
    );
    await expectProblem(
      await publicApi().request('POST', `/public/intake/${link.code}`, {
        name: 'A',
        email: 'a@example.com',
        ssn: '123',
      }),
      400,
      'validation',
      ['ssn'],
    );
    const form = await postForm(ctx, link.code, {
      name: 'Ola Nordmann',
      email: 'not-an-email',
      message: 'Keep <this> text',
    });
    expect(form.status).toBe(400);
    const page = await form.text();
    expect(page).toContain('Enter a valid email address');
    expect(page).toContain('value="Ola Nordmann"');
    expect(page).toContain('Keep &lt;this&gt; text');
    expect(page).toMatch(/id="email"[^>]*aria-invalid="true"/);
    const noName = await (await postForm(ctx, link.code, { email: 'x@example.com' })).text();
    expect(noName).toContain('Your name must not be empty.');
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("keeps a code to its own practice's data", async () => {
    const zedLink = await ok<ReferralLink>(b.session, 'POST', '/referral-links', {
      contactId: zed.id,
    });
    const page = await (await getPage(ctx, zedLink.code)).text();
    expect(page).toContain('Other Practice');
    expect(page).not.toContain('Harbour');
    // a's contact with this email is not b's: b gets a new contact, a's stays untouched
    await ok(publicApi(), 'POST', `/public/intake/${zedLink.code}`, {
      name: 'Priya R',
      email: 'priya@example.com',
    });
    const bContacts = await ok<{ items: { name: string }[] }>(b.session, 'GET', '/contacts');
    expect(bContacts.items.map((c) => c.name).sort()).toEqual(['Priya R', 'Zed Other']);
    const aReferrals = await ok<{ items: ReferralDetail[] }>(a.session, 'GET', '/referrals');
    expect(aReferrals.items.some((r) => r.referred?.name === 'Priya R')).toBe(false);
  });

  it('tells the team by email without naming the person', async () => {
    await ok(a.session, 'PUT', '/smtp', {
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      fromEmail: 'office@harbour.example',
    });
    await ok(publicApi(), 'POST', `/public/intake/${link.code}`, {
      name: 'Tomas Berg',
      phone: '+46 70 123 45 67',
      message: 'Panic attacks at work',
    });
    const notices = await ctx.deps.db
      .selectFrom('message')
      .selectAll()
      .where('practice_id', '=', a.practiceId)
      .where('template_key', '=', 'intake_notice')
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to_email: a.email, recipient_contact_id: null });
    expect(notices[0]?.body).toContain("a referrer's personal link");
    // nobody named: not the person, not their need, not the referrer (whose erasure it would outlive)
    expect(`${notices[0]?.subject} ${notices[0]?.body}`).not.toMatch(/Tomas|Berg|Panic|Maya/);
  });

  it('revokes: the page is a 404 at once, the same as an unknown code', async () => {
    const res = await a.session.request('DELETE', `/referral-links/${link.id}`);
    expect(res.status).toBe(204);
    const revoked = await getPage(ctx, link.code);
    const unknown = await getPage(ctx, '23456789ab');
    const malformed = await getPage(ctx, 'not-a-code!');
    expect([revoked.status, unknown.status, malformed.status]).toEqual([404, 404, 404]);
    const [r, u] = [await revoked.text(), await unknown.text()];
    expect(r).toBe(u);
    expect(r).not.toContain('Harbour');
    const json = await publicApi().request('POST', `/public/intake/${link.code}`, {
      name: 'Late Comer',
      email: 'late@example.com',
    });
    const jsonUnknown = await publicApi().request('POST', '/public/intake/23456789ab', {
      name: 'Late Comer',
      email: 'late@example.com',
    });
    expect((await expectProblem(json, 404, 'not_found')).detail).toBe(
      (await expectProblem(jsonUnknown, 404, 'not_found')).detail,
    );
    expect((await postForm(ctx, link.code, { name: 'X', email: 'x@example.com' })).status).toBe(
      404,
    );
    await expectProblem(
      await a.session.request('DELETE', `/referral-links/${link.id}`),
      404,
      'not_found',
    );
    // a new link for the contact gets a new code; the old numbers stay with the old link
    const fresh = await a.session.json<ReferralLink>('POST', '/referral-links', {
      contactId: maya.id,
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.code).not.toBe(link.code);
  });

  it("erases a referrer's link with them: its page is gone", async () => {
    const leaving = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Lea Ving' });
    const theirs = await ok<ReferralLink>(a.session, 'POST', '/referral-links', {
      contactId: leaving.id,
    });
    await ok(publicApi(), 'POST', `/public/intake/${theirs.code}`, {
      name: 'Sent By Lea',
      email: 'sent.by.lea@example.com',
    });
    expect((await a.session.request('DELETE', `/contacts/${leaving.id}`)).status).toBe(204);
    expect((await getPage(ctx, theirs.code)).status).toBe(404);
    const list = await ok<{ items: ReferralLink[] }>(a.session, 'GET', '/referral-links');
    expect(list.items.some((l) => l.id === theirs.id)).toBe(false);
    const left = await ctx.deps.db
      .selectFrom('intake_submission')
      .select('id')
      .where('link_id', '=', theirs.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe.each(testTargets)('intake limits (%s)', (target) => {
  const clock = fixedClock('2026-11-27T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Limits Practice']);
  const maya = useContact(a, { name: 'Maya Lind' });
  let code: string;
  beforeAll(async () => {
    code = (await ok<ReferralLink>(a.session, 'POST', '/referral-links', { contactId: maya.id }))
      .code;
  });
  const send = (i: number) =>
    caller(ctx).request('POST', `/public/intake/${code}`, {
      name: `Person ${i}`,
      email: `person${i}@example.com`,
    });

  it('lets 10 posts from one address through in 10 minutes; the 11th is 429', async () => {
    for (let i = 0; i < 10; i++) expect((await send(i)).status).toBe(201);
    const eleventh = await send(10);
    await expectProblem(eleventh, 429, 'rate_limited');
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    const form = await postForm(ctx, code, { name: 'P', email: 'p@example.com' });
    expect(form.status).toBe(429);
    expect(form.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('caps a link at 30 an hour, from any addresses', async () => {
    for (let round = 1; round <= 2; round++) {
      clock.set(new Date(Date.parse('2026-11-27T09:00:00.000Z') + round * 10 * 60_000 + 1000));
      for (let i = 0; i < 10; i++) expect((await send(round * 100 + i)).status).toBe(201);
    }
    clock.set('2026-11-27T09:31:00.000Z');
    const over = await send(999);
    await expectProblem(over, 429, 'rate_limited');
    // the hour after the first submission, at 09:00
    expect(Number(over.headers.get('retry-after'))).toBe(29 * 60);
    clock.set('2026-11-27T10:00:01.000Z');
    expect((await send(1000)).status).toBe(201);
  });
});
