import { describe, expect, it } from 'vitest';
import { expectProblem } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { seedMember, testTargets } from '../test-support/testing.ts';
import { parseVcard, vcardValue } from '../test-support/vcard-parse.ts';

const valueProposition =
  'Ana helps couples in conflict find their way back to each other; in person in Portland, ' +
  'or online anywhere in Maine, evenings and weekends included, since 2009.';

describe.each(testTargets)("the practitioner's vCard on %s", (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counseling']);

  it("is the signed-in user's card at the practice, as a .vcf attachment", async () => {
    const set = await a.session.json('PATCH', '/practice', {
      valueProposition,
      postalAddress: '12 Harbor Rd\nPortland, ME 04101',
    });
    expect(set.status).toBe(200);
    const res = await a.session.request('GET', '/practice/vcard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Harbor Counseling Owner.vcf"; filename*=UTF-8''Harbor%20Counseling%20Owner.vcf`,
    );
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    const card = parseVcard(text);
    expect(vcardValue(card, 'fn')).toBe('Harbor Counseling Owner');
    expect(vcardValue(card, 'n')).toEqual(['Owner', 'Harbor Counseling', '', '', '']);
    expect(vcardValue(card, 'org')).toBe('Harbor Counseling');
    expect(card.get('email')).toEqual({ values: [a.email], params: { type: 'work' } });
    expect(vcardValue(card, 'adr')).toEqual([
      '',
      '',
      '12 Harbor Rd\nPortland, ME 04101',
      '',
      '',
      '',
      '',
    ]);
    // The value proposition is longer than a line: folded in the file, whole when read.
    expect(text).toMatch(/\r\nNOTE:[^\r]+\r\n [^\r]+/);
    expect(vcardValue(card, 'note')).toBe(valueProposition);
    expect(card.has('kind')).toBe(false);
  });

  it("is each user's own card, with their name in parts (a comma, an ë)", async () => {
    const zoe = await seedMember(ctx, a.practiceId, 'Dr. Zoë Müller-Reyes, PhD');
    const res = await zoe.session.request('GET', '/practice/vcard');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Dr. Zoe Muller-Reyes, PhD.vcf"; ` +
        `filename*=UTF-8''Dr.%20Zo%C3%AB%20M%C3%BCller-Reyes%2C%20PhD.vcf`,
    );
    const card = parseVcard(await res.text());
    expect(vcardValue(card, 'fn')).toBe('Dr. Zoë Müller-Reyes, PhD');
    expect(vcardValue(card, 'n')).toEqual(['Müller-Reyes', 'Zoë', '', 'Dr.', 'PhD']);
    expect(vcardValue(card, 'email')).toBe(zoe.email);
    expect(vcardValue(card, 'org')).toBe('Harbor Counseling');
  });

  it('is a vCard 3.0 on request, for Outlook, and refuses another version naming it', async () => {
    const res = await a.bearer.request('GET', '/practice/vcard?version=3.0');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    expect(text).toContain(`\r\nEMAIL;TYPE=INTERNET,WORK:${a.email}\r\n`);
    const card = parseVcard(text);
    expect(vcardValue(card, 'fn')).toBe('Harbor Counseling Owner');
    expect(vcardValue(card, 'label')).toBe('12 Harbor Rd\nPortland, ME 04101');
    await expectProblem(
      await a.session.request('GET', '/practice/vcard?version=2.1'),
      400,
      'validation',
      ['version'],
    );
  });
});
