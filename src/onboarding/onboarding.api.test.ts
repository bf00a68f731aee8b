import { describe, expect, it } from 'vitest';
import type { Practice } from '../practices/practice.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { startSmtpPeer } from '../test-support/smtp-peer.ts';
import { useTestContext } from '../test-support/suite.ts';
import { caller, cookieFrom, testTargets } from '../test-support/testing.ts';
import type { Onboarding } from './onboarding.schemas.ts';

describe.each(testTargets)('first run and the onboarding checklist on %s', (target) => {
  const ctx = useTestContext(target);

  const signUp = async (email: string) => {
    const res = await caller(ctx).request('POST', '/auth/sign-up', {
      name: 'Sam Rivera',
      email,
      password: 'correct horse battery',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return caller(ctx, { cookie: cookieFrom(res) });
  };
  const doneKeys = async (who: ReturnType<typeof caller>) =>
    (await ok<Onboarding>(who, 'GET', '/onboarding')).items.filter((i) => i.done).map((i) => i.key);

  it('signs up with three fields and sets up with name, profession and time zone only', async () => {
    const sam = await signUp('sam.first@example.com');
    const before = await ok<Practice>(sam, 'GET', '/practice');
    expect(before.isSetUp).toBe(false);
    // Setup without a name is refused, naming it; nothing else is asked for.
    const refused = await sam.request('PATCH', '/practice', {
      profession: 'coach',
      timeZone: 'Europe/Berlin',
      markSetUp: true,
    });
    const problem = await expectProblem(refused, 400, 'validation', ['name']);
    expect(problem.errors?.map((e) => e.field)).toEqual(['name']);
    expect(problem.detail).toContain('name');
    expect((await ok<Practice>(sam, 'GET', '/practice')).isSetUp).toBe(false);
    const setUp = await ok<Practice>(sam, 'PATCH', '/practice', {
      name: 'Rivera Coaching',
      profession: 'coach',
      timeZone: 'Europe/Berlin',
      markSetUp: true,
    });
    expect(setUp).toMatchObject({
      name: 'Rivera Coaching',
      profession: 'coach',
      timeZone: 'Europe/Berlin',
      isSetUp: true,
      valueProposition: '',
      keyPhrases: [],
      postalAddress: '',
    });
  });

  it('lists what is left, and ticks each item as its data appears', async () => {
    const sam = await signUp('sam.checklist@example.com');
    await ok(sam, 'PATCH', '/practice', {
      name: 'Rivera Coaching',
      profession: 'coach',
      timeZone: 'America/Chicago',
      markSetUp: true,
    });
    const first = await ok<Onboarding>(sam, 'GET', '/onboarding');
    expect(first.complete).toBe(false);
    expect(first.items.map((i) => i.key)).toEqual([
      'value_proposition',
      'key_phrases',
      'ideal_client',
      'contacts',
      'referral',
      'goal',
      'email',
      'postal_address',
    ]);
    expect(first.items.every((i) => !i.done && i.label.length > 0 && i.href.startsWith('/'))).toBe(
      true,
    );

    await ok(sam, 'PATCH', '/practice', {
      valueProposition: 'Sam helps founders grow without burning out.',
    });
    expect(await doneKeys(sam)).toEqual(['value_proposition']);
    await ok(sam, 'PATCH', '/practice', { keyPhrases: ['founders', 'grow', 'burning out'] });
    await ok(sam, 'PATCH', '/practice', { idealClient: 'Founders of small agencies' });
    expect(await doneKeys(sam)).toEqual(['value_proposition', 'key_phrases', 'ideal_client']);

    const lee = await ok<{ id: string }>(sam, 'POST', '/contacts', { name: 'Lee Wong' });
    expect(await doneKeys(sam)).toContain('contacts');
    expect(await doneKeys(sam)).not.toContain('referral');
    await ok(sam, 'POST', '/referrals', {
      referred: { name: 'Maria Garcia' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    expect(await doneKeys(sam)).toContain('referral');
    await ok(sam, 'PUT', `/goals/${new Date().getUTCFullYear()}`, { targetClients: 12 });
    expect(await doneKeys(sam)).toContain('goal');
    // Email counts as set up only once a test went through a real SMTP server.
    const smtp = await startSmtpPeer();
    try {
      await ok(sam, 'PUT', '/smtp', {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        username: 'vouch',
        password: 'right-pass',
        fromEmail: 'sam@example.com',
      });
      expect(await doneKeys(sam)).not.toContain('email');
      await ok(sam, 'POST', '/smtp/test', { to: 'sam@example.com' });
      expect(await doneKeys(sam)).toContain('email');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    await ok(sam, 'PATCH', '/practice', { postalAddress: '1 Main St, Springfield' });
    const last = await ok<Onboarding>(sam, 'GET', '/onboarding');
    expect(last.items.filter((i) => !i.done)).toEqual([]);
    expect(last.complete).toBe(true);
  });

  it('lets the key phrases be cleared again, but not left at one or two', async () => {
    const sam = await signUp('sam.phrases@example.com');
    await ok(sam, 'PATCH', '/practice', { keyPhrases: ['a b', 'c d', 'e f'] });
    await expectProblem(
      await sam.request('PATCH', '/practice', { keyPhrases: ['only one'] }),
      400,
      'validation',
      ['keyPhrases'],
    );
    expect((await ok<Practice>(sam, 'PATCH', '/practice', { keyPhrases: [] })).keyPhrases).toEqual(
      [],
    );
  });

  it('works without key phrases or a postal address: letters, the survey, insights and Today', async () => {
    const sam = await signUp('sam.bare@example.com');
    await ok(sam, 'PATCH', '/practice', {
      name: 'Rivera Coaching',
      profession: 'coach',
      timeZone: 'America/Chicago',
      markSetUp: true,
    });
    const lee = await ok<{ id: string }>(sam, 'POST', '/contacts', {
      name: 'Lee Wong',
      email: 'lee@example.com',
      emailConsent: true,
    });
    const referral = await ok<{ id: string }>(sam, 'POST', '/referrals', {
      referred: { name: 'Maria Garcia' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    // A printed letter needs no address: it is written and its PDF renders.
    const letter = await ok<{ id: string }>(sam, 'POST', '/messages', {
      templateKey: 'thanks_referral',
      referralId: referral.id,
      channel: 'letter',
    });
    const pdf = await sam.request('GET', `/messages/${letter.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // An email to a contact must carry the address: refused, naming what to add, writing nothing.
    const email = await sam.request('POST', '/messages', {
      templateKey: 'ask',
      contactId: lee.id,
      channel: 'email',
    });
    const problem = await expectProblem(email, 422, 'unprocessable', ['practice.postalAddress']);
    expect(problem.errors?.[0]?.message).toMatch(/postal address/);
    // The survey takes answers with nothing to score them against.
    const survey = await ok<{ id: string; recipients: { id: string }[] }>(sam, 'POST', '/surveys', {
      contactIds: [lee.id],
    });
    const answered = await ok<{ scorePercent: number | null; isBelowThreshold: boolean }>(
      sam,
      'POST',
      `/surveys/${survey.id}/recipients/${survey.recipients[0]?.id}/answer`,
      { answer: 'Sam is a coach for founders.' },
    );
    expect(answered).toMatchObject({ scorePercent: null, isBelowThreshold: false });
    // Insights and Today answer.
    expect((await sam.request('GET', '/insights')).status).toBe(200);
    expect((await sam.request('GET', '/agenda')).status).toBe(200);
  });
});
