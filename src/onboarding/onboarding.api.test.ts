import { describe, expect, it } from 'vitest';
import type { Practice } from '../practices/practice.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
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
    await ok(sam, 'PUT', '/smtp', {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      fromEmail: 'sam@example.com',
    });
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
});
