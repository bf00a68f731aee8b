import { describe, expect, it } from 'vitest';
import type { ReferralLink } from '../api/types';
import { contactVcardUrl } from '../contacts/use-contacts';
import {
  describeLinkStats,
  intakePreviewPath,
  linkName,
  linkOfContact,
  personalLinks,
  practiceWideLink,
  referralCardUrl,
  referralQrUrl,
  sumLinkStats,
} from './referral-links';

const stats = { visits: 0, submissions: 0, referrals: 0, clients: 0 };

function link(id: string, contact: { id: string; name: string } | null, more = {}): ReferralLink {
  return {
    id,
    code: `code${id}`,
    url: `https://vouch.example/r/code${id}`,
    contactId: contact?.id ?? null,
    contact,
    createdAt: '2026-11-01T10:00:00.000Z',
    stats: { ...stats, ...more },
  };
}

const practice = link('p', null, { visits: 10, submissions: 2, referrals: 2, clients: 1 });
const maya = link('m', { id: 'c-maya', name: 'Maya Lindqvist' }, { visits: 3, submissions: 1 });
const alan = link('a', { id: 'c-alan', name: 'Alan Reyes' }, { referrals: 4, clients: 2 });
const links = [maya, practice, alan];

describe('referral links on the Kit page', () => {
  it('tells the practice-wide link from the personal ones, those by name', () => {
    expect(practiceWideLink(links)).toBe(practice);
    expect(practiceWideLink([maya])).toBeUndefined();
    expect(personalLinks(links).map((l) => l.contact?.name)).toEqual([
      'Alan Reyes',
      'Maya Lindqvist',
    ]);
    expect(links[0]).toBe(maya); // the list given is left as it was
  });

  it('finds a contact’s link', () => {
    expect(linkOfContact(links, 'c-alan')).toBe(alan);
    expect(linkOfContact(links, 'c-nobody')).toBeUndefined();
  });

  it('names a link by its referrer', () => {
    expect(linkName(maya)).toBe('Maya Lindqvist');
    expect(linkName(practice)).toBe('Practice-wide link');
  });

  it('adds the numbers up and says them in a sentence, one and many', () => {
    const total = sumLinkStats(links);
    expect(total).toEqual({ visits: 13, submissions: 3, referrals: 6, clients: 3 });
    expect(sumLinkStats([])).toEqual(stats);
    expect(describeLinkStats(total)).toBe('13 visits, 3 forms sent, 6 referrals and 3 clients');
    expect(describeLinkStats({ visits: 1, submissions: 1, referrals: 1, clients: 1 })).toBe(
      '1 visit, 1 form sent, 1 referral and 1 client',
    );
    expect(describeLinkStats(stats)).toBe('0 visits, 0 forms sent, 0 referrals and 0 clients');
  });

  it('points at the server’s pages and downloads, the ids encoded', () => {
    expect(intakePreviewPath({ code: 'k7m2p9qx4t' })).toBe('/r/k7m2p9qx4t?preview=1');
    expect(referralCardUrl({ id: 'a/b' })).toBe('/api/v1/referral-links/a%2Fb/card.pdf');
    expect(referralQrUrl({ id: 'x' })).toBe('/api/v1/referral-links/x/qr.svg');
    expect(contactVcardUrl('c 1')).toBe('/api/v1/contacts/c%201/vcard');
  });
});
