/**
 * Erasing a person while other requests write about them (PRODUCT.md §8): on PostgreSQL a write
 * that found the contact must not then fail its foreign key with a 500, and nothing written
 * may be left pointing at the erased person. A write that lost answers 404 naming the contact.
 */
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';

type Json = Record<string, unknown> & { id: string };
type Problem = { status: number; errors?: { field: string }[] };

describe.each(testTargets)('erasure racing writes about the person (%s)', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counseling']);

  const newContact = async (name: string) =>
    (await ok<Json>(a.bearer, 'POST', '/contacts', { name, stage: 'trusts' })).id;

  /** Every write that names `id`, with the field a 404 names when the person is gone. */
  function writesAbout(id: string, other: string, referralId: string) {
    const at = '2026-01-05T10:00:00.000Z';
    return [
      ['POST', `/contacts/${id}/interactions`, { kind: 'call', summary: 'Caught up' }, null],
      ['POST', `/contacts/${id}/moments`, { kind: 'milestone', occurredAt: at }, null],
      ['POST', `/contacts/${id}/asks`, { askedAt: at }, null],
      ['POST', `/contacts/${id}/commitments`, { promisedCount: 3, madeAt: at }, null],
      [
        'POST',
        '/referrals',
        { referrer: { contactId: id }, referred: { contactId: other }, channel: 'phone' },
        'referrer.contactId',
      ],
      [
        'POST',
        '/referrals',
        { referrer: { contactId: other }, referred: { contactId: id }, channel: 'phone' },
        'referred.contactId',
      ],
      [
        'POST',
        '/incentives',
        { kind: 'gift', recipient: 'referrer', recipientContactId: id, valueMinor: 1000 },
        'recipientContactId',
      ],
      ['POST', '/referrals-given', { person: { name: 'Gina Given' }, partnerId: id }, 'partnerId'],
      // The recipient read from the referral, not named: the foreign key's own answer, a 409.
      [
        'POST',
        '/incentives',
        { kind: 'gift', recipient: 'referrer', referralId, valueMinor: 1000 },
        'conflict',
      ],
    ] as const;
  }

  /** Rows in each table that still name `id`. */
  async function rowsNaming(id: string) {
    const db = ctx.deps.db;
    const p = a.practiceId;
    const counts = await Promise.all(
      [
        db.selectFrom('contact').select('id').where('practice_id', '=', p).where('id', '=', id),
        ...(['interaction', 'moment', 'ask', 'commitment'] as const).map((t) =>
          db.selectFrom(t).select('id').where('practice_id', '=', p).where('contact_id', '=', id),
        ),
        db
          .selectFrom('referral')
          .select('id')
          .where('practice_id', '=', p)
          .where((eb) => eb.or([eb('referrer_id', '=', id), eb('referred_id', '=', id)])),
        db
          .selectFrom('incentive')
          .select('id')
          .where('practice_id', '=', p)
          .where('recipient_contact_id', '=', id),
        db
          .selectFrom('referral_given')
          .select('id')
          .where('practice_id', '=', p)
          .where('partner_id', '=', id),
      ].map((q) => q.execute().then((rows) => rows.length)),
    );
    return counts.reduce((sum, n) => sum + n, 0);
  }

  it('every answer is below 500, losers are 404s naming the contact, nothing names them after', async () => {
    // The 409s log their driver error; the assertions below are what matters.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await newContact('Olive Other');
    for (let round = 0; round < 6; round++) {
      const id = await newContact(`Eve Erased ${round}`);
      const referral = await ok<Json>(a.bearer, 'POST', '/referrals', {
        referrer: { contactId: id },
        referred: { name: 'Rhea Referred' },
        channel: 'phone',
      });
      const writes = writesAbout(id, other, referral.id);
      // Half the rounds send the erasure first, half last, so it meets writes on both sides.
      const erase = () => a.bearer.request('DELETE', `/contacts/${id}`);
      const sent = writes.map(
        ([method, url, body]) =>
          () =>
            a.bearer.request(method, url, body),
      );
      const order = round % 2 ? [...sent, erase] : [erase, ...sent];
      const answers = await Promise.all(order.map((send) => send()));
      const erasure = answers[round % 2 ? answers.length - 1 : 0];
      const writeAnswers = round % 2 ? answers.slice(0, -1) : answers.slice(1);
      for (const res of answers) expect(res.status, await res.clone().text()).toBeLessThan(500);
      expect(erasure?.status).toBe(204);
      for (const [i, res] of writeAnswers.entries()) {
        if (res.status < 300) continue;
        const field = writes[i]?.[3];
        const what = `${writes[i]?.[1]}: ${await res.clone().text()}`;
        if (field === 'conflict') {
          // Erased before it read the referral: no referrer left to give to (422).
          expect([409, 422], what).toContain(res.status);
          continue;
        }
        expect(res.status, what).toBe(404);
        if (field) expect(((await res.json()) as Problem).errors?.[0]?.field).toBe(field);
      }
      expect(await rowsNaming(id)).toBe(0);
    }
    quiet.mockRestore();
  });
});
