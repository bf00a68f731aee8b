/**
 * Concurrent POST /messages (issue 9 §2): a message that records a one-time fact — a thank-you,
 * a referrer update, the nth commitment reminder — is written once even when twenty requests
 * race on PostgreSQL. The rest answer 409 naming `cause`; one letter, one email, one audit row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';

type Json = Record<string, unknown> & { id: string };

describe.each(testTargets)('concurrent messages on %s', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  let referrerId = '';

  const referral = (consentToUpdate = false) =>
    ok<Json>(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: referrerId },
      referred: { name: 'Zelda Zimmerman' },
      channel: 'phone',
      consentToUpdate,
    }).then((r) => r.id);

  /** Sends `body` twenty times at once; the statuses, sorted. */
  async function race(body: Record<string, unknown>, times = 20) {
    const answers = await Promise.all(
      Array.from({ length: times }, () => a.bearer.request('POST', '/messages', body)),
    );
    for (const res of answers.filter((r) => r.status !== 201))
      await expectProblem(res, 409, 'conflict', ['cause']);
    return answers.map((r) => r.status).sort();
  }

  const count = async (table: 'message' | 'audit_log', subject?: string) => {
    let q = ctx.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', a.practiceId);
    if (subject) q = q.where('subject_id', '=', subject);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const events = async (referralId: string, kind: string) =>
    (
      await ok<{ events: { kind: string }[] }>(a.bearer, 'GET', `/referrals/${referralId}`)
    ).events.filter((e) => e.kind === kind).length;

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Counseling']);
  beforeAll(async () => {
    await ok(a.bearer, 'PATCH', '/practice', { postalAddress: '12 Quay Street, Portsmouth' });
    referrerId = (
      await ok<Json>(a.bearer, 'POST', '/contacts', {
        name: 'Rita Referrer',
        email: 'rita@example.com',
        emailConsent: true,
        stage: 'trusts',
      })
    ).id;
  });

  it('twenty thank-you emails at once: one queued email, one audit row, one thanked event', async () => {
    const id = await referral();
    const auditBefore = await count('audit_log');
    const body = { templateKey: 'thanks_referral', referralId: id, channel: 'email' };
    expect(await race(body)).toEqual([201, ...Array(19).fill(409)]);
    expect(await count('message', id)).toBe(1);
    expect(await count('audit_log')).toBe(auditBefore + 1);
    expect(await events(id, 'thanked')).toBe(1);
    // A later repeat is refused too, and changes nothing.
    await expectProblem(await a.bearer.request('POST', '/messages', body), 409, 'conflict', [
      'cause',
    ]);
    expect(await count('message', id)).toBe(1);
  });

  it('twenty thank-you letters at once: one letter', async () => {
    const id = await referral();
    const statuses = await race({
      templateKey: 'thanks_referral',
      referralId: id,
      channel: 'letter',
    });
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(await count('message', id)).toBe(1);
    expect(await events(id, 'thanked')).toBe(1);
  });

  it('thank-you letters and thanks recorded by hand at once: thanked once', async () => {
    const id = await referral();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? a.bearer.request('POST', '/messages', {
              templateKey: 'thanks_referral',
              referralId: id,
              channel: 'letter',
            })
          : a.bearer.request('POST', `/referrals/${id}/thanks`, { kind: 'referral' }),
      ),
    );
    expect(answers.filter((r) => r.status < 300)).toHaveLength(1);
    for (const res of answers.filter((r) => r.status >= 300))
      await expectProblem(res, 409, 'conflict');
    expect(await events(id, 'thanked')).toBe(1);
  });

  it('referrer updates at once: one per status told', async () => {
    const id = await referral(true);
    await ok(a.bearer, 'POST', `/referrals/${id}/status`, { status: 'contacted' });
    const body = { templateKey: 'referrer_update', referralId: id, channel: 'letter' };
    expect((await race(body, 10)).filter((s) => s === 201)).toHaveLength(1);
    expect(await events(id, 'referrer_updated')).toBe(1);
    // Nothing new to tell: refused; a new status may be told once more.
    await expectProblem(await a.bearer.request('POST', '/messages', body), 409, 'conflict', [
      'cause',
    ]);
    await ok(a.bearer, 'POST', `/referrals/${id}/status`, { status: 'meeting' });
    expect((await race(body, 10)).filter((s) => s === 201)).toHaveLength(1);
    expect(await count('message', id)).toBe(2);
  });

  /** A new commitment of the referrer's, and the message that reminds them of it. */
  async function reminderOfNewCommitment() {
    const commitment = await ok<{ commitment: Json }>(
      a.bearer,
      'POST',
      `/contacts/${referrerId}/commitments`,
      { promisedCount: 20, madeAt: '2026-02-01T10:00:00.000Z' },
    );
    const id = commitment.commitment.id;
    return {
      id,
      body: { templateKey: 'commitment_reminder', commitmentId: id, channel: 'letter' },
    };
  }

  it('commitment reminders at once count one reminder a day; the next day brings the second', async () => {
    const { id, body } = await reminderOfNewCommitment();
    expect((await race(body, 10)).filter((s) => s === 201)).toHaveLength(1);
    expect(await ok(a.bearer, 'GET', `/commitments/${id}`)).toMatchObject({ remindersSent: 1 });
    await expectProblem(await a.bearer.request('POST', '/messages', body), 409, 'conflict', [
      'cause',
    ]);
    clock.set('2026-03-03T10:00:00.000Z');
    await ok(a.bearer, 'POST', '/messages', body);
    expect(await ok(a.bearer, 'GET', `/commitments/${id}`)).toMatchObject({ remindersSent: 2 });
    expect(await count('message', id)).toBe(2);
  });

  it("a reminder's day is the practice's: a new local day brings the next, the same one does not", async () => {
    await ok(a.bearer, 'PATCH', '/practice', { timeZone: 'America/Los_Angeles' });
    const { id, body } = await reminderOfNewCommitment();
    const sendAt = async (at: string) => {
      clock.set(at);
      return (await a.bearer.request('POST', '/messages', body)).status;
    };
    // 3 March 22:30, then 4 March 01:00 in Los Angeles: both on 4 March in UTC.
    expect(await sendAt('2026-03-04T06:30:00.000Z')).toBe(201);
    expect(await sendAt('2026-03-04T09:00:00.000Z')).toBe(201);
    // 4 March 23:30 in Los Angeles (5 March in UTC): the same local day as the last.
    expect(await sendAt('2026-03-05T07:30:00.000Z')).toBe(409);
    expect(await ok(a.bearer, 'GET', `/commitments/${id}`)).toMatchObject({ remindersSent: 2 });
    await ok(a.bearer, 'PATCH', '/practice', { timeZone: 'UTC' });
  });

  it('partner notifications at once: one email to the partner', async () => {
    const partnerId = (
      await ok<Json>(a.bearer, 'POST', '/contacts', {
        name: 'Paul Partner',
        email: 'paul@example.com',
        emailConsent: true,
      })
    ).id;
    const given = await ok<Json>(a.bearer, 'POST', '/referrals-given', {
      person: { name: 'Gina Given' },
      partnerId,
      reason: 'She needs a tax adviser.',
    });
    const body = { templateKey: 'partner_notification', givenId: given.id, channel: 'email' };
    expect((await race(body, 10)).filter((s) => s === 201)).toHaveLength(1);
    expect(await count('message', given.id)).toBe(1);
  });

  it('letters racing an erasure of the person: none that names them is left behind', async () => {
    const id = await referral(true);
    await ok(a.bearer, 'POST', `/referrals/${id}/status`, { status: 'contacted' });
    const { referred } = await ok<{ referred: { id: string } }>(
      a.bearer,
      'GET',
      `/referrals/${id}`,
    );
    const letters = Array.from({ length: 8 }, () =>
      a.bearer.request('POST', '/letters/draft', {
        templateKey: 'referrer_update',
        referralId: id,
      }),
    );
    const sends = Array.from({ length: 4 }, (_, n) =>
      a.bearer.request('POST', '/messages', {
        templateKey: n % 2 ? 'thanks_referral' : 'referrer_update',
        referralId: id,
        channel: 'letter',
      }),
    );
    const erase = a.bearer.request('DELETE', `/contacts/${referred.id}`);
    const answers = await Promise.all([...letters, ...sends, erase]);
    for (const res of answers) expect(res.status).toBeLessThan(500);
    const left = await ctx.deps.db
      .selectFrom('message')
      .select(['subject', 'body', 'to_name'])
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', id)
      .execute();
    expect(left.filter((m) => JSON.stringify(m).includes('Zimmerman'))).toEqual([]);
  });

  it('letters to a contact racing their erasure: none to them is left behind', async () => {
    for (let round = 0; round < 4; round++) {
      const person = await ok<{ id: string }>(a.bearer, 'POST', '/contacts', {
        name: `Quentin Quarry ${round}`,
        email: `quentin${round}@example.com`,
        emailConsent: true,
      });
      const sends = Array.from({ length: 6 }, () =>
        a.bearer.request('POST', '/messages', {
          templateKey: 'ask',
          contactId: person.id,
          channel: 'email',
        }),
      );
      const erase = a.bearer.request('DELETE', `/contacts/${person.id}`);
      const answers = await Promise.all(round % 2 ? [erase, ...sends] : [...sends, erase]);
      for (const res of answers) expect(res.status).toBeLessThan(500);
      const left = await ctx.deps.db
        .selectFrom('message')
        .select(['to_name', 'to_email'])
        .where('practice_id', '=', a.practiceId)
        .where('recipient_contact_id', '=', person.id)
        .execute();
      expect(left).toEqual([]);
    }
  });
});
