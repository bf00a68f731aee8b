import { describe, expect, it } from 'vitest';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import { parseVcard, vcardValue } from '../test-support/vcard-parse.ts';
import type { ContactDetail } from './contact.schemas.ts';

describe.each(testTargets)("a contact's vCard on %s", (target) => {
  const ctx = useTestContext(target);
  const [a, b] = usePractices(ctx, ['Harbor Counseling', 'Beta Law']);

  it('carries FN, N in parts, NICKNAME, ORG, EMAIL and TEL, and not the notes', async () => {
    const zoe = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      honorific: 'Dr.',
      givenName: 'Zoë',
      familyName: 'Müller; Reyes',
      suffix: 'PhD, MD',
      preferredName: 'Zo',
      email: 'zoe@lakeside.example',
      phone: '+1 207 555 0134',
      organization: 'Lakeside Clinic, Inc.',
      notes: 'Private: her sister is a client.',
    });
    const res = await a.session.request('GET', `/contacts/${zoe.id}/vcard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Dr. Zoe Muller- Reyes, PhD, MD.vcf"; ` +
        `filename*=UTF-8''${encodeURIComponent(`${zoe.name}.vcf`)}`,
    );
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const card = parseVcard(text);
    expect(vcardValue(card, 'fn')).toBe(zoe.name);
    expect(vcardValue(card, 'n')).toEqual(['Müller; Reyes', 'Zoë', '', 'Dr.', 'PhD, MD']);
    expect(vcardValue(card, 'nickname')).toBe('Zo');
    expect(vcardValue(card, 'org')).toBe('Lakeside Clinic, Inc.');
    expect(vcardValue(card, 'email')).toBe('zoe@lakeside.example');
    expect(card.get('tel')).toEqual({ values: ['+1 207 555 0134'], params: { type: 'voice' } });
    expect(card.has('note')).toBe(false);
    expect(text).not.toContain('sister');
  });

  it('writes a long name folded at 75 octets, read back whole', async () => {
    const name = `Zoë ${'Abercrombie-'.repeat(8)}Müller`;
    const contact = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name });
    const text = await (await a.bearer.request('GET', `/contacts/${contact.id}/vcard`)).text();
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\nFN:[^\r]+\r\n [^\r]/);
    expect(vcardValue(parseVcard(text), 'fn')).toBe(name);
  });

  it('is 3.0 on request', async () => {
    const contact = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Alan Reyes',
      email: 'alan@example.com',
    });
    const text = await (
      await a.session.request('GET', `/contacts/${contact.id}/vcard?version=3.0`)
    ).text();
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    const card = parseVcard(text);
    expect(vcardValue(card, 'n')).toEqual(['Reyes', 'Alan', '', '', '']);
    expect(card.get('email')).toEqual({
      values: ['alan@example.com'],
      params: { type: 'INTERNET' },
    });
  });

  it("is 404 for another practice's contact, an unknown id and an erased contact", async () => {
    const theirs = await ok<ContactDetail>(b.session, 'POST', '/contacts', { name: 'Beta Client' });
    await expectProblem(
      await a.session.request('GET', `/contacts/${theirs.id}/vcard`),
      404,
      'not_found',
    );
    await expectProblem(
      await a.session.request('GET', '/contacts/019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b/vcard'),
      404,
      'not_found',
    );
    const gone = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Gone Soon' });
    expect((await a.session.request('DELETE', `/contacts/${gone.id}`)).status).toBe(204);
    await expectProblem(
      await a.session.request('GET', `/contacts/${gone.id}/vcard`),
      404,
      'not_found',
    );
    // B still reads its own.
    expect((await b.session.request('GET', `/contacts/${theirs.id}/vcard`)).status).toBe(200);
  });
});
