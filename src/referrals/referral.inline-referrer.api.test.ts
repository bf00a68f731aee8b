import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Referral, ReferralDetail } from './referral.schemas.ts';

const start = '2026-03-02T09:00:00.000Z';

/** Quick-add with a referrer who is not a contact yet (issue 11, point 8). */
describe.each(testTargets)('a referral with a new referrer made inline on %s', (target) => {
  const clock = fixedClock(start);
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['First Week', 'Elsewhere']);

  const countOf = async (table: 'contact' | 'referral' | 'stage_change', practiceId: string) =>
    Number(
      (
        await ctx.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('practice_id', '=', practiceId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates the referrer as a contact who refers, the person and the referral together', async () => {
    const res = await a.session.json<ReferralDetail>('POST', '/referrals', {
      referred: { name: 'Maria Garcia' },
      referrer: { name: 'Dr. Alan Reyes', email: 'Alan.Reyes@Example.com' },
      need: 'Back pain',
      channel: 'phone',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      referrer: { name: 'Dr. Alan Reyes' },
      referred: { name: 'Maria Garcia' },
      status: 'new',
      thanks: { referral: { state: 'due' } },
    });
    const referrer = await ok<ContactDetail>(
      a.session,
      'GET',
      `/contacts/${res.body.referrer?.id}`,
    );
    // §2: a first referral makes the referrer `refers`; the history says so, truly, once.
    expect(referrer).toMatchObject({
      name: 'Dr. Alan Reyes',
      email: 'Alan.Reyes@Example.com',
      stage: 'refers',
      roles: [],
      // Consent is never implied by being typed in (§3.2).
      emailConsent: false,
    });
    expect(
      referrer.stageHistory.map((h) => [h.fromStage, h.toStage, h.reason, h.changedBy?.id]),
    ).toEqual([[null, 'refers', 'first referral received', a.userId]]);
    const sent = await ok<{ items: Referral[] }>(
      a.session,
      'GET',
      `/referrals?referrerId=${referrer.id}`,
    );
    expect(sent.items.map((r) => r.id)).toEqual([res.body.id]);
  });

  it('uses the practice’s contact with that email rather than making a second one', async () => {
    const known = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Priya Shah',
      email: 'priya@example.com',
      stage: 'likes',
    });
    // The other practice's contact with the same email is not theirs to use.
    const foreign = await ok<ContactDetail>(b.session, 'POST', '/contacts', {
      name: 'Foreign Priya',
      email: 'priya@example.com',
    });
    const contactsBefore = await countOf('contact', a.practiceId);
    const r = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Tom Lee' },
      referrer: { name: 'Priya S.', email: ' PRIYA@example.com ' },
      channel: 'email',
    });
    expect(r.referrer).toEqual({ id: known.id, name: 'Priya Shah' });
    // Only the referred person is new.
    expect(await countOf('contact', a.practiceId)).toBe(contactsBefore + 1);
    const after = await ok<ContactDetail>(a.session, 'GET', `/contacts/${known.id}`);
    expect(after.stage).toBe('refers');
    expect(after.stageHistory.map((h) => [h.fromStage, h.toStage, h.reason])).toContainEqual([
      'likes',
      'refers',
      'first referral received',
    ]);
    const other = await ok<ContactDetail>(b.session, 'GET', `/contacts/${foreign.id}`);
    expect(other.stage).toBe('met');
  });

  it('refuses anything but exactly one of contactId, name and unknown, naming the field', async () => {
    const known = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Kim Known' });
    const before = await countOf('contact', a.practiceId);
    const post = (referrer: unknown, referred: unknown = { name: 'Never Saved' }) =>
      a.session.request('POST', '/referrals', { referred, referrer, channel: 'phone' });
    await expectProblem(await post({ contactId: known.id, name: 'Also New' }), 400, 'validation', [
      'referrer.name',
    ]);
    await expectProblem(await post({ name: 'New One', unknown: true }), 400, 'validation', [
      'referrer.unknown',
    ]);
    await expectProblem(await post({}), 400, 'validation', ['referrer.contactId']);
    await expectProblem(await post({ email: 'x@example.com' }), 400, 'validation', [
      'referrer.contactId',
    ]);
    await expectProblem(
      await post({ contactId: known.id, email: 'x@example.com' }),
      400,
      'validation',
      ['referrer.email'],
    );
    await expectProblem(await post({ name: '   ' }), 400, 'validation', ['referrer.name']);
    await expectProblem(await post({ name: 'Bad Mail', email: 'nope' }), 400, 'validation', [
      'referrer.email',
    ]);
    await expectProblem(await post({ name: 'Extra', stage: 'trusts' }), 400, 'validation');
    // The referrer and the new person cannot be one email, so one person.
    await expectProblem(
      await post(
        { name: 'Same Mail', email: 'same@example.com' },
        { name: 'Same Person', email: 'SAME@example.com' },
      ),
      422,
      'unprocessable',
      ['referrer.email'],
    );
    // A referred contact whose email is typed as the "new" referrer is the same person.
    const withMail = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Mia Mail',
      email: 'mia@example.com',
    });
    await expectProblem(
      await post({ name: 'Mia', email: 'mia@example.com' }, { contactId: withMail.id }),
      422,
      'unprocessable',
      ['referrer.email'],
    );
    expect(await countOf('contact', a.practiceId)).toBe(before + 1);
  });

  it('is one transaction: a failure after the referrer was made leaves neither', async () => {
    const db = ctx.deps.db;
    const counts = async () => ({
      contacts: await countOf('contact', a.practiceId),
      referrals: await countOf('referral', a.practiceId),
      history: await countOf('stage_change', a.practiceId),
    });
    const before = await counts();
    // A real failure in the database at the last write (the referral's event), not a stub.
    if (ctx.deps.dialect === 'postgres') {
      await sql`create function vouch_test_fail() returns trigger language plpgsql
                as $$ begin raise exception 'injected failure'; end $$`.execute(db);
      await sql`create trigger vouch_test_fail before insert on referral_event
                for each row execute function vouch_test_fail()`.execute(db);
    } else
      await sql`create trigger vouch_test_fail before insert on referral_event
                begin select raise(abort, 'injected failure'); end`.execute(db);
    try {
      const res = await a.session.request('POST', '/referrals', {
        referred: { name: 'Half Written' },
        referrer: { name: 'Nobody Yet', email: 'nobody@example.com' },
        channel: 'phone',
      });
      expect(res.status).toBe(500);
    } finally {
      await sql`drop trigger vouch_test_fail${sql.raw(ctx.deps.dialect === 'postgres' ? ' on referral_event' : '')}`.execute(
        db,
      );
      if (ctx.deps.dialect === 'postgres') await sql`drop function vouch_test_fail()`.execute(db);
    }
    expect(await counts()).toEqual(before);
    const found = await ok<{ items: unknown[] }>(a.session, 'GET', '/contacts?q=nobody');
    expect(found.items).toEqual([]);
    // The same request succeeds once the fault is gone: nothing half-made stands in its way.
    const again = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Half Written' },
      referrer: { name: 'Nobody Yet', email: 'nobody@example.com' },
      channel: 'phone',
    });
    expect(again.referrer?.name).toBe('Nobody Yet');
  });

  it('an inline referrer is erased like any contact: the referral stays, its referrer unknown', async () => {
    const r = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Stays Here' },
      referrer: { name: 'Erase Me' },
      channel: 'in_person',
    });
    const referrerId = r.referrer?.id ?? '';
    expect((await a.session.request('DELETE', `/contacts/${referrerId}`)).status).toBe(204);
    const kept = await ok<Referral>(a.session, 'GET', `/referrals/${r.id}`);
    expect(kept.referrer).toBeNull();
    expect(kept.referred?.name).toBe('Stays Here');
  });
});
