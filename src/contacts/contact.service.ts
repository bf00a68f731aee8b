import { findGroupRows, type GroupRow } from '../network/group.repository.ts';
import { toGroup } from '../network/group.service.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, constraintKind, fieldError, notFound } from '../platform/errors.ts';
import { refOf } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import type { NameParts } from '../platform/person-name.ts';
import { type VcardVersion, vcardNameOf, writeVcard } from '../platform/vcard.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import { recordWebhookEvent } from '../webhooks/webhook-event.service.ts';
import { dueCutoffs, touchOf } from './cadence.rules.ts';
import {
  type ContactRow,
  countReferralsFrom,
  findContactRow,
  insertContactRow,
  insertStageChangeRow,
  listCirclesOf,
  listContactRows,
  listRolesOf,
  listStageHistory,
  replaceContactCircles,
  replaceContactRoles,
  type TouchDueFilter,
  updateContactRow,
} from './contact.repository.ts';
import {
  decodeCursor,
  encodeCursor,
  normalizeRoles,
  promotionFor,
  type Role,
  type Stage,
  stageChangeFor,
  stageEditRefusal,
  stageRank,
  textKey,
} from './contact.rules.ts';
import type {
  Contact,
  ContactDetail,
  CreateContact,
  ListContactsQuery,
  UpdateContact,
} from './contact.schemas.ts';
import { type AddressableName, resolveName, salutationOf } from './contact-name.rules.ts';

/** A stored contact as the addressing rules see it (contact-name.rules). */
export function addressableOf(
  row: Pick<
    ContactRow,
    'name' | 'honorific' | 'given_name' | 'family_name' | 'suffix' | 'preferred_name' | 'salutation'
  >,
): AddressableName {
  return {
    name: row.name,
    honorific: row.honorific,
    givenName: row.given_name,
    familyName: row.family_name,
    suffix: row.suffix,
    preferredName: row.preferred_name,
    salutation: row.salutation,
  };
}

/**
 * Turns rows into API contacts, loading roles, circles, categories and the practice's
 * cadence settings in four queries, and working out each contact's keep-in-touch state at now.
 */
async function hydrate(
  db: Queryable,
  clock: Clock,
  practiceId: string,
  rows: ContactRow[],
): Promise<Contact[]> {
  const ids = rows.map((r) => r.id);
  const categoryIds = [...new Set(rows.flatMap((r) => (r.category_id ? [r.category_id] : [])))];
  const [roleRows, circleRows, categoryRows, { settings }] = await Promise.all([
    listRolesOf(db, practiceId, ids),
    listCirclesOf(db, practiceId, ids),
    findGroupRows(db, 'category', practiceId, categoryIds),
    loadPracticeContext(db, practiceId),
  ]);
  const now = clock.now();
  const rolesBy = new Map<string, Role[]>();
  for (const r of roleRows)
    rolesBy.set(r.contact_id, [...(rolesBy.get(r.contact_id) ?? []), r.role]);
  const circlesBy = new Map<string, GroupRow[]>();
  for (const c of circleRows)
    circlesBy.set(c.contact_id, [...(circlesBy.get(c.contact_id) ?? []), c]);
  const categories = new Map(categoryRows.map((c) => [c.id, c]));
  return rows.map((row) => {
    const category = row.category_id ? categories.get(row.category_id) : undefined;
    const roles = normalizeRoles(rolesBy.get(row.id) ?? []);
    const stage = row.stage;
    const keepInTouchDays = row.keep_in_touch_days === null ? null : Number(row.keep_in_touch_days);
    const addressable = addressableOf(row);
    return {
      id: row.id,
      ...addressable,
      greeting: salutationOf(addressable, settings.salutationStyle),
      email: row.email,
      phone: row.phone,
      organization: row.organization,
      category: category ? toGroup(category) : null,
      roles,
      stage,
      circles: (circlesBy.get(row.id) ?? []).map(toGroup),
      metWhere: row.met_where,
      metHow: row.met_how,
      emailConsent: row.email_consent,
      doNotAsk: row.do_not_ask,
      notes: row.notes,
      lastTouchAt: row.last_touch_at,
      keepInTouchDays,
      isTreatingProvider: row.is_treating_provider,
      ...touchOf(
        {
          stage,
          roles,
          keepInTouchDays,
          lastTouchAt: row.last_touch_at,
          createdAt: row.created_at,
        },
        settings,
        now,
      ),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/**
 * A contact named in a request body (`field` says where): another practice's id is simply not
 * found, a 404 naming the field. Inside a transaction the row stays key-share locked to its
 * end (PostgreSQL), so an erasure racing the write waits instead of breaking its foreign key.
 */
export async function requireContact(
  db: Queryable,
  practiceId: string,
  id: string,
  field: string,
): Promise<ContactRow> {
  const row = await findContactRow(db, practiceId, id, 'key share');
  if (!row) {
    const message = 'No such contact in this practice.';
    throw new AppError('not_found', `${field}: ${message}`, [{ field, message }]);
  }
  return row;
}

async function loadDetail(
  trx: Tx,
  clock: Clock,
  practiceId: string,
  contactId: string,
): Promise<ContactDetail> {
  const row = await findContactRow(trx, practiceId, contactId);
  if (!row) throw notFound('The contact');
  const [contact] = await hydrate(trx, clock, practiceId, [row]);
  const history = await listStageHistory(trx, practiceId, contactId);
  if (!contact) throw notFound('The contact');
  return {
    ...contact,
    stageHistory: history.map((h) => ({
      id: h.id,
      fromStage: h.from_stage,
      toStage: h.to_stage,
      changedAt: h.changed_at,
      changedBy: refOf(h.changed_by, h.changed_by_name),
      reason: h.reason,
    })),
  };
}

/** Referenced categories and circles must exist in this practice: another practice's id is 404. */
async function checkReferences(
  trx: Tx,
  practiceId: string,
  input: { categoryId?: string | null | undefined; circleIds?: string[] | undefined },
): Promise<void> {
  if (input.categoryId) {
    const found = await findGroupRows(trx, 'category', practiceId, [input.categoryId]);
    if (found.length === 0)
      throw new AppError('not_found', 'categoryId: no such category in this practice.', [
        {
          field: 'categoryId',
          message: 'No such category in this practice; pick one from the list or create it.',
        },
      ]);
  }
  if (input.circleIds && input.circleIds.length > 0) {
    const unique = [...new Set(input.circleIds)];
    const found = await findGroupRows(trx, 'circle', practiceId, unique);
    if (found.length !== unique.length)
      throw new AppError('not_found', 'circleIds: a circle is not in this practice.', [
        { field: 'circleIds', message: 'One of these circles does not exist in this practice.' },
      ]);
  }
}

function duplicateEmail(error: unknown): never {
  if (constraintKind(error) === 'unique')
    throw fieldError('email', 'Another contact already has this email address.', 'conflict');
  throw error;
}

export async function createContact(
  deps: Deps,
  actor: Actor,
  input: CreateContact,
): Promise<ContactDetail> {
  const now = toTimestamp(deps.clock.now());
  const id = newId();
  const stage: Stage = input.stage ?? 'met';
  const named = resolveName(null, input);
  if (named === null || named === 'missing')
    throw fieldError(
      'name',
      'is required: give the full name, or its parts (at least givenName or familyName).',
    );
  return inTransaction(deps.db, async (trx) => {
    await checkReferences(trx, actor.practiceId, input);
    await insertContactRow(trx, {
      practice_id: actor.practiceId,
      id,
      name: named.name,
      name_key: textKey(named.name),
      ...namePartColumns(named.parts),
      preferred_name: input.preferredName ?? null,
      salutation: input.salutation ?? null,
      email: input.email ?? null,
      email_key: input.email ? textKey(input.email) : null,
      phone: input.phone ?? null,
      organization: input.organization ?? null,
      organization_key: input.organization ? textKey(input.organization) : null,
      category_id: input.categoryId ?? null,
      stage,
      stage_rank: stageRank(stage),
      met_where: input.metWhere ?? null,
      met_how: input.metHow ?? null,
      email_consent: input.emailConsent ?? false,
      do_not_ask: input.doNotAsk ?? false,
      notes: input.notes ?? null,
      last_touch_at: null,
      keep_in_touch_days: input.keepInTouchDays ?? null,
      is_treating_provider: input.isTreatingProvider ?? false,
      created_at: now,
      updated_at: now,
    });
    await replaceContactRoles(trx, actor.practiceId, id, normalizeRoles(input.roles ?? []));
    await replaceContactCircles(trx, actor.practiceId, id, [...new Set(input.circleIds ?? [])]);
    const change = stageChangeFor(null, stage);
    if (change) await recordStageChange(trx, actor, id, change.fromStage, change.toStage, now);
    await recordWebhookEvent(trx, actor.practiceId, now, {
      type: 'contact.created',
      occurredAt: now,
      data: { contactId: id, createdAt: now },
    });
    return loadDetail(trx, deps.clock, actor.practiceId, id);
  }).catch(duplicateEmail);
}

const namePartColumns = (parts: NameParts) => ({
  honorific: parts.honorific,
  given_name: parts.givenName,
  family_name: parts.familyName,
  suffix: parts.suffix,
});

async function recordStageChange(
  trx: Tx,
  actor: Actor,
  contactId: string,
  from: Stage | null,
  to: Stage,
  at: string,
  reason: string | null = null,
): Promise<void> {
  await insertStageChangeRow(trx, {
    practice_id: actor.practiceId,
    id: newId(),
    contact_id: contactId,
    from_stage: from,
    to_stage: to,
    changed_at: at,
    changed_by: actor.userId,
    reason,
  });
}

/**
 * §2: a referral received moves its referrer to `refers`, never downward, with a history reason
 * that is true ("first referral received" only for the first). Call it after the referral is
 * written, inside its transaction. The contact is read again under its stage lock: two
 * referrals at once, or a stage edit, run in turn, so each sees what the other did.
 */
export async function promoteReferrer(
  trx: Tx,
  actor: Actor,
  referrer: { id: string },
  at: string,
): Promise<void> {
  const row = await findContactRow(trx, actor.practiceId, referrer.id, 'no key update');
  if (!row || row.stage === 'refers') return;
  const change = promotionFor(row.stage, await countReferralsFrom(trx, actor.practiceId, row.id));
  if (!change) return;
  await updateContactRow(trx, actor.practiceId, row.id, {
    stage: change.toStage,
    stage_rank: stageRank(change.toStage),
    updated_at: at,
  });
  await recordStageChange(trx, actor, row.id, change.fromStage, change.toStage, at, change.reason);
}

export async function getContact(
  deps: Deps,
  actor: Actor,
  contactId: string,
): Promise<ContactDetail> {
  return inTransaction(deps.db, (trx) => loadDetail(trx, deps.clock, actor.practiceId, contactId));
}

/**
 * A contact's vCard (GET /contacts/{id}/vcard): their name as shown and in parts, the name
 * they go by, organization, email and phone. Not the practice's notes about them: a vCard
 * ends up in phone and cloud address books. An erased contact is gone, so 404.
 */
export async function getContactVcard(
  deps: Deps,
  actor: Actor,
  contactId: string,
  version: VcardVersion,
): Promise<{ fileName: string; vcard: string }> {
  const row = await findContactRow(deps.db, actor.practiceId, contactId);
  if (!row) throw notFound('The contact');
  const vcard = writeVcard(
    {
      fullName: row.name,
      name: vcardNameOf(addressableOf(row)),
      nickname: row.preferred_name,
      organization: row.organization,
      email: row.email,
      phone: row.phone,
    },
    version,
  );
  return { fileName: row.name, vcard };
}

export async function updateContact(
  deps: Deps,
  actor: Actor,
  contactId: string,
  input: UpdateContact,
): Promise<ContactDetail> {
  const now = toTimestamp(deps.clock.now());
  return inTransaction(deps.db, async (trx) => {
    // A stage edit waits for a referral's promotion of the same person (and the other way).
    const lock = input.stage === undefined ? undefined : 'no key update';
    const row = await findContactRow(trx, actor.practiceId, contactId, lock);
    if (!row) throw notFound('The contact');
    await checkReferences(trx, actor.practiceId, input);
    const named = resolveName(
      {
        name: row.name,
        honorific: row.honorific,
        givenName: row.given_name,
        familyName: row.family_name,
        suffix: row.suffix,
      },
      input,
    );
    if (named === 'missing')
      throw fieldError(
        input.givenName !== undefined || input.familyName !== undefined ? 'givenName' : 'name',
        'A contact needs a name: give at least a given name or a family name.',
      );
    const refusal = stageEditRefusal(
      row.stage,
      input.stage,
      input.stage === undefined ? 0 : await countReferralsFrom(trx, actor.practiceId, contactId),
    );
    if (refusal) throw fieldError('stage', refusal, 'unprocessable');
    const changes: Partial<ContactRow> = { updated_at: now };
    if (named)
      Object.assign(changes, {
        name: named.name,
        name_key: textKey(named.name),
        ...namePartColumns(named.parts),
      });
    if (input.preferredName !== undefined) changes.preferred_name = input.preferredName;
    if (input.salutation !== undefined) changes.salutation = input.salutation;
    if (input.email !== undefined)
      Object.assign(changes, {
        email: input.email,
        email_key: input.email ? textKey(input.email) : null,
      });
    if (input.phone !== undefined) changes.phone = input.phone;
    if (input.organization !== undefined)
      Object.assign(changes, {
        organization: input.organization,
        organization_key: input.organization ? textKey(input.organization) : null,
      });
    if (input.categoryId !== undefined) changes.category_id = input.categoryId;
    if (input.metWhere !== undefined) changes.met_where = input.metWhere;
    if (input.metHow !== undefined) changes.met_how = input.metHow;
    if (input.notes !== undefined) changes.notes = input.notes;
    if (input.keepInTouchDays !== undefined) changes.keep_in_touch_days = input.keepInTouchDays;
    if (input.doNotAsk !== undefined) changes.do_not_ask = input.doNotAsk;
    if (input.emailConsent !== undefined) changes.email_consent = input.emailConsent;
    // Consent turned off is an opt-out (introductions honour it); given again, it ends.
    if (input.emailConsent !== undefined && row.email_consent !== input.emailConsent)
      changes.email_opted_out_at = input.emailConsent ? null : now;
    if (input.isTreatingProvider !== undefined)
      changes.is_treating_provider = input.isTreatingProvider;
    const change = stageChangeFor(row.stage, input.stage);
    if (change)
      Object.assign(changes, { stage: change.toStage, stage_rank: stageRank(change.toStage) });
    await updateContactRow(trx, actor.practiceId, contactId, changes);
    if (input.roles !== undefined)
      await replaceContactRoles(trx, actor.practiceId, contactId, normalizeRoles(input.roles));
    if (input.circleIds !== undefined)
      await replaceContactCircles(trx, actor.practiceId, contactId, [...new Set(input.circleIds)]);
    if (change)
      await recordStageChange(trx, actor, contactId, change.fromStage, change.toStage, now);
    if (input.emailConsent !== undefined && row.email_consent !== input.emailConsent)
      await recordAudit(trx, deps.clock, {
        practiceId: actor.practiceId,
        userId: actor.userId,
        action: 'contact.email_consent_changed',
        subjectType: 'contact',
        subjectId: contactId,
        detail: { emailConsent: input.emailConsent },
      });
    return loadDetail(trx, deps.clock, actor.practiceId, contactId);
  }).catch(duplicateEmail);
}

const sortValue: Record<string, (row: ContactRow) => string | number> = {
  name: (r) => r.name_key,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  stage: (r) => r.stage_rank,
};

export async function listContacts(
  deps: Deps,
  actor: Actor,
  query: ListContactsQuery,
): Promise<{ items: Contact[]; nextCursor: string | null }> {
  let after: { value: string | number; id: string } | null = null;
  if (query.cursor) {
    after = decodeCursor(query.cursor, query.sort);
    if (!after)
      throw fieldError('cursor', 'This cursor is not valid for this sort; start again without it.');
  }
  let touchDue: TouchDueFilter | undefined;
  if (query.touch === 'due') {
    const now = deps.clock.now();
    touchDue = {
      now: toTimestamp(now),
      cutoffs: dueCutoffs((await loadPracticeContext(deps.db, actor.practiceId)).settings, now),
      dialect: deps.dialect,
    };
  }
  const rows = await listContactRows(
    deps.db,
    actor.practiceId,
    { ...query, touchDue },
    query.sort,
    query.limit + 1,
    after,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const key = query.sort.replace(/^-/, '');
  const readSortValue = sortValue[key];
  const nextCursor =
    rows.length > query.limit && last && readSortValue
      ? encodeCursor(query.sort, readSortValue(last), last.id)
      : null;
  return { items: await hydrate(deps.db, deps.clock, actor.practiceId, page), nextCursor };
}
