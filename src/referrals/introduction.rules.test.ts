import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressableFromName } from '../contacts/contact-name.rules.ts';
import { relationshipFooter } from '../letters/letter.rules.ts';
import { optedOutRefusal } from '../outbox/outbox.rules.ts';
import {
  type DraftInput,
  draftIntroduction,
  handoffRefusal,
  mailtoOf,
} from './introduction.rules.ts';

const input = (over: Partial<DraftInput> = {}): DraftInput => ({
  practice: {
    name: 'Harbor Counseling',
    valueProposition: 'Ana helps couples in conflict find their way back to each other',
    bookingUrl: 'https://cal.com/harbor/first-session',
    salutationStyle: 'informal',
  },
  person: { name: 'Cara Lee', email: 'cara@example.com' },
  referrer: { ...addressableFromName('Dr. Ann Archer'), email: 'ann@example.com' },
  note: null,
  ...over,
});

/** What a mail client reads from a mailto: URI (WHATWG URL, as browsers parse it). */
function readMailto(uri: string) {
  const url = new URL(uri);
  return {
    protocol: url.protocol,
    to: decodeURIComponent(url.pathname),
    cc: url.searchParams.get('cc'),
    subject: url.searchParams.get('subject'),
    body: url.searchParams.get('body'),
    keys: [...url.searchParams.keys()],
  };
}

describe('draftIntroduction', () => {
  it('is from the practice to the person, copying the referrer, naming both', () => {
    const d = draftIntroduction(input({ note: 'Cara is free most mornings.' }));
    expect(d.to).toEqual({ name: 'Cara Lee', email: 'cara@example.com' });
    expect(d.cc).toEqual({ name: 'Dr. Ann Archer', email: 'ann@example.com' });
    expect(d.subject).toBe('Ann suggested we talk');
    expect(d.body).toBe(
      [
        'Dear Cara,',
        "Ann suggested we talk, and I'm glad to meet you. Ann, thank you for the introduction; I've copied you so you know we're in touch.",
        'In short: Ana helps couples in conflict find their way back to each other.',
        'Cara is free most mornings.',
        "If you'd like to talk, you can choose a time that suits you here:\nhttps://cal.com/harbor/first-session\nor simply reply to this email and we'll find one.",
        'Warm regards,\nHarbor Counseling',
      ].join('\n\n'),
    );
  });

  it('addresses both formally when the practice does, and leaves out what it lacks', () => {
    const d = draftIntroduction(
      input({
        practice: {
          name: 'Lakeside Law',
          valueProposition: '',
          bookingUrl: '',
          salutationStyle: 'formal',
        },
        person: { name: 'Mr. Bo Stone', email: 'bo@example.com' },
      }),
    );
    expect(d.subject).toBe('Dr. Archer suggested we talk');
    expect(d.body.startsWith('Dear Mr. Stone,\n\nDr. Archer suggested we talk')).toBe(true);
    expect(d.body).not.toMatch(/In short|https?:/);
    expect(d.body).toMatch(
      /simply reply to this email and we'll find a time that suits you\.\n\nWarm regards,\nLakeside Law$/,
    );
  });

  it('keeps a value proposition that ends with its own punctuation', () => {
    const d = draftIntroduction(
      input({ practice: { ...input().practice, valueProposition: 'We make taxes calm!' } }),
    );
    expect(d.body).toContain('In short: We make taxes calm!\n');
  });

  it('copies a referrer without an email address by name only', () => {
    const d = draftIntroduction(
      input({ referrer: { ...addressableFromName('Rex Roe'), email: null } }),
    );
    expect(d.cc).toEqual({ name: 'Rex Roe', email: null });
  });
});

describe('mailtoOf (RFC 6068)', () => {
  it('round-trips to, cc, subject and body through new URL, line breaks as CRLF', () => {
    const d = draftIntroduction(
      input({ note: 'Fees: 50% off & "free" first call? #yes\n+ a tab\there' }),
    );
    const uri = mailtoOf(d);
    expect(uri.startsWith('mailto:cara@example.com?cc=ann@example.com&subject=')).toBe(true);
    expect(uri).not.toMatch(/[\s+]/);
    expect(uri).toContain('%0D%0A');
    const read = readMailto(uri);
    expect(read).toEqual({
      protocol: 'mailto:',
      to: 'cara@example.com',
      cc: 'ann@example.com',
      subject: d.subject,
      body: d.body.replace(/\n/g, '\r\n'),
      keys: ['cc', 'subject', 'body'],
    });
  });

  it('leaves out cc without the referrer’s address, and encodes unusual addresses', () => {
    const uri = mailtoOf({
      to: { email: 'bo+intro%x@example.com' },
      cc: { email: null },
      subject: 'Hi',
      body: 'x',
    });
    expect(uri).toBe('mailto:bo%2Bintro%25x@example.com?subject=Hi&body=x');
    expect(readMailto(uri)).toMatchObject({
      to: 'bo+intro%x@example.com',
      cc: null,
      keys: ['subject', 'body'],
    });
  });

  it('any text survives the round trip (a lone surrogate as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (subject, body) => {
        const read = readMailto(
          mailtoOf({ to: { email: 'a@b.example' }, cc: { email: 'c@d.example' }, subject, body }),
        );
        expect(read.subject).toBe(subject.toWellFormed());
        expect(read.body).toBe(body.toWellFormed().replace(/\r?\n/g, '\r\n'));
      }),
    );
  });
});

describe('handoffRefusal', () => {
  const open = {
    referrerId: 'r' as string | null,
    referredId: 'p',
    status: 'new' as const,
    consentToUpdate: true,
  };
  it('takes an open referral from this referrer', () => {
    expect(handoffRefusal(open, 'r')).toBeNull();
    expect(handoffRefusal({ ...open, status: 'meeting' }, 'r')).toBeNull();
  });
  it.each([
    [{ ...open, referredId: null }, 'referralId', 'unprocessable'],
    [{ ...open, referrerId: null }, 'referrerId', 'unprocessable'],
    [{ ...open, referrerId: 'someone' }, 'referrerId', 'unprocessable'],
    [{ ...open, consentToUpdate: false }, 'referralId', 'unprocessable'],
    [{ ...open, referredId: 'r' }, 'referrerId', 'unprocessable'],
    [{ ...open, status: 'client' as const }, 'referralId', 'conflict'],
    [{ ...open, status: 'declined' as const }, 'referralId', 'conflict'],
  ])('refuses %j', (referral, field, code) => {
    expect(handoffRefusal(referral, 'r')).toMatchObject({ field, code });
  });
});

describe('opt-out and footer', () => {
  it('refuses only someone who opted out', () => {
    expect(optedOutRefusal({ name: 'Bo', emailOptedOutAt: null })).toBeNull();
    expect(optedOutRefusal({ name: 'Bo', emailOptedOutAt: '2026-01-01T00:00:00.000Z' })).toMatch(
      /^Bo opted out/,
    );
  });
  it('signs with the postal address, without an opt-out link', () => {
    expect(relationshipFooter('Harbor', '12 Harbor Rd\nPortland', null)).toBe(
      '\n\n—\nHarbor · 12 Harbor Rd, Portland',
    );
    expect(relationshipFooter('Harbor', '  ', null)).toBe('');
  });
});
