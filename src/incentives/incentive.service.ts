import { requireContact } from '../contacts/contact.service.ts';
import { loadEthics } from '../ethics/ethics.service.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import { pastInstant } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import {
  findCommitmentFacts,
  findContactNames,
  findIncentiveRow,
  findReferralFacts,
  type IncentiveFilter,
  type IncentiveRow,
  insertIncentiveRow,
  listIncentiveRows,
  markDelivered,
  updateIncentiveRow,
} from './incentive.repository.ts';
import { deliveryRefusal, type Verdict, verdictFor } from './incentive.rules.ts';
import type { CreateIncentive, Incentive, RecordDisclosure } from './incentive.schemas.ts';

const missing = (field: string, message: string) =>
  new AppError('not_found', `${field}: ${message}`, [{ field, message }]);

async function hydrate(db: Queryable, practiceId: string, rows: IncentiveRow[]) {
  const ids = [
    ...new Set(rows.flatMap((r) => (r.recipient_contact_id ? [r.recipient_contact_id] : []))),
  ];
  const names = new Map((await findContactNames(db, practiceId, ids)).map((c) => [c.id, c.name]));
  return rows.map(
    (r): Incentive => ({
      id: r.id,
      kind: r.kind,
      recipient: r.recipient,
      recipientContact: r.recipient_contact_id
        ? { id: r.recipient_contact_id, name: names.get(r.recipient_contact_id) ?? '' }
        : null,
      description: r.description,
      valueMinor: r.value_minor === null ? null : Number(r.value_minor),
      currency: r.currency,
      referralId: r.referral_id,
      commitmentId: r.commitment_id,
      status: r.status,
      promisedAt: r.promised_at,
      deliveredAt: r.delivered_at,
      verdict: r.verdict,
      verdictReason: r.verdict_reason,
      verdictSource: r.verdict_source,
      needsDisclosure: r.verdict === 'allowed_with_disclosure' && r.disclosed_at === null,
      disclosure:
        r.disclosed_at && r.disclosure_method
          ? {
              disclosedAt: r.disclosed_at,
              method: r.disclosure_method as 'verbal' | 'written' | 'email' | 'engagement_letter',
              note: r.disclosure_note,
            }
          : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }),
  );
}

async function loadOne(db: Queryable, practiceId: string, id: string): Promise<Incentive> {
  const row = await findIncentiveRow(db, practiceId, id);
  if (!row) throw notFound('The incentive');
  const [item] = await hydrate(db, practiceId, [row]);
  if (!item) throw notFound('The incentive');
  return item;
}

/** The references checked, the recipient resolved and the ethics ruling applied (§7). */
async function judge(db: Queryable, actor: Actor, input: CreateIncentive, now: Date) {
  const ethics = await loadEthics(db, actor.practiceId);
  const referral = input.referralId
    ? await findReferralFacts(db, actor.practiceId, input.referralId)
    : undefined;
  if (input.referralId && !referral)
    throw missing('referralId', 'No such referral in this practice.');
  const commitment = input.commitmentId
    ? await findCommitmentFacts(db, actor.practiceId, input.commitmentId)
    : undefined;
  if (input.commitmentId && !commitment)
    throw missing('commitmentId', 'No such commitment in this practice.');
  if (input.recipientContactId)
    await requireContact(db, actor.practiceId, input.recipientContactId, 'recipientContactId');
  const recipientContactId =
    input.recipientContactId ??
    (input.recipient === 'referrer'
      ? (referral?.referrer_id ?? commitment?.contact_id ?? null)
      : (referral?.referred_id ?? null));
  const promisedAt = pastInstant('promisedAt', input.promisedAt, now);
  const currency = input.currency ?? ethics.currency;
  const ruling = ethics.rulings.find((r) => r.kind === input.kind);
  if (!ruling) throw fieldError('kind', 'is not a known incentive kind.');
  // Promised in advance: tied to a commitment, said so, or promised before the referral came.
  const isPromisedInAdvance =
    input.isPromisedInAdvance === true ||
    input.commitmentId !== undefined ||
    (referral !== undefined && promisedAt < referral.received_at);
  const verdict = verdictFor(
    ruling,
    { valueMinor: input.valueMinor ?? null, currency, isPromisedInAdvance },
    { minor: ethics.nominalGiftMinor, currency: ethics.currency },
  );
  return { verdict, recipientContactId, promisedAt, currency };
}

export async function previewIncentive(
  deps: Deps,
  actor: Actor,
  input: CreateIncentive,
): Promise<Omit<Verdict, 'field'>> {
  const { verdict } = await judge(deps.db, actor, input, deps.clock.now());
  return {
    verdict: verdict.verdict,
    reason: verdict.reason,
    source: verdict.source,
    refusal: verdict.refusal,
  };
}

export async function createIncentive(
  deps: Deps,
  actor: Actor,
  input: CreateIncentive,
): Promise<Incentive> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  return inTransaction(deps.db, async (trx) => {
    const { verdict, recipientContactId, promisedAt, currency } = await judge(
      trx,
      actor,
      input,
      nowDate,
    );
    if (verdict.refusal) {
      const field = verdict.field ?? 'kind';
      throw new AppError('unprocessable', verdict.refusal, [
        { field, message: `${verdict.refusal} Source: ${verdict.source}.` },
      ]);
    }
    const id = newId();
    await insertIncentiveRow(trx, {
      practice_id: actor.practiceId,
      id,
      kind: input.kind,
      recipient: input.recipient,
      recipient_contact_id: recipientContactId,
      description: input.description ?? null,
      value_minor: input.valueMinor ?? null,
      currency,
      referral_id: input.referralId ?? null,
      commitment_id: input.commitmentId ?? null,
      status: 'promised',
      promised_at: promisedAt,
      delivered_at: null,
      verdict: verdict.verdict,
      verdict_reason: verdict.reason,
      verdict_source: verdict.source,
      disclosed_at: null,
      disclosure_method: null,
      disclosure_note: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'incentive.created',
      subjectType: 'incentive',
      subjectId: id,
      detail: { kind: input.kind, verdict: verdict.verdict },
    });
    return loadOne(trx, actor.practiceId, id);
  });
}

export async function listIncentives(deps: Deps, actor: Actor, filter: IncentiveFilter) {
  const rows = await listIncentiveRows(deps.db, actor.practiceId, filter);
  return { items: await hydrate(deps.db, actor.practiceId, rows) };
}

export async function recordDisclosure(
  deps: Deps,
  actor: Actor,
  id: string,
  input: RecordDisclosure,
): Promise<Incentive> {
  const nowDate = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await findIncentiveRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The incentive');
    const at = pastInstant('disclosedAt', input.disclosedAt, nowDate);
    await updateIncentiveRow(trx, actor.practiceId, id, {
      disclosed_at: at,
      disclosure_method: input.method,
      disclosure_note: input.note ?? null,
      updated_at: toTimestamp(nowDate),
    });
    // The method only: the note is free text and may name a person.
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'incentive.disclosure_recorded',
      subjectType: 'incentive',
      subjectId: id,
      detail: { method: input.method },
    });
    return loadOne(trx, actor.practiceId, id);
  });
}

/** Promised → delivered, once: the conditional UPDATE decides between concurrent calls. */
export async function deliverIncentive(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { deliveredAt?: string | undefined },
): Promise<Incentive> {
  const nowDate = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await findIncentiveRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The incentive');
    const refusal = deliveryRefusal(row);
    if (refusal) throw new AppError(refusal.code, refusal.message);
    const at = pastInstant('deliveredAt', input.deliveredAt, nowDate, {
      at: row.promised_at,
      what: 'the time it was promised',
    });
    const delivered = await markDelivered(trx, actor.practiceId, id, at, toTimestamp(nowDate));
    if (!delivered) throw new AppError('conflict', 'This incentive was already delivered.');
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'incentive.delivered',
      subjectType: 'incentive',
      subjectId: id,
    });
    return loadOne(trx, actor.practiceId, id);
  });
}
