import { buildUrl } from '../api';
import { LINK_STATS, type ReferralLink, type ReferralLinkStats } from '../api/types';
import { LINK_STAT_NOUNS } from '../labels';

/** The practice-wide link (no referrer), when one is live. */
export function practiceWideLink(links: readonly ReferralLink[]): ReferralLink | undefined {
  return links.find((link) => link.contactId === null);
}

/** The personal links, by the referrer's name. */
export function personalLinks(links: readonly ReferralLink[]): ReferralLink[] {
  return links
    .filter((link) => link.contactId !== null)
    .sort((a, b) => (a.contact?.name ?? '').localeCompare(b.contact?.name ?? ''));
}

/** A contact's live link, when they have one. */
export function linkOfContact(
  links: readonly ReferralLink[],
  contactId: string,
): ReferralLink | undefined {
  return links.find((link) => link.contactId === contactId);
}

/** The numbers of several links added up. */
export function sumLinkStats(links: readonly ReferralLink[]): ReferralLinkStats {
  const total: ReferralLinkStats = { visits: 0, submissions: 0, referrals: 0, clients: 0 };
  for (const link of links) for (const stat of LINK_STATS) total[stat] += link.stats[stat];
  return total;
}

/** "12 visits, 3 forms sent, 2 referrals and 1 client". */
export function describeLinkStats(stats: ReferralLinkStats): string {
  const parts = LINK_STATS.map((stat) => {
    const [one, many] = LINK_STAT_NOUNS[stat];
    return `${stats[stat]} ${stats[stat] === 1 ? one : many}`;
  });
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A link's name in a list: its referrer, or what the practice-wide link is. */
export function linkName(link: ReferralLink): string {
  return link.contact?.name ?? 'Practice-wide link';
}

const id = (value: string) => encodeURIComponent(value);

/**
 * The intake page as the practitioner previews it: on this server, in a new tab (the page may
 * not be framed), and not counted as a visit (`?preview=1`).
 */
export const intakePreviewPath = (link: Pick<ReferralLink, 'code'>): string =>
  `/r/${id(link.code)}?preview=1`;

// The downloads below are rendered by the server (PDF, SVG, vCard) and opened as plain links,
// outside the JSON client; their paths are typed from the API document all the same.

/** The printable sheet of referral cards of a link. */
export const referralCardUrl = (link: Pick<ReferralLink, 'id'>): string =>
  buildUrl('/referral-links/{id}/card.pdf', { path: { id: link.id } });

/** The link's QR code, as an image. */
export const referralQrUrl = (link: Pick<ReferralLink, 'id'>): string =>
  buildUrl('/referral-links/{id}/qr.svg', { path: { id: link.id } });

/** The practitioner's own contact card (RFC 6350), to hand to people who refer. */
export const practiceVcardUrl = buildUrl('/practice/vcard', {});
