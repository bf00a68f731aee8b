import { findContactRow } from '../contacts/contact.repository.ts';
import { addressableOf, requireContact } from '../contacts/contact.service.ts';
import { addressNameOf } from '../contacts/contact-name.rules.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import { refOf } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { refuseInDemo, requirePracticeRow } from '../practices/practice.service.ts';
import { renderLinkQrSvg, renderReferralCardPdf } from './card-pdf.ts';
import {
  countLinkOutcomes,
  findLiveLinkOf,
  findLiveLinkRow,
  insertLinkRow,
  type LinkCounts,
  listLiveLinkRows,
  type ReferralLinkRow,
  revokeLinkRow,
} from './referral-link.repository.ts';
import { linkUrl, newLinkCode } from './referral-link.rules.ts';
import type { CreateReferralLink, ReferralLink } from './referral-link.schemas.ts';

const linkNotFound = () => new AppError('not_found', 'There is no such referral link.');

function toLink(
  deps: Pick<Deps, 'config'>,
  row: ReferralLinkRow & { contact_name: string | null },
  counts: LinkCounts | undefined,
): ReferralLink {
  return {
    id: row.id,
    code: row.code,
    url: linkUrl(deps.config.baseUrl, row.code),
    contactId: row.contact_id,
    contact: refOf(row.contact_id, row.contact_name),
    createdAt: row.created_at,
    stats: { visits: row.visits, submissions: 0, referrals: 0, clients: 0, ...counts },
  };
}

/**
 * The live referral link of a contact, or the practice-wide one without `contactId` (§3.9):
 * made on the first call, answered as it is on later ones (`created` says which). Audited.
 */
export async function createReferralLink(
  deps: Deps,
  actor: Actor,
  input: CreateReferralLink,
): Promise<{ link: ReferralLink; created: boolean }> {
  await refuseInDemo(deps.db, actor.practiceId, 'Referral links');
  const contactId = input.contactId ?? null;
  const now = toTimestamp(deps.clock.now());
  return inTransaction(deps.db, async (trx) => {
    const contact = contactId
      ? await requireContact(trx, actor.practiceId, contactId, 'contactId')
      : null;
    const id = newId();
    // A code already taken (about one in 2^49) or a live link made meanwhile: no row; the
    // live link is then answered, or another code tried.
    for (let attempt = 0; attempt < 3; attempt++) {
      const made = await insertLinkRow(trx, {
        practice_id: actor.practiceId,
        id,
        code: newLinkCode(),
        contact_id: contactId,
        created_by: actor.userId,
        created_at: now,
        revoked_at: null,
        visits: 0,
      });
      const live = await findLiveLinkOf(trx, actor.practiceId, contactId);
      if (live) {
        if (made)
          await recordAudit(trx, deps.clock, {
            practiceId: actor.practiceId,
            userId: actor.userId,
            action: 'referral_link.created',
            subjectType: 'referral_link',
            subjectId: id,
          });
        const counts = await countLinkOutcomes(trx, actor.practiceId, [live.id]);
        return {
          link: toLink(deps, { ...live, contact_name: contact?.name ?? null }, counts.get(live.id)),
          created: made,
        };
      }
    }
    throw new AppError('unavailable', 'No free link code was found; try again.', [], {
      retryAfterSeconds: 1,
    });
  });
}

/** The live links, newest first, each with its numbers (§3.9): three queries for any number. */
export async function listReferralLinks(
  deps: Deps,
  actor: Actor,
): Promise<{ items: ReferralLink[] }> {
  const rows = await listLiveLinkRows(deps.db, actor.practiceId);
  const counts = await countLinkOutcomes(
    deps.db,
    actor.practiceId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => toLink(deps, row, counts.get(row.id))) };
}

/**
 * What the card and the intake page call the link's referrer: their first name (the informal
 * address), never more; null for the practice-wide link.
 */
export async function referrerFirstNameOf(
  db: Queryable,
  link: Pick<ReferralLinkRow, 'practice_id' | 'contact_id'>,
): Promise<string | null> {
  if (!link.contact_id) return null;
  const contact = await findContactRow(db, link.practice_id, link.contact_id);
  return contact ? addressNameOf(addressableOf(contact), 'informal') : null;
}

/** The context a link's card, QR code and page are made of: its URL, practice and referrer. */
async function linkMaterial(deps: Deps, actor: Actor, id: string) {
  const row = await findLiveLinkRow(deps.db, actor.practiceId, id);
  if (!row) throw linkNotFound();
  const [practice, referrerFirstName] = await Promise.all([
    requirePracticeRow(deps.db, actor.practiceId),
    referrerFirstNameOf(deps.db, row),
  ]);
  return { url: linkUrl(deps.config.baseUrl, row.code), practice, referrerFirstName };
}

/** The printable sheet of referral cards of a live link (§3.9). */
export async function referralCardPdf(deps: Deps, actor: Actor, id: string): Promise<Uint8Array> {
  const { url, practice, referrerFirstName } = await linkMaterial(deps, actor, id);
  return renderReferralCardPdf({
    practiceName: practice.name,
    valueProposition: practice.value_proposition,
    url,
    referrerFirstName,
  });
}

/** A live link's QR code as SVG, for the Kit page. */
export async function referralLinkQrSvg(deps: Deps, actor: Actor, id: string): Promise<string> {
  return renderLinkQrSvg((await linkMaterial(deps, actor, id)).url);
}

/** Revokes a link: its page is a 404 at once; its referrals keep their numbers. Audited. */
export async function revokeReferralLink(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = toTimestamp(deps.clock.now());
  await inTransaction(deps.db, async (trx) => {
    if ((await revokeLinkRow(trx, actor.practiceId, id, now)) === 0) throw linkNotFound();
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'referral_link.revoked',
      subjectType: 'referral_link',
      subjectId: id,
    });
  });
}
