/**
 * Issue 11 point 1: every shipped letter opens with the person addressed as contacts' name
 * rules say — "Dear Dr. Reyes," (formal) or "Dear Alan," (informal), "Dear Alan Reyes," for a
 * formal letter to someone without a title — never "Dear Dr.,". Also in the PDF.
 */
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import { type TemplateKey, templateKeys } from './letter.templates.ts';

type Json = { id: string } & Record<string, unknown>;
type People = {
  referral: string;
  consented: string;
  commitment: string;
  given: string;
  referrer: string;
};

/** Who each letter goes to, and the subject it needs. */
const subjectOf: Record<TemplateKey, (p: People) => Record<string, string>> = {
  ask: (p) => ({ contactId: p.referrer }),
  thanks_referral: (p) => ({ referralId: p.referral }),
  thanks_conversion: (p) => ({ referralId: p.consented }),
  referrer_update: (p) => ({ referralId: p.consented }),
  treating_provider_update: (p) => ({ referralId: p.referral }),
  partner_notification: (p) => ({ givenId: p.given }),
  commitment_reminder: (p) => ({ commitmentId: p.commitment }),
  given_check_in: (p) => ({ givenId: p.given }),
  survey_invitation: (p) => ({ contactId: p.referrer }),
  weekly_digest: () => ({}),
};

/** The person each letter addresses: the referrer, the partner or the person referred to them. */
const addresseeOf: Record<TemplateKey, 'referrer' | 'partner' | 'person' | 'team'> = {
  ask: 'referrer',
  thanks_referral: 'referrer',
  thanks_conversion: 'referrer',
  referrer_update: 'referrer',
  treating_provider_update: 'referrer',
  partner_notification: 'partner',
  commitment_reminder: 'referrer',
  given_check_in: 'person',
  survey_invitation: 'referrer',
  weekly_digest: 'team',
};

const names = {
  titled: {
    referrer: ['Dr. Alan Reyes', 'Dear Dr. Reyes,', 'Dear Alan,'],
    partner: ['Prof. Paula Stone, PhD', 'Dear Prof. Stone,', 'Dear Paula,'],
    person: ['mx gina given', 'Dear Mx. given,', 'Dear gina,'],
  },
  plain: {
    referrer: ['Alan Reyes', 'Dear Alan Reyes,', 'Dear Alan,'],
    partner: ['Paula Stone', 'Dear Paula Stone,', 'Dear Paula,'],
    person: ['Gina Given', 'Dear Gina Given,', 'Dear Gina,'],
  },
} as const;

describe.each(testTargets)('letter salutations on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Health']);
  const people: Record<keyof typeof names, People> = {
    titled: { referral: '', consented: '', commitment: '', given: '', referrer: '' },
    plain: { referral: '', consented: '', commitment: '', given: '', referrer: '' },
  };

  beforeAll(async () => {
    // Health, with treating providers: every referrer letter (the HIPAA one too) can be drafted.
    await ok(a.bearer, 'PATCH', '/practice', { profession: 'health' });
    for (const kind of ['titled', 'plain'] as const) {
      const n = names[kind];
      const referrer = await ok<Json>(a.bearer, 'POST', '/contacts', {
        name: n.referrer[0],
        email: `${kind}-ref@example.com`,
        emailConsent: true,
        isTreatingProvider: true,
        stage: 'trusts',
      });
      const partner = await ok<Json>(a.bearer, 'POST', '/contacts', {
        name: n.partner[0],
        email: `${kind}-partner@example.com`,
        emailConsent: true,
      });
      const referral = await ok<Json>(a.bearer, 'POST', '/referrals', {
        referrer: { contactId: referrer.id },
        referred: { name: `Zelda ${kind}` },
        channel: 'phone',
      });
      const consented = await ok<Json>(a.bearer, 'POST', '/referrals', {
        referrer: { contactId: referrer.id },
        referred: { name: `Carl ${kind}` },
        channel: 'phone',
        consentToUpdate: true,
      });
      await ok(a.bearer, 'POST', `/referrals/${consented.id}/status`, { status: 'contacted' });
      const commitment = await ok<{ commitment: Json }>(
        a.bearer,
        'POST',
        `/contacts/${referrer.id}/commitments`,
        { promisedCount: 2 },
      );
      const given = await ok<Json>(a.bearer, 'POST', '/referrals-given', {
        person: { name: n.person[0], email: `${kind}-person@example.com` },
        partnerId: partner.id,
      });
      people[kind] = {
        referral: referral.id,
        consented: consented.id,
        commitment: commitment.commitment.id,
        given: given.id,
        referrer: referrer.id,
      };
    }
  });

  const cases = (['formal', 'informal'] as const).flatMap((style) =>
    (['titled', 'plain'] as const).flatMap((kind) =>
      templateKeys.map((key) => [style, kind, key] as const),
    ),
  );

  it.each(cases)('%s, %s: %s', async (style, kind, key) => {
    await ok(a.bearer, 'PATCH', '/practice/settings', { salutationStyle: style });
    const draft = await ok<{ body: string }>(a.bearer, 'POST', '/letters/draft', {
      templateKey: key,
      ...subjectOf[key](people[kind]),
    });
    const firstLine = draft.body.split('\n')[0];
    const addressee = addresseeOf[key];
    if (addressee === 'team') {
      // The team is greeted by first name whatever the style.
      expect(firstLine).toBe('Hello Harbor,');
      return;
    }
    const [, formal, informal] = names[kind][addressee];
    expect(firstLine).toBe(style === 'formal' ? formal : informal);
    expect(draft.body).not.toMatch(/Dear (Dr|Prof|Mx)\.?,/i);
  });

  it("typed text is checked against the referred person's name parts, not their title (§3.2)", async () => {
    const referrer = await ok<Json>(a.bearer, 'POST', '/contacts', { name: 'Rita Ray' });
    const referral = await ok<Json>(a.bearer, 'POST', '/referrals', {
      referrer: { contactId: referrer.id },
      referred: { name: 'Dr. Jane Roe' },
      channel: 'phone',
    });
    const send = (body: string) =>
      a.bearer.request('POST', '/messages', {
        templateKey: 'thanks_referral',
        referralId: referral.id,
        channel: 'letter',
        body,
      });
    // "Dr." names nobody: a thank-you may say the referrer's doctor friends are welcome.
    expect(
      (await send('{{referrer.salutation}} Any friend of yours, Dr. or not, is welcome.')).status,
    ).toBe(201);
    const refused = await send('{{referrer.salutation}} Thank you for sending Jane.');
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({ field: 'body' });
    expect(problem.errors[0]?.message).toContain('"Jane"');
    expect((await send('{{referrer.salutation}} Ms Roe says hello.')).status).toBe(422);
  });

  it('the PDF of a letter opens the same way', async () => {
    await ok(a.bearer, 'PATCH', '/practice/settings', { salutationStyle: 'formal' });
    const msg = await ok<Json>(a.bearer, 'POST', '/messages', {
      templateKey: 'thanks_referral',
      referralId: people.titled.referral,
      channel: 'letter',
    });
    const res = await a.bearer.request('GET', `/messages/${msg.id}/pdf`);
    expect(res.status).toBe(200);
    const { text } = await extractText(new Uint8Array(await res.arrayBuffer()), {
      mergePages: true,
    });
    expect(text).toContain('Dear Dr. Reyes,');
  });
});
