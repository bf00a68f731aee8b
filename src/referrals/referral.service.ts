import { creditCommitment } from '../commitments/commitment.service.ts';
import {
  type ContactRow,
  findContactRowByEmail,
  insertContactRow,
  insertStageChangeRow,
  replaceContactRoles,
} from '../contacts/contact.repository.ts';
import { type Role, type Stage, stageRank, textKey } from '../contacts/contact.rules.ts';
import { promoteReferrer, requireContact } from '../contacts/contact.service.ts';
import { mayTellStatus } from '../letters/letter.rules.ts';
import { findGroupRows } from '../network/group.repository.ts';
import { recordAudit } from '../platform/audit.ts';
import { receivedRange } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, constraintKind, fieldError, notFound } from '../platform/errors.ts';
import { pastInstant, refOf } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { loadPracticeContext, type PracticeContext } from '../practices/practice.service.ts';
import { recordWebhookEvent } from '../webhooks/webhook-event.service.ts';
import {
  countReferralsByStatus,
  findContactRefs,
  findMemberRefs,
  findReferralRow,
  insertReferralEventRow,
  insertReferralRow,
  listBoardColumnRows,
  listReferralEvents,
  listReferralRows,
  listTagsOf,
  lockReferralRow,
  type ReferralEventRow,
  type ReferralFilter,
  type ReferralRow,
  replaceReferralTags,
  updateReferralRow,
} from './referral.repository.ts';
import {
  clockOf,
  closedStatuses,
  correctionFor,
  decodeReferralCursor,
  encodeReferralCursor,
  isClosed,
  type ReferralSort,
  type ReferralStatus,
  referrerUpdateOf,
  reopenTarget,
  type StatusTimes,
  thanksOf,
  thanksRefusal,
  timesAfterCorrection,
  timesAfterMove,
  transitionFor,
} from './referral.rules.ts';
import type {
  Board,
  BoardQuery,
  ChangeStatus,
  CreateReferral,
  CreateReferrerPick,
  ListReferralsQuery,
  PersonPick,
  RecordThanks,
  Referral,
  ReferralDetail,
  ReferralFilterInput,
  UpdateReferral,
} from './referral.schemas.ts';

// ---------------------------------------------------------------------------------------------
// Turning rows into answers, with a fixed number of queries for any number of rows

/** Names of the people, circles and owners that rows point to, in four queries. */
export async function loadLookups(
  db: Queryable,
  practiceId: string,
  rows: readonly ReferralRow[],
): Promise<Lookups> {
  const ids = rows.map((r) => r.id);
  const contactIds = new Set<string>();
  for (const r of rows) {
    if (r.referred_id) contactIds.add(r.referred_id);
    if (r.referrer_id) contactIds.add(r.referrer_id);
  }
  const circleIds = [...new Set(rows.flatMap((r) => (r.circle_id ? [r.circle_id] : [])))];
  const ownerIds = [...new Set(rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])))];
  const [tagRows, contacts, circles, owners] = await Promise.all([
    listTagsOf(db, practiceId, ids),
    findContactRefs(db, practiceId, [...contactIds]),
    findGroupRows(db, 'circle', practiceId, circleIds),
    findMemberRefs(db, practiceId, ownerIds),
  ]);
  const tagsBy = new Map<string, string[]>();
  for (const t of tagRows) tagsBy.set(t.referral_id, [...(tagsBy.get(t.referral_id) ?? []), t.tag]);
  return {
    tagsBy,
    contactBy: new Map(contacts.map((c) => [c.id, { id: c.id, name: c.name }])),
    categoryBy: new Map(contacts.map((c) => [c.id, c.category_name ?? null])),
    treatingProviders: new Set(contacts.filter((c) => c.is_treating_provider).map((c) => c.id)),
    circleBy: new Map(circles.map((c) => [c.id, { id: c.id, name: c.name }])),
    ownerBy: new Map(owners.map((o) => [o.id, { id: o.id, name: o.name }])),
  };
}

/** Rows → API referrals, with a fixed number of queries however many rows. */
export async function hydrateReferrals(
  db: Queryable,
  practiceId: string,
  rows: readonly ReferralRow[],
  context: PracticeContext,
  now: Date,
): Promise<Referral[]> {
  const lookups = await loadLookups(db, practiceId, rows);
  return rows.map((row) => toReferral(row, lookups, context, now));
}

export type Lookups = {
  tagsBy: Map<string, string[]>;
  contactBy: Map<string, { id: string; name: string }>;
  /** The category name of each contact (the referrer's category in the export). */
  categoryBy: Map<string, string | null>;
  /** Contacts marked as treating providers (§3.2: under the health profile they may be told). */
  treatingProviders: Set<string>;
  circleBy: Map<string, { id: string; name: string }>;
  ownerBy: Map<string, { id: string; name: string }>;
};

export function toReferral(
  row: ReferralRow,
  l: Lookups,
  ctx: PracticeContext,
  now: Date,
): Referral {
  return {
    id: row.id,
    referrer: row.referrer_id ? (l.contactBy.get(row.referrer_id) ?? null) : null,
    // null once the referred person was erased: the referral stays for the referrer's counts
    referred: row.referred_id ? (l.contactBy.get(row.referred_id) ?? null) : null,
    receivedAt: row.received_at,
    channel: row.channel,
    circle: row.circle_id ? (l.circleBy.get(row.circle_id) ?? null) : null,
    place: row.place,
    need: row.need,
    tags: l.tagsBy.get(row.id) ?? [],
    status: row.status,
    statusChangedAt: row.status_changed_at,
    firstContactAt: row.first_contact_at,
    meetingAt: row.meeting_at,
    clientAt: row.client_at,
    closedAt: row.closed_at,
    valueMinor: row.value_minor === null ? null : Number(row.value_minor),
    currency: row.currency,
    consentToUpdate: row.consent_to_update,
    warmHandoff: row.warm_handoff,
    owner: row.owner_id ? (l.ownerBy.get(row.owner_id) ?? null) : null,
    clock: clockOf(row, ctx.settings, now),
    thanks: thanksOf(row, ctx.settings, now),
    referrerUpdate: referrerUpdateOf(row),
    referrerMayBeTold: mayTellStatus({
      consentToUpdate: row.consent_to_update,
      profession: ctx.profession,
      isTreatingProvider: row.referrer_id !== null && l.treatingProviders.has(row.referrer_id),
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadDetail(
  trx: Queryable,
  practiceId: string,
  referralOrRow: string | ReferralRow,
  ctx: PracticeContext,
  now: Date,
): Promise<ReferralDetail> {
  const row =
    typeof referralOrRow === 'string'
      ? await findReferralRow(trx, practiceId, referralOrRow)
      : referralOrRow;
  if (!row) throw notFound('The referral');
  const referralId = row.id;
  const [[referral], events] = await Promise.all([
    hydrateReferrals(trx, practiceId, [row], ctx, now),
    listReferralEvents(trx, practiceId, referralId),
  ]);
  if (!referral) throw notFound('The referral');
  return {
    ...referral,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      at: e.at,
      by: refOf(e.by, e.by_name),
      note: e.note,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// References in bodies: another practice's id is simply not found here (404 naming the field)

const missing = (field: string, message: string) =>
  new AppError('not_found', `${field}: ${message}`, [{ field, message }]);

async function requireCircle(trx: Queryable, practiceId: string, id: string) {
  const [row] = await findGroupRows(trx, 'circle', practiceId, [id]);
  if (!row) throw missing('circleId', 'No such circle in this practice.');
}

async function requireMember(trx: Queryable, practiceId: string, userId: string) {
  const [row] = await findMemberRefs(trx, practiceId, [userId]);
  if (!row) throw missing('ownerId', 'No such team member in this practice.');
}

/**
 * A contact made on the way by quick-add: with its first stage-history row, one owner. With
 * `reuseEmail`, a contact with the same email (made at this very moment by another request
 * too) is the one answered, untouched; otherwise that email is a 409.
 */
async function insertNewContact(
  trx: Tx,
  actor: Actor,
  person: { name: string; email?: string | undefined; phone?: string | null | undefined },
  made: { stage: Stage; roles: Role[]; reason: string | null; field: string; reuseEmail?: boolean },
  now: string,
): Promise<string> {
  const id = newId();
  const email = person.email ?? null;
  const emailKey = email ? textKey(email) : null;
  const inserted = await insertContactRow(
    trx,
    {
      practice_id: actor.practiceId,
      id,
      name: person.name,
      name_key: textKey(person.name),
      email,
      email_key: emailKey,
      phone: person.phone ?? null,
      organization: null,
      organization_key: null,
      category_id: null,
      stage: made.stage,
      stage_rank: stageRank(made.stage),
      met_where: null,
      met_how: null,
      email_consent: false,
      do_not_ask: false,
      notes: null,
      last_touch_at: null,
      keep_in_touch_days: null,
      is_treating_provider: false,
      created_at: now,
      updated_at: now,
    },
    { unlessEmailTaken: made.reuseEmail === true },
  ).catch((error: unknown) => {
    if (constraintKind(error) === 'unique')
      throw fieldError(
        `${made.field}.email`,
        'Another contact already has this email address; pick that contact by contactId.',
        'conflict',
      );
    throw error;
  });
  if (!inserted) {
    const existing = emailKey
      ? await findContactRowByEmail(trx, actor.practiceId, emailKey)
      : undefined;
    if (existing) return existing.id;
    // The contact that had the email was erased between the insert and this read.
    throw fieldError(
      `${made.field}.email`,
      'The contact with this email changed at this very moment; send it again.',
      'conflict',
    );
  }
  await replaceContactRoles(trx, actor.practiceId, id, made.roles);
  await recordWebhookEvent(trx, actor.practiceId, now, {
    type: 'contact.created',
    occurredAt: now,
    data: { contactId: id, createdAt: now },
  });
  await insertStageChangeRow(trx, {
    practice_id: actor.practiceId,
    id: newId(),
    contact_id: id,
    from_stage: null,
    to_stage: made.stage,
    changed_at: now,
    changed_by: actor.userId,
    reason: made.reason,
  });
  return id;
}

/**
 * The person of a referral: an existing contact, or a new one made on the way
 * (role prospect, stage met, with its first stage-history row).
 */
export async function resolvePerson(
  trx: Tx,
  actor: Actor,
  pick: PersonPick,
  field: string,
  now: string,
  { reuseEmail = false }: { reuseEmail?: boolean } = {},
): Promise<string> {
  if (pick.contactId) {
    await requireContact(trx, actor.practiceId, pick.contactId, `${field}.contactId`);
    return pick.contactId;
  }
  return insertNewContact(
    trx,
    actor,
    { ...pick, name: pick.name ?? '' },
    { stage: 'met', roles: ['prospect'], reason: null, field, reuseEmail },
    now,
  );
}

/**
 * The referrer of a quick-add, held (key share) for the transaction: an existing contact; the
 * practice's contact with the typed email (the email names one person in a practice, so the
 * referral goes to them rather than to a copy); or a new contact who is at `refers` from the
 * start, the first referral received being the reason (§2). Null for an unknown referrer.
 */
async function resolveReferrer(
  trx: Tx,
  actor: Actor,
  pick: CreateReferrerPick,
  now: string,
): Promise<ContactRow | null> {
  if (pick.contactId)
    return requireContact(trx, actor.practiceId, pick.contactId, 'referrer.contactId');
  if (pick.name === undefined) return null;
  if (pick.email) {
    const existing = await findContactRowByEmail(trx, actor.practiceId, textKey(pick.email));
    if (existing) return existing;
  }
  const id = await insertNewContact(
    trx,
    actor,
    { name: pick.name, email: pick.email },
    {
      stage: 'refers',
      roles: [],
      reason: 'first referral received',
      field: 'referrer',
      reuseEmail: true,
    },
    now,
  );
  return requireContact(trx, actor.practiceId, id, 'referrer');
}

async function recordEvent(
  trx: Tx,
  actor: Actor,
  referralId: string,
  event: {
    kind: ReferralEventRow['kind'];
    from?: ReferralStatus | null;
    to?: ReferralStatus | null;
    at: string;
    note?: string | null;
  },
) {
  await insertReferralEventRow(trx, {
    practice_id: actor.practiceId,
    id: newId(),
    referral_id: referralId,
    kind: event.kind,
    from_status: event.from ?? null,
    to_status: event.to ?? null,
    at: event.at,
    by: actor.userId,
    note: event.note ?? null,
  });
}

async function auditConsent(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  referralId: string,
  consent: boolean,
  via?: string,
) {
  await recordAudit(trx, deps.clock, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action: 'referral.consent_changed',
    subjectType: 'referral',
    subjectId: referralId,
    detail: { consentToUpdate: consent, ...(via ? { via } : {}) },
  });
}

/**
 * Records that the referred person consented to updates (§3.2), audited, inside the caller's
 * transaction: the one owner of consent, for the letter's "they gave permission" too.
 */
export async function recordConsentGiven(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  referralId: string,
  via: string,
): Promise<void> {
  await updateReferralRow(trx, actor.practiceId, referralId, {
    consent_to_update: true,
    updated_at: toTimestamp(deps.clock.now()),
  });
  await auditConsent(trx, deps, actor, referralId, true, via);
}

const sameReferrer = (field = 'referrer.contactId') =>
  fieldError(
    field,
    'The referrer cannot be the referred person; pick who made the referral.',
    'unprocessable',
  );

// ---------------------------------------------------------------------------------------------
// Use cases

/** Quick-add (§2): one transaction creates the person if needed, the referral and its event. */
export async function createReferral(
  deps: Deps,
  actor: Actor,
  input: CreateReferral,
): Promise<ReferralDetail> {
  const nowDate = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const ctx = await loadPracticeContext(trx, actor.practiceId);
    const row = await recordReferral(trx, deps, actor, ctx, input, nowDate);
    // The row is in hand: answer from it rather than reading it back.
    return loadDetail(trx, actor.practiceId, row, ctx, nowDate);
  });
}

/** Where a referral came from when it did not come through quick-add. */
export type ReferralOrigin = {
  /** The referral link whose intake page it came through (§3.9). */
  intakeLinkId?: string;
  /** A new person's email already on a contact names that contact, rather than a 409. */
  reuseReferredEmail?: boolean;
  /** Said on its `created` event (how they heard of the practice, …). */
  note?: string;
};

/**
 * The quick-add inside the caller's transaction (quick-add itself, an introduction, the intake
 * page): the person made if needed, the referral, its event, the referrer promoted and their
 * commitment credited, consent's audit (§2, §3.1). Answers the row written.
 */
export async function recordReferral(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  ctx: PracticeContext,
  input: CreateReferral,
  nowDate: Date,
  origin: ReferralOrigin = {},
): Promise<ReferralRow> {
  const now = toTimestamp(nowDate);
  const receivedAt = pastInstant('receivedAt', input.receivedAt, nowDate);
  const ownerId = input.ownerId ?? actor.userId;
  // The caller is a member already; only another owner needs checking.
  if (ownerId !== actor.userId) await requireMember(trx, actor.practiceId, ownerId);
  if (input.circleId) await requireCircle(trx, actor.practiceId, input.circleId);
  const referrer = await resolveReferrer(trx, actor, input.referrer, now);
  const referrerId = referrer?.id ?? null;
  const referrerField = input.referrer.contactId ? 'referrer.contactId' : 'referrer.email';
  if (referrerId && input.referred.contactId === referrerId) throw sameReferrer(referrerField);
  if (
    input.referrer.email &&
    input.referred.email &&
    textKey(input.referrer.email) === textKey(input.referred.email)
  )
    throw sameReferrer('referrer.email');
  const referredId = await resolvePerson(trx, actor, input.referred, 'referred', now, {
    reuseEmail: origin.reuseReferredEmail === true,
  });
  if (referrerId && referredId === referrerId) throw sameReferrer(referrerField);
  const id = newId();
  const row: ReferralRow = {
    practice_id: actor.practiceId,
    id,
    referrer_id: referrerId,
    referred_id: referredId,
    received_at: receivedAt,
    channel: input.channel,
    circle_id: input.circleId ?? null,
    place: input.place ?? null,
    need: input.need ?? null,
    value_minor: input.valueMinor ?? null,
    currency: input.currency ?? ctx.settings.currency,
    consent_to_update: input.consentToUpdate ?? false,
    warm_handoff: input.warmHandoff ?? false,
    status: 'new',
    status_changed_at: receivedAt,
    first_contact_at: null,
    meeting_at: null,
    client_at: null,
    closed_at: null,
    thanked_at: null,
    conversion_thanked_at: null,
    referrer_told_status: null,
    referrer_told_at: null,
    owner_id: ownerId,
    intake_link_id: origin.intakeLinkId ?? null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await insertReferralRow(trx, row);
  await replaceReferralTags(trx, actor.practiceId, id, input.tags ?? [], true);
  await recordEvent(trx, actor, id, {
    kind: 'created',
    to: 'new',
    at: receivedAt,
    note: origin.note ?? null,
  });
  await recordWebhookEvent(trx, actor.practiceId, now, {
    type: 'referral.created',
    occurredAt: now,
    data: { referralId: id, referrerId, referredId, status: 'new', receivedAt },
  });
  if (referrer) await promoteReferrer(trx, actor, referrer, now);
  // §3.1: the referral credits the referrer's oldest open commitment, in this transaction.
  if (referrerId) await creditCommitment(trx, actor, referrerId, id, receivedAt, now);
  if (input.consentToUpdate) await auditConsent(trx, deps, actor, id, true);
  return row;
}

/** A referral with its events, read inside the caller's transaction (404 when not found). */
export function loadReferralDetail(
  trx: Queryable,
  actor: Actor,
  referralOrRow: string | ReferralRow,
  ctx: PracticeContext,
  now: Date,
): Promise<ReferralDetail> {
  return loadDetail(trx, actor.practiceId, referralOrRow, ctx, now);
}

/**
 * Marks a referral as a warm handoff (§3.9), in the caller's transaction, which holds its row
 * and checked it (introduction.rules `handoffRefusal`: its referrer is the one introducing).
 * Answers the row as it is now.
 */
export async function markWarmHandoff(
  trx: Tx,
  actor: Actor,
  row: ReferralRow,
  now: string,
): Promise<ReferralRow> {
  const changes: Partial<ReferralRow> = { warm_handoff: true, updated_at: now };
  await updateReferralRow(trx, actor.practiceId, row.id, changes);
  return { ...row, ...changes };
}

/**
 * A referral still `new` moves to `contacted` at `at` because Vouch itself contacted the person
 * (an introduction queued to them), with its event; the response clock stops (§3.1). Any
 * other status is left as it is. Answers the row as it is now.
 */
export async function recordFirstContact(
  trx: Tx,
  actor: Actor,
  row: ReferralRow,
  at: string,
  note: string,
): Promise<ReferralRow> {
  if (row.status !== 'new') return row;
  const times = timesAfterMove(row, 'contacted', at);
  await writeStatusMove(trx, actor, row, { times, kind: 'status', at, note, updatedAt: at });
  return { ...row, ...times, updated_at: at };
}

/**
 * Writes a status move the caller decided (a move, a correction, a first contact): the row's
 * status times and the event that tells it, from the status it had.
 */
async function writeStatusMove(
  trx: Tx,
  actor: Actor,
  row: ReferralRow,
  move: {
    times: StatusTimes;
    kind: 'status' | 'corrected';
    at: string;
    note: string | null;
    updatedAt: string;
  },
) {
  await updateReferralRow(trx, actor.practiceId, row.id, {
    ...move.times,
    updated_at: move.updatedAt,
  });
  await recordEvent(trx, actor, row.id, {
    kind: move.kind,
    from: row.status,
    to: move.times.status,
    at: move.at,
    note: move.note,
  });
  await recordWebhookEvent(trx, actor.practiceId, move.updatedAt, {
    type: 'referral.status_changed',
    occurredAt: move.updatedAt,
    data: {
      referralId: row.id,
      from: row.status,
      to: move.times.status,
      at: move.at,
      correction: move.kind === 'corrected',
    },
  });
}

export async function getReferral(
  deps: Deps,
  actor: Actor,
  referralId: string,
): Promise<ReferralDetail> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const ctx = await loadPracticeContext(trx, actor.practiceId);
    return loadDetail(trx, actor.practiceId, referralId, ctx, now);
  });
}

/** Runs `change` on the referral's row inside a transaction and answers the referral. */
async function changeReferral(
  deps: Deps,
  actor: Actor,
  referralId: string,
  change: (trx: Tx, row: ReferralRow, now: Date, ctx: PracticeContext) => Promise<void>,
): Promise<ReferralDetail> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    await lockReferralRow(trx, actor.practiceId, referralId);
    const row = await findReferralRow(trx, actor.practiceId, referralId);
    if (!row) throw notFound('The referral');
    const ctx = await loadPracticeContext(trx, actor.practiceId);
    await change(trx, row, now, ctx);
    return loadDetail(trx, actor.practiceId, referralId, ctx, now);
  });
}

export async function updateReferral(
  deps: Deps,
  actor: Actor,
  referralId: string,
  input: UpdateReferral,
): Promise<ReferralDetail> {
  return changeReferral(deps, actor, referralId, async (trx, row, nowDate) => {
    const now = toTimestamp(nowDate);
    const changes: Partial<ReferralRow> = { updated_at: now };
    if (input.ownerId !== undefined) {
      await requireMember(trx, actor.practiceId, input.ownerId);
      changes.owner_id = input.ownerId;
    }
    if (input.circleId) await requireCircle(trx, actor.practiceId, input.circleId);
    if (input.circleId !== undefined) changes.circle_id = input.circleId;
    let newReferrer: ContactRow | null = null;
    if (input.referrer !== undefined) {
      const referrerId = input.referrer.contactId ?? null;
      if (referrerId) {
        const found = await requireContact(trx, actor.practiceId, referrerId, 'referrer.contactId');
        if (referrerId === row.referred_id) throw sameReferrer();
        if (referrerId !== row.referrer_id) newReferrer = found;
      }
      changes.referrer_id = referrerId;
    }
    if (input.need !== undefined) changes.need = input.need;
    if (input.channel !== undefined) changes.channel = input.channel;
    if (input.place !== undefined) changes.place = input.place;
    if (input.valueMinor !== undefined) changes.value_minor = input.valueMinor;
    if (input.currency !== undefined) changes.currency = input.currency;
    if (input.warmHandoff !== undefined) changes.warm_handoff = input.warmHandoff;
    if (input.consentToUpdate !== undefined) changes.consent_to_update = input.consentToUpdate;
    await updateReferralRow(trx, actor.practiceId, referralId, changes);
    if (input.tags !== undefined)
      await replaceReferralTags(trx, actor.practiceId, referralId, input.tags);
    if (newReferrer) await promoteReferrer(trx, actor, newReferrer, now);
    // The credit follows the referrer: moved to the new one's commitment, or dropped.
    if (input.referrer !== undefined && (input.referrer.contactId ?? null) !== row.referrer_id)
      await creditCommitment(
        trx,
        actor,
        input.referrer.contactId ?? null,
        referralId,
        row.received_at,
        now,
      );
    if (input.consentToUpdate !== undefined && row.consent_to_update !== input.consentToUpdate)
      await auditConsent(trx, deps, actor, referralId, input.consentToUpdate);
  });
}

export async function changeStatus(
  deps: Deps,
  actor: Actor,
  referralId: string,
  input: ChangeStatus,
): Promise<ReferralDetail> {
  return changeReferral(deps, actor, referralId, async (trx, row, now) => {
    const from = row.status;
    const isCorrection = input.correction === true;
    const verdict = isCorrection
      ? correctionFor(from, input.status)
      : transitionFor(from, input.status);
    if (!verdict.allowed)
      throw fieldError(
        'status',
        isCorrection || from === input.status
          ? verdict.reason
          : `${verdict.reason} To undo a mistake, correct it: send "correction": true with a reason.`,
        'conflict',
      );
    const at = pastInstant('at', input.at, now, {
      at: row.received_at,
      what: 'the time the referral was received',
    });
    const current = { ...row, status: from };
    await writeStatusMove(trx, actor, row, {
      times: isCorrection
        ? timesAfterCorrection(current, input.status, at)
        : timesAfterMove(current, input.status, at),
      kind: isCorrection ? 'corrected' : 'status',
      at,
      note: (isCorrection ? input.reason : input.note) ?? null,
      updatedAt: toTimestamp(now),
    });
  });
}

export async function reopenReferral(
  deps: Deps,
  actor: Actor,
  referralId: string,
  input: { note?: string | null | undefined },
): Promise<ReferralDetail> {
  return changeReferral(deps, actor, referralId, async (trx, row, nowDate) => {
    const from = row.status;
    if (!isClosed(from))
      throw new AppError(
        'conflict',
        'Only a closed referral can be reopened; this one is still open or became a client.',
      );
    const events = await listReferralEvents(trx, actor.practiceId, referralId);
    const to = reopenTarget(row, events);
    const now = toTimestamp(nowDate);
    await updateReferralRow(trx, actor.practiceId, referralId, {
      status: to,
      status_changed_at: now,
      closed_at: null,
      updated_at: now,
    });
    await recordEvent(trx, actor, referralId, {
      kind: 'reopened',
      from,
      to,
      at: now,
      note: input.note ?? null,
    });
    await recordWebhookEvent(trx, actor.practiceId, now, {
      type: 'referral.status_changed',
      occurredAt: now,
      data: { referralId, from, to, at: now, correction: false },
    });
  });
}

export async function recordThanks(
  deps: Deps,
  actor: Actor,
  referralId: string,
  input: RecordThanks,
): Promise<ReferralDetail> {
  return changeReferral(deps, actor, referralId, async (trx, row, now) => {
    const refusal = thanksRefusal(row, input.kind);
    if (refusal) throw fieldError('kind', refusal, 'conflict');
    const at = pastInstant('at', input.at, now, {
      at: row.received_at,
      what: 'the time the referral was received',
    });
    await updateReferralRow(trx, actor.practiceId, referralId, {
      ...(input.kind === 'referral' ? { thanked_at: at } : { conversion_thanked_at: at }),
      updated_at: toTimestamp(now),
    });
    await recordEvent(trx, actor, referralId, {
      kind: input.kind === 'referral' ? 'thanked' : 'conversion_thanked',
      at,
    });
  });
}

export async function recordReferrerUpdate(
  deps: Deps,
  actor: Actor,
  referralId: string,
  input: { at?: string | undefined },
): Promise<ReferralDetail> {
  return changeReferral(deps, actor, referralId, async (trx, row, now) => {
    if (!row.consent_to_update)
      throw new AppError(
        'unprocessable',
        'The referred person did not consent to updates; only a thank-you is allowed.',
      );
    if (row.referrer_id === null)
      throw new AppError('conflict', 'The referrer is unknown, so there is nobody to update.');
    // An update is told once per status (§3.2): a repeat would be a second disclosure.
    if (row.referrer_told_at !== null && row.referrer_told_status === row.status)
      throw new AppError('conflict', 'The referrer was already told this status.');
    const at = pastInstant('at', input.at, now, {
      at: row.received_at,
      what: 'the time the referral was received',
    });
    await updateReferralRow(trx, actor.practiceId, referralId, {
      referrer_told_status: row.status,
      referrer_told_at: at,
      updated_at: toTimestamp(now),
    });
    await recordEvent(trx, actor, referralId, { kind: 'referrer_updated', to: row.status, at });
    // §3.2: what a referrer is told about the person is a disclosure; it is audited.
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'referral.referrer_updated',
      subjectType: 'referral',
      subjectId: referralId,
      detail: { referrerId: row.referrer_id, toldStatus: row.status },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Lists, board, export

export function resolveFilter(input: ReferralFilterInput, ctx: PracticeContext): ReferralFilter {
  const range = receivedRange(input, ctx.timeZone);
  return {
    statuses: input.status,
    referrerId: input.referrerId,
    isReferrerUnknown: input.referrer === 'unknown',
    categoryId: input.categoryId,
    channel: input.channel,
    circleId: input.circleId,
    ownerId: input.ownerId,
    from: range.from,
    toExclusive: range.toExclusive,
    toInclusive: range.toInclusive,
    q: input.q,
  };
}

const keyOf = (row: ReferralRow) => ({
  group: row.status === 'new' ? 0 : 1,
  receivedAt: row.received_at,
  id: row.id,
});

/** One page of rows and the cursor of the next, for the list and the export. */
export async function listReferralPage(
  db: Queryable,
  practiceId: string,
  filter: ReferralFilter,
  sort: ReferralSort,
  limit: number,
  cursor: string | undefined,
): Promise<{ rows: ReferralRow[]; nextCursor: string | null }> {
  let after = null;
  if (cursor) {
    after = decodeReferralCursor(cursor, sort);
    if (!after)
      throw fieldError('cursor', 'This cursor is not valid for this sort; start again without it.');
  }
  const rows = await listReferralRows(db, practiceId, filter, sort, limit + 1, after);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeReferralCursor(sort, keyOf(last)) : null;
  return { rows: page, nextCursor };
}

export async function listReferrals(
  deps: Deps,
  actor: Actor,
  query: ListReferralsQuery,
): Promise<{ items: Referral[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  const ctx = await loadPracticeContext(deps.db, actor.practiceId);
  const filter = resolveFilter(query, ctx);
  const { rows, nextCursor } = await listReferralPage(
    deps.db,
    actor.practiceId,
    filter,
    query.sort,
    query.limit,
    query.cursor,
  );
  return { items: await hydrateReferrals(deps.db, actor.practiceId, rows, ctx, now), nextCursor };
}

const boardColumns = [
  { status: 'new', statuses: ['new'], isOpen: true },
  { status: 'contacted', statuses: ['contacted'], isOpen: true },
  { status: 'meeting', statuses: ['meeting'], isOpen: true },
  { status: 'client', statuses: ['client'], isOpen: false },
  { status: 'closed', statuses: closedStatuses, isOpen: false },
] as const;

/** The pipeline board: five columns with their totals, in 1 + 5 + 4 queries. */
export async function getBoard(deps: Deps, actor: Actor, query: BoardQuery): Promise<Board> {
  const now = deps.clock.now();
  const ctx = await loadPracticeContext(deps.db, actor.practiceId);
  const filter = resolveFilter(query, ctx);
  const wanted = (s: ReferralStatus) => !filter.statuses || filter.statuses.includes(s);
  const groups = await countReferralsByStatus(deps.db, actor.practiceId, filter);
  const columnRows = await Promise.all(
    boardColumns.map((col) => {
      const statuses = col.statuses.filter(wanted);
      return statuses.length === 0
        ? Promise.resolve([])
        : listBoardColumnRows(deps.db, actor.practiceId, filter, statuses, col.isOpen, query.limit);
    }),
  );
  const items = await hydrateReferrals(deps.db, actor.practiceId, columnRows.flat(), ctx, now);
  const byId = new Map(items.map((r) => [r.id, r]));
  return {
    columns: boardColumns.map((col, i) => {
      const rows = columnRows[i] ?? [];
      const list = rows.flatMap((r) => {
        const item = byId.get(r.id);
        return item ? [item] : [];
      });
      // Overdue first, then by due time: for `new` the oldest are the overdue ones already.
      const inColumn = groups.filter((g) => (col.statuses as readonly string[]).includes(g.status));
      const values = new Map<string, number>();
      for (const g of inColumn)
        if (g.valueMinor !== null)
          values.set(g.currency, (values.get(g.currency) ?? 0) + g.valueMinor);
      return {
        status: col.status,
        total: inColumn.reduce((n, g) => n + g.n, 0),
        values: [...values]
          .map(([currency, totalMinor]) => ({ currency, totalMinor }))
          .sort((a, b) => a.currency.localeCompare(b.currency)),
        items: list,
      };
    }),
  };
}
