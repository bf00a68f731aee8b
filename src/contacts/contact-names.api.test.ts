import { describe, expect, it } from 'vitest';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { ContactDetail } from './contact.schemas.ts';

/** Issue 11 points 1 and 2: names in parts, how a contact is greeted, a referrer stays `refers`. */
describe.each(testTargets)('contact names and stages on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counseling']);

  it('splits a plain name: the title is the honorific, the display name stays as typed', async () => {
    const c = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'dr. Alan Reyes' });
    expect(c).toMatchObject({
      name: 'dr. Alan Reyes',
      honorific: 'Dr.',
      givenName: 'Alan',
      familyName: 'Reyes',
      suffix: null,
      preferredName: null,
      salutation: null,
      greeting: 'Dear Dr. Reyes,',
    });
  });

  it('takes the parts, makes the display name of them, and answers them', async () => {
    const c = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      honorific: 'Prof.',
      givenName: 'Maria',
      familyName: 'Lopez',
      suffix: 'PhD',
      preferredName: 'Mari',
    });
    expect(c).toMatchObject({
      name: 'Prof. Maria Lopez, PhD',
      givenName: 'Maria',
      preferredName: 'Mari',
      greeting: 'Dear Prof. Lopez,',
    });
    const edited = await ok<ContactDetail>(a.session, 'PATCH', `/contacts/${c.id}`, {
      honorific: null,
      salutation: 'informal',
    });
    expect(edited).toMatchObject({
      name: 'Maria Lopez, PhD',
      honorific: null,
      salutation: 'informal',
      greeting: 'Dear Mari,',
    });
    const renamed = await ok<ContactDetail>(a.session, 'PATCH', `/contacts/${c.id}`, {
      name: 'Mrs. Maria Lopez-Ruiz',
    });
    expect(renamed).toMatchObject({
      name: 'Mrs. Maria Lopez-Ruiz',
      honorific: 'Mrs.',
      familyName: 'Lopez-Ruiz',
      suffix: null,
      preferredName: 'Mari',
    });
    const found = await ok<{ items: ContactDetail[] }>(a.session, 'GET', '/contacts?q=lopez-ruiz');
    expect(found.items.map((i) => i.id)).toEqual([c.id]);
  });

  it("follows the practice's salutation style unless the contact has their own", async () => {
    const c = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Dr. Ben Ode' });
    const own = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Dr. Cy Ode',
      salutation: 'formal',
    });
    await ok(a.session, 'PATCH', '/practice/settings', { salutationStyle: 'informal' });
    try {
      expect((await ok<ContactDetail>(a.session, 'GET', `/contacts/${c.id}`)).greeting).toBe(
        'Dear Ben,',
      );
      expect((await ok<ContactDetail>(a.session, 'GET', `/contacts/${own.id}`)).greeting).toBe(
        'Dear Dr. Ode,',
      );
    } finally {
      await ok(a.session, 'PATCH', '/practice/settings', { salutationStyle: 'formal' });
    }
    const bad = await a.session.request('PATCH', '/practice/settings', {
      salutationStyle: 'casual',
    });
    await expectProblem(bad, 400, 'validation', ['salutationStyle']);
  });

  it('refuses a contact without any name, naming the field', async () => {
    await expectProblem(
      await a.session.request('POST', '/contacts', { preferredName: 'Al' }),
      400,
      'validation',
      ['name'],
    );
    const c = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Solo' });
    await expectProblem(
      await a.session.request('PATCH', `/contacts/${c.id}`, { givenName: null }),
      400,
      'validation',
      ['givenName'],
    );
  });

  it('a contact who has referred stays refers, and the history says why truly', async () => {
    const lee = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Lee Wong',
      stage: 'trusts',
    });
    await ok(a.session, 'POST', '/referrals', {
      referred: { name: 'First Person' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    const refused = await a.session.request('PATCH', `/contacts/${lee.id}`, { stage: 'trusts' });
    const problem = await expectProblem(refused, 422, 'unprocessable', ['stage']);
    expect(problem.errors?.[0]?.message).toMatch(/who has referred stays "refers"/);
    // The rest of the edit is not half-written.
    const same = await a.session.request('PATCH', `/contacts/${lee.id}`, {
      stage: 'likes',
      notes: 'should not be saved',
    });
    await expectProblem(same, 422, 'unprocessable', ['stage']);
    const after = await ok<ContactDetail>(a.session, 'GET', `/contacts/${lee.id}`);
    expect(after).toMatchObject({ stage: 'refers', notes: null });
    // Editing anything else, or keeping refers, still works.
    await ok(a.session, 'PATCH', `/contacts/${lee.id}`, { stage: 'refers', notes: 'kind' });
    await ok(a.session, 'POST', '/referrals', {
      referred: { name: 'Second Person' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    const history = (await ok<ContactDetail>(a.session, 'GET', `/contacts/${lee.id}`)).stageHistory;
    expect(history.map((h) => [h.fromStage, h.toStage, h.reason])).toEqual([
      ['trusts', 'refers', 'first referral received'],
      [null, 'trusts', null],
    ]);
  });

  it('a referrer lowered by an older release is promoted again without "first referral"', async () => {
    const kim = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Kim Park' });
    const refer = () =>
      ok(a.session, 'POST', '/referrals', {
        referred: { name: 'Someone Referred' },
        referrer: { contactId: kim.id },
        channel: 'phone',
      });
    await refer();
    // What PATCH allowed before this rule: the stage lowered by hand after a referral.
    await ctx.deps.db
      .updateTable('contact')
      .set({ stage: 'trusts', stage_rank: 3 })
      .where('id', '=', kim.id)
      .execute();
    await refer();
    const history = (await ok<ContactDetail>(a.session, 'GET', `/contacts/${kim.id}`)).stageHistory;
    expect(history[0]).toMatchObject({
      fromStage: 'trusts',
      toStage: 'refers',
      reason: 'referral received',
    });
  });

  it('a contact moved to refers by hand, without referrals, may be moved back', async () => {
    const c = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Hand Moved',
      stage: 'refers',
    });
    const back = await ok<ContactDetail>(a.session, 'PATCH', `/contacts/${c.id}`, {
      stage: 'trusts',
    });
    expect(back.stage).toBe('trusts');
  });
});
