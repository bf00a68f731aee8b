/**
 * All SQL of the agenda. One query per kind, each narrowed in SQL to the rows that can still
 * need doing at `now` (through the partial indexes of migration 0005), ordered by what is
 * most pressing and bounded by `limit` — never all contacts or all referrals. The other
 * features' tables (moments, asks, commitments, surveys) are read here directly.
 */
import { type Selectable, sql } from 'kysely';
import { askableStage, askBoundsAt, positiveFeedbackScore } from '../asks/ask.rules.ts';
import { reminderCutoffAt } from '../commitments/commitment.rules.ts';
import type { DueCutoffs } from '../contacts/cadence.rules.ts';
import {
  addressableFrom,
  isTouchDue,
  type NameColumnsAs,
  nameColumnsOf,
  touchAnchor,
} from '../contacts/contact.repository.ts';
import type { Role } from '../contacts/contact.rules.ts';
import { stageRank } from '../contacts/contact.rules.ts';
import { coveringStageRank } from '../network/category.rules.ts';
import { plusDays } from '../platform/calendar.ts';
import type { Dialect, Queryable } from '../platform/db.ts';
import { isSet } from '../platform/flags.ts';
import type { Flag } from '../platform/schema.ts';
import { checkInCutoffAt } from '../referrals/given.rules.ts';
import { isOwedSql } from '../referrals/reciprocity.repository.ts';
import type {
  AgendaMark,
  AskAgendaRow,
  CategoryAgendaRow,
  CommitmentAgendaRow,
  ExplainAgendaRow,
  GiveBackAgendaRow,
  GivenAgendaRow,
  QuietAgendaRow,
  ReferralAgendaRow,
  SubjectType,
  TouchAgendaRow,
} from './agenda.rules.ts';
import type { AgendaMarkTable, AgendaUndoTable, CalendarFeedTable } from './agenda.tables.ts';

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The referral columns every referral kind needs, with the two names. */
function referralQuery(db: Queryable, practiceId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('contact as p', (j) =>
      j.onRef('p.practice_id', '=', 'r.practice_id').onRef('p.id', '=', 'r.referred_id'),
    )
    .leftJoin('contact as s', (j) =>
      j.onRef('s.practice_id', '=', 'r.practice_id').onRef('s.id', '=', 'r.referrer_id'),
    )
    .select([
      'r.id',
      'p.id as referred_id',
      'p.name as referred_name',
      'r.referrer_id',
      's.name as referrer_name',
      'r.received_at',
      'r.status',
      'r.status_changed_at',
      'r.first_contact_at',
      'r.closed_at',
      'r.client_at',
      'r.thanked_at',
      'r.conversion_thanked_at',
      'r.consent_to_update',
      'r.referrer_told_status',
      'r.referrer_told_at',
      's.is_treating_provider as referrer_is_treating_provider',
      ...nameColumnsOf('p', 'referred'),
      ...nameColumnsOf('s', 'referrer'),
    ])
    .where('r.practice_id', '=', practiceId);
}

type ReferralQueryRow = Omit<
  ReferralAgendaRow,
  'consent_to_update' | 'referrer_is_treating_provider' | 'referred_address' | 'referrer_address'
> & {
  consent_to_update: Flag;
  referrer_is_treating_provider: Flag | null;
} & NameColumnsAs<'referred'> &
  NameColumnsAs<'referrer'>;

/**
 * The stored 0/1 columns as booleans: no referrer (left join) is not a treating provider; the
 * two people's names as the addressing rules take them.
 */
const toReferralRows = (rows: ReferralQueryRow[]): ReferralAgendaRow[] =>
  rows.map((r) => ({
    ...r,
    consent_to_update: isSet(r.consent_to_update),
    referrer_is_treating_provider: isSet(r.referrer_is_treating_provider),
    referred_address: addressableFrom(r, 'referred', r.referred_name),
    referrer_address: r.referrer_name ? addressableFrom(r, 'referrer', r.referrer_name) : null,
  }));

/** 1. New referrals, oldest first (index referral_by_status). */
export async function listNewReferrals(
  db: Queryable,
  practiceId: string,
  now: string,
  limit: number,
): Promise<ReferralAgendaRow[]> {
  const rows = await referralQuery(db, practiceId)
    .where('r.status', '=', 'new')
    .where('r.received_at', '<=', now)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return toReferralRows(rows);
}

/** 2a. Referrals from a known referrer not yet thanked (partial index referral_unthanked). */
export async function listUnthankedReferrals(
  db: Queryable,
  practiceId: string,
  now: string,
  limit: number,
): Promise<ReferralAgendaRow[]> {
  const rows = await referralQuery(db, practiceId)
    .where('r.thanked_at', 'is', null)
    .where('r.referrer_id', 'is not', null)
    .where('r.received_at', '<=', now)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return toReferralRows(rows);
}

/**
 * 2b. Conversions not yet thanked (partial index referral_conversion_unthanked) that the
 * referrer may hear of (§3.2): with consent, or to a treating provider when the profile allows
 * it. Narrowed here too, so that conversions nobody may be thanked for never fill the limit.
 */
export async function listUnthankedConversions(
  db: Queryable,
  practiceId: string,
  now: string,
  limit: number,
  isTreatingProviderTold: boolean,
): Promise<ReferralAgendaRow[]> {
  const rows = await referralQuery(db, practiceId)
    .where((eb) =>
      isTreatingProviderTold
        ? eb.or([eb('r.consent_to_update', '=', 1), eb('s.is_treating_provider', '=', 1)])
        : eb('r.consent_to_update', '=', 1),
    )
    .where('r.client_at', 'is not', null)
    .where('r.conversion_thanked_at', 'is', null)
    .where('r.referrer_id', 'is not', null)
    .where('r.client_at', '<=', now)
    .orderBy('r.client_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return toReferralRows(rows);
}

/** 3. Referrals whose referrer may be told and has not heard the current status. */
export async function listPendingReferrerUpdates(
  db: Queryable,
  practiceId: string,
  now: string,
  limit: number,
): Promise<ReferralAgendaRow[]> {
  // The same predicate as the partial index referral_update_pending, term for term.
  const rows = await referralQuery(db, practiceId)
    .where('r.consent_to_update', '=', 1)
    .where('r.referrer_id', 'is not', null)
    .where(sql<boolean>`coalesce(r.referrer_told_status, 'new') <> r.status`)
    .where('r.status_changed_at', '<=', now)
    .orderBy('r.status_changed_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
  return toReferralRows(rows);
}

function givenQuery(db: Queryable, practiceId: string) {
  return db
    .selectFrom('referral_given as g')
    .innerJoin('contact as p', (j) =>
      j.onRef('p.practice_id', '=', 'g.practice_id').onRef('p.id', '=', 'g.person_id'),
    )
    .innerJoin('contact as q', (j) =>
      j.onRef('q.practice_id', '=', 'g.practice_id').onRef('q.id', '=', 'g.partner_id'),
    )
    .select([
      'g.id',
      'g.person_id',
      'p.name as person_name',
      'g.partner_id',
      'q.name as partner_name',
      'g.given_at',
      'g.partner_notified_at',
      'g.checked_in_at',
      ...nameColumnsOf('q', 'partner'),
    ])
    .where('g.practice_id', '=', practiceId);
}

const withPartnerAddress = <R extends NameColumnsAs<'partner'> & { partner_name: string }>(
  rows: R[],
) => rows.map((g) => ({ ...g, partner_address: addressableFrom(g, 'partner', g.partner_name) }));

/** 4. Referrals given whose partner was not told (partial index referral_given_unnotified). */
export async function listUnnotifiedGiven(
  db: Queryable,
  practiceId: string,
  now: string,
  limit: number,
): Promise<GivenAgendaRow[]> {
  const rows = await givenQuery(db, practiceId)
    .where('g.partner_notified_at', 'is', null)
    .where('g.given_at', '<=', now)
    .orderBy('g.given_at')
    .orderBy('g.id')
    .limit(limit)
    .execute();
  return withPartnerAddress(rows);
}

/** 9. Referrals given checkInDays ago or more, not checked in (referral_given_unchecked). */
export async function listCheckInsDue(
  db: Queryable,
  practiceId: string,
  now: string,
  checkInDays: number,
  limit: number,
): Promise<GivenAgendaRow[]> {
  const rows = await givenQuery(db, practiceId)
    .where('g.checked_in_at', 'is', null)
    .where('g.given_at', '<=', checkInCutoffAt(new Date(now), { checkInDays }))
    .orderBy('g.given_at')
    .orderBy('g.id')
    .limit(limit)
    .execute();
  return withPartnerAddress(rows);
}

/**
 * 5. Positive moments whose ask window is open at `now`, of askable contacts (stage ≥ likes,
 * not do-not-ask), with no ask since the moment and none inside the cooldown.
 */
export async function listAskMoments(
  db: Queryable,
  practiceId: string,
  now: string,
  settings: { askWindowDays: number; askCooldownDays: number },
  limit: number,
): Promise<AskAgendaRow[]> {
  // The window, cooldown, positive score and stage bar are ask.rules' own (askItems re-checks).
  const { windowsFrom, coolingFrom } = askBoundsAt(new Date(now), settings);
  const rows = await db
    .selectFrom('moment as m')
    .innerJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'm.practice_id').onRef('c.id', '=', 'm.contact_id'),
    )
    .select([
      'm.id as moment_id',
      'm.kind as moment_kind',
      'm.score',
      'm.occurred_at',
      'c.id as contact_id',
      'c.name as contact_name',
      'c.stage',
      'c.do_not_ask',
      ...nameColumnsOf('c', 'contact'),
    ])
    .select((eb) =>
      eb
        .selectFrom('ask as a')
        .select((e) => e.fn.max('a.asked_at').as('x'))
        .whereRef('a.practice_id', '=', 'c.practice_id')
        .whereRef('a.contact_id', '=', 'c.id')
        .where('a.asked_at', '<=', now)
        .as('last_asked_at'),
    )
    .where('m.practice_id', '=', practiceId)
    .where('m.occurred_at', '>', windowsFrom)
    .where('m.occurred_at', '<=', now)
    .where((eb) =>
      eb.or([eb('m.kind', '<>', 'feedback'), eb('m.score', '>=', positiveFeedbackScore)]),
    )
    .where('c.stage_rank', '>=', stageRank(askableStage))
    .where('c.do_not_ask', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ask as a')
            .select('a.id')
            .whereRef('a.practice_id', '=', 'c.practice_id')
            .whereRef('a.contact_id', '=', 'c.id')
            .where('a.asked_at', '<=', now)
            .where((e) =>
              e.or([
                e('a.asked_at', '>=', e.ref('m.occurred_at')),
                e('a.asked_at', '>', coolingFrom),
              ]),
            ),
        ),
      ),
    )
    .orderBy('m.occurred_at')
    .orderBy('m.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    score: r.score === null ? null : Number(r.score),
    do_not_ask: isSet(r.do_not_ask),
    last_asked_at: (r.last_asked_at as string | null) ?? null,
    contact_address: addressableFrom(r, 'contact', r.contact_name),
  }));
}

/**
 * 6. Open commitments silent for commitmentReminderDays: neither made, reminded nor credited
 * since the cutoff (index commitment_by_status).
 */
export async function listSilentCommitments(
  db: Queryable,
  practiceId: string,
  now: string,
  reminderDays: number,
  limit: number,
): Promise<CommitmentAgendaRow[]> {
  const cutoff = reminderCutoffAt(new Date(now), { commitmentReminderDays: reminderDays });
  const rows = await db
    .selectFrom('commitment as k')
    .innerJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'k.practice_id').onRef('c.id', '=', 'k.contact_id'),
    )
    .select([
      'k.id',
      'k.contact_id',
      'c.name as contact_name',
      'k.made_at',
      'k.promised_count',
      'k.status',
      'k.reminders_sent',
      'k.last_reminder_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('commitment_credit as cc')
        .select((e) => e.fn.max('cc.credited_at').as('x'))
        .whereRef('cc.practice_id', '=', 'k.practice_id')
        .whereRef('cc.commitment_id', '=', 'k.id')
        .where('cc.credited_at', '<=', now)
        .as('last_credit_at'),
      eb
        .selectFrom('commitment_credit as cc')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('cc.practice_id', '=', 'k.practice_id')
        .whereRef('cc.commitment_id', '=', 'k.id')
        .where('cc.credited_at', '<=', now)
        .as('credited'),
    ])
    .where('k.practice_id', '=', practiceId)
    .where('k.status', '=', 'open')
    .where('k.made_at', '<=', cutoff)
    .where(sql<boolean>`coalesce(k.last_reminder_at, k.made_at) <= ${cutoff}`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('commitment_credit as cc')
            .select('cc.referral_id')
            .whereRef('cc.practice_id', '=', 'k.practice_id')
            .whereRef('cc.commitment_id', '=', 'k.id')
            .where('cc.credited_at', '>', cutoff),
        ),
      ),
    )
    .orderBy('k.made_at')
    .orderBy('k.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    promised_count: num(r.promised_count),
    reminders_sent: num(r.reminders_sent),
    last_credit_at: (r.last_credit_at as string | null) ?? null,
    credited: num(r.credited),
  }));
}

/**
 * 7. Promising sources gone quiet: at trusts or above, or with an open commitment; no touch
 * (or, never touched, not created) and no referral from them since the cutoff.
 */
export async function listQuietSources(
  db: Queryable,
  practiceId: string,
  now: string,
  quietDays: number,
  limit: number,
): Promise<QuietAgendaRow[]> {
  const cutoff = plusDays(now, -quietDays);
  const anchor = touchAnchor('c');
  const rows = await db
    .selectFrom('contact as c')
    .select(['c.id', 'c.name', 'c.stage', 'c.created_at', 'c.last_touch_at'])
    .select((eb) => [
      eb
        .selectFrom('referral as r')
        .select((e) => e.fn.max('r.received_at').as('x'))
        .whereRef('r.practice_id', '=', 'c.practice_id')
        .whereRef('r.referrer_id', '=', 'c.id')
        .where('r.received_at', '<=', now)
        .as('last_referral_at'),
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('commitment as k')
              .select('k.id')
              .whereRef('k.practice_id', '=', 'c.practice_id')
              .whereRef('k.contact_id', '=', 'c.id')
              .where('k.status', '=', 'open'),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('has_open_commitment'),
    ])
    .where('c.practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([
        eb('c.stage_rank', '>=', stageRank('trusts')),
        eb.exists(
          eb
            .selectFrom('commitment as k')
            .select('k.id')
            .whereRef('k.practice_id', '=', 'c.practice_id')
            .whereRef('k.contact_id', '=', 'c.id')
            .where('k.status', '=', 'open'),
        ),
      ]),
    )
    .where(anchor, '<=', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('referral as r')
            .select('r.id')
            .whereRef('r.practice_id', '=', 'c.practice_id')
            .whereRef('r.referrer_id', '=', 'c.id')
            .where('r.received_at', '>', cutoff),
        ),
      ),
    )
    .orderBy(anchor)
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    last_referral_at: (r.last_referral_at as string | null) ?? null,
    has_open_commitment: isSet(r.has_open_commitment),
  }));
}

/**
 * 8. Partners (role partner) whom the practice owes: received − given ≥ threshold, most owed
 * first. One grouped count per table (referral_by_referrer, referral_given_by_partner).
 */
export async function listOwedPartners(
  db: Queryable,
  practiceId: string,
  now: string,
  threshold: number,
  limit: number,
): Promise<GiveBackAgendaRow[]> {
  // Grouped counts joined to the partners: on PostgreSQL two correlated counts per partner
  // cost ~90 ms on the large practice; one grouped pass per table costs a few.
  const result = await sql<GiveBackAgendaRow>`
    with rec as (
      select r.referrer_id as id, count(*) as n from referral r
       where r.practice_id = ${practiceId} and r.referrer_id is not null and r.received_at <= ${now}
       group by r.referrer_id
    ), giv as (
      select g.partner_id as id, count(*) as n from referral_given g
       where g.practice_id = ${practiceId} and g.given_at <= ${now}
       group by g.partner_id
    )
    select t.id, t.name, t.received, t.given from (
      select c.id, c.name, c.name_key, coalesce(rec.n, 0) as received, coalesce(giv.n, 0) as given
        from contact_role cr
        join contact c on c.practice_id = cr.practice_id and c.id = cr.contact_id
        join rec on rec.id = cr.contact_id
        left join giv on giv.id = cr.contact_id
       where cr.practice_id = ${practiceId} and cr.role = 'partner'
    ) t
    where ${isOwedSql(sql`t.received`, sql`t.given`, threshold)}
    order by t.received - t.given desc, t.name_key, t.id
    limit ${limit}
  `.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    name: r.name,
    received: num(r.received),
    given: num(r.given),
  }));
}

/**
 * 10. Contacts past their keep-in-touch cadence (the cutoffs of cadence.rules.ts `dueCutoffs`,
 * the contact's own cadence by date arithmetic), longest untouched first, with their roles.
 */
export async function listTouchDue(
  db: Queryable,
  dialect: Dialect,
  practiceId: string,
  now: string,
  cutoffs: DueCutoffs,
  limit: number,
): Promise<TouchAgendaRow[]> {
  const anchor = touchAnchor('c');
  const rows = await db
    .selectFrom('contact as c')
    .select([
      'c.id',
      'c.name',
      'c.stage',
      'c.keep_in_touch_days',
      'c.created_at',
      'c.last_touch_at',
    ])
    .where('c.practice_id', '=', practiceId)
    .where('c.created_at', '<=', now)
    .where(isTouchDue('c', { now, cutoffs, dialect }))
    .orderBy(anchor)
    .orderBy('c.id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('contact_role')
    .select(['contact_id', 'role'])
    .where('practice_id', '=', practiceId)
    .where(
      'contact_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byContact = new Map<string, Role[]>();
  for (const r of roles) {
    const list = byContact.get(r.contact_id) ?? [];
    list.push(r.role);
    byContact.set(r.contact_id, list);
  }
  return rows.map((r) => ({
    ...r,
    keep_in_touch_days: r.keep_in_touch_days === null ? null : Number(r.keep_in_touch_days),
    roles: byContact.get(r.id) ?? [],
  }));
}

/** 11. The most-wanted categories with their coverage (category.rules `coveringStageRank`). */
export async function listMostWantedCoverage(
  db: Queryable,
  practiceId: string,
): Promise<CategoryAgendaRow[]> {
  const rows = await db
    .selectFrom('category as k')
    .select(['k.id', 'k.name', 'k.most_wanted_rank', 'k.target'])
    .select((eb) =>
      eb
        .selectFrom('contact as c')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('c.practice_id', '=', 'k.practice_id')
        .whereRef('c.category_id', '=', 'k.id')
        .where('c.stage_rank', '>=', coveringStageRank)
        .as('coverage'),
    )
    .where('k.practice_id', '=', practiceId)
    .where('k.most_wanted_rank', 'is not', null)
    .orderBy('k.most_wanted_rank')
    .execute();
  return rows.map((r) => ({
    ...r,
    most_wanted_rank: r.most_wanted_rank === null ? null : Number(r.most_wanted_rank),
    target: r.target === null ? null : Number(r.target),
    coverage: num(r.coverage),
  }));
}

/**
 * 12. Survey answers below the threshold, each contact's latest, with the last meeting or
 * call after it (null when none — the item stands until there is one).
 */
export async function listMisalignedAnswers(
  db: Queryable,
  practiceId: string,
  now: string,
  thresholdPercent: number,
  limit: number,
): Promise<ExplainAgendaRow[]> {
  const rows = await db
    .selectFrom('survey_recipient as sr')
    .innerJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'sr.practice_id').onRef('c.id', '=', 'sr.contact_id'),
    )
    .select([
      'sr.id',
      'sr.contact_id',
      'c.name as contact_name',
      'sr.answered_at',
      'sr.score_percent',
      'sr.missed_phrases',
    ])
    .select((eb) =>
      eb
        .selectFrom('interaction as i')
        .select((e) => e.fn.max('i.occurred_at').as('x'))
        .whereRef('i.practice_id', '=', 'c.practice_id')
        .whereRef('i.contact_id', '=', 'c.id')
        .where('i.kind', 'in', ['meeting', 'call'])
        .where('i.occurred_at', '<=', now)
        .as('last_talk_at'),
    )
    .where('sr.practice_id', '=', practiceId)
    .where('sr.answered_at', 'is not', null)
    .where('sr.answered_at', '<=', now)
    .where('sr.score_percent', '<', thresholdPercent)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('survey_recipient as later')
            .select('later.id')
            .whereRef('later.practice_id', '=', 'sr.practice_id')
            .whereRef('later.contact_id', '=', 'sr.contact_id')
            .whereRef('later.answered_at', '>', 'sr.answered_at')
            .where('later.answered_at', '<=', now),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('interaction as i')
            .select('i.id')
            .whereRef('i.practice_id', '=', 'c.practice_id')
            .whereRef('i.contact_id', '=', 'c.id')
            .where('i.kind', 'in', ['meeting', 'call'])
            .whereRef('i.occurred_at', '>', 'sr.answered_at')
            .where('i.occurred_at', '<=', now),
        ),
      ),
    )
    .orderBy('sr.answered_at')
    .orderBy('sr.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    answered_at: r.answered_at as string,
    score_percent: num(r.score_percent),
    last_talk_at: (r.last_talk_at as string | null) ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Marks

/** The marks that can hide something at `now`: dismissals, and snoozes not yet over. */
export async function listActiveMarks(
  db: Queryable,
  practiceId: string,
  now: string,
): Promise<AgendaMark[]> {
  const rows = await db
    .selectFrom('agenda_mark')
    .select(['item_key', 'state', 'until'])
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('state', '=', 'dismissed'), eb('until', '>', now)]))
    .execute();
  return rows.map((r) => ({
    key: r.item_key,
    state: r.state,
    until: r.until,
  }));
}

/** Sets (or replaces) the mark of one item. */
export async function upsertMark(
  db: Queryable,
  row: AgendaMarkTable & { created_by: string },
): Promise<void> {
  const { practice_id: _p, item_key: _k, ...rest } = row;
  await db
    .insertInto('agenda_mark')
    .values(row)
    .onConflict((oc) => oc.columns(['practice_id', 'item_key']).doUpdateSet(rest))
    .execute();
}

export async function deleteMark(db: Queryable, practiceId: string, key: string): Promise<number> {
  const result = await db
    .deleteFrom('agenda_mark')
    .where('practice_id', '=', practiceId)
    .where('item_key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const subjectTables = {
  referral: 'referral',
  referral_given: 'referral_given',
  contact: 'contact',
  commitment: 'commitment',
  category: 'category',
  survey_recipient: 'survey_recipient',
} as const;

/** Whether an item's subject exists in this practice (another practice's id does not). */
export async function subjectExists(
  db: Queryable,
  practiceId: string,
  type: SubjectType,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(subjectTables[type])
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Calendar feeds

/** A feed as listed: its token hash stays in the repository. */
export type CalendarFeedRow = Omit<Selectable<CalendarFeedTable>, 'token_hash'>;

export async function insertCalendarFeed(
  db: Queryable,
  row: CalendarFeedRow & { token_hash: string },
): Promise<void> {
  await db.insertInto('calendar_feed').values(row).execute();
}

export async function listCalendarFeeds(
  db: Queryable,
  practiceId: string,
  userId: string,
): Promise<CalendarFeedRow[]> {
  return db
    .selectFrom('calendar_feed')
    .select(['practice_id', 'id', 'user_id', 'created_at', 'revoked_at'])
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findCalendarFeed(
  db: Queryable,
  practiceId: string,
  userId: string,
  id: string,
): Promise<CalendarFeedRow | undefined> {
  return db
    .selectFrom('calendar_feed')
    .select(['practice_id', 'id', 'user_id', 'created_at', 'revoked_at'])
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeCalendarFeed(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('calendar_feed')
    .set({ revoked_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes a user's calendar feed links in the practice (they are credentials too). */
export async function revokeUserCalendarFeeds(
  db: Queryable,
  practiceId: string,
  userId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('calendar_feed')
    .set({ revoked_at: at })
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives a live feed a new token hash: the old URL stops at once. 0 when none is live. */
export async function rotateCalendarFeed(
  db: Queryable,
  practiceId: string,
  userId: string,
  id: string,
  tokenHash: string,
): Promise<number> {
  const result = await db
    .updateTable('calendar_feed')
    .set({ token_hash: tokenHash })
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The live feed a token opens (by its hash), with the practice's time zone; none when revoked. */
export async function findLiveFeedByHash(
  db: Queryable,
  tokenHash: string,
): Promise<{ practice_id: string; user_id: string } | undefined> {
  return db
    .selectFrom('calendar_feed as f')
    .innerJoin('practice_member as m', (j) =>
      j.onRef('m.practice_id', '=', 'f.practice_id').onRef('m.user_id', '=', 'f.user_id'),
    )
    .select(['f.practice_id', 'f.user_id'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Assignments (issue 14 §4)

/** Who each assigned item is for, by `kind:subjectId`: members of the practice only. */
export async function listAssignments(db: Queryable, practiceId: string) {
  return db
    .selectFrom('agenda_assignment as a')
    .innerJoin('practice_member as m', (j) =>
      j.onRef('m.practice_id', '=', 'a.practice_id').onRef('m.user_id', '=', 'a.user_id'),
    )
    .innerJoin('auth_user as u', 'u.id', 'a.user_id')
    .select(['a.item_key', 'a.user_id', 'u.name'])
    .where('a.practice_id', '=', practiceId)
    .execute();
}

export async function upsertAssignment(
  db: Queryable,
  row: {
    practice_id: string;
    item_key: string;
    user_id: string;
    assigned_by: string;
    assigned_at: string;
  },
): Promise<void> {
  await db
    .insertInto('agenda_assignment')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['practice_id', 'item_key']).doUpdateSet({
        user_id: row.user_id,
        assigned_by: row.assigned_by,
        assigned_at: row.assigned_at,
      }),
    )
    .execute();
}

export async function deleteAssignment(db: Queryable, practiceId: string, itemKey: string) {
  await db
    .deleteFrom('agenda_assignment')
    .where('practice_id', '=', practiceId)
    .where('item_key', '=', itemKey)
    .execute();
}

/** A member leaving the team: their items go back to everyone. */
export async function deleteAssignmentsOf(db: Queryable, practiceId: string, userId: string) {
  await db
    .deleteFrom('agenda_assignment')
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .execute();
}

/** Erasure: snoozes and dismissals of items about these subjects (their keys carry the id). */
export async function deleteMarksAbout(
  db: Queryable,
  practiceId: string,
  subjectIds: readonly string[],
): Promise<void> {
  if (subjectIds.length === 0) return;
  await db
    .deleteFrom('agenda_mark')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or(subjectIds.map((id) => eb('item_key', 'like', `%:${id}%`))))
    .execute();
  await db
    .deleteFrom('agenda_assignment')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or(subjectIds.map((id) => eb('item_key', 'like', `%:${id}%`))))
    .execute();
  // The undo steps name the same subjects (ids only); they go with the marks.
  await db
    .deleteFrom('agenda_undo')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or(subjectIds.map((id) => eb('steps', 'like', `%${id}%`))))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Undo (issue 11 §9): the steps that take back what an action on Today recorded

/** One item's mark as stored, to put back on undo. */
export async function findMark(
  db: Queryable,
  practiceId: string,
  key: string,
): Promise<AgendaMarkTable | undefined> {
  return db
    .selectFrom('agenda_mark')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('item_key', '=', key)
    .executeTakeFirst();
}

/** Deletes the practice's undos made before `before` (past their window, never used again). */
export async function deleteUndosBefore(db: Queryable, practiceId: string, before: string) {
  await db
    .deleteFrom('agenda_undo')
    .where('practice_id', '=', practiceId)
    .where('created_at', '<', before)
    .execute();
}

export async function insertUndo(db: Queryable, row: AgendaUndoTable): Promise<void> {
  await db.insertInto('agenda_undo').values(row).execute();
}

export async function findUndo(
  db: Queryable,
  practiceId: string,
  id: string,
): Promise<AgendaUndoTable | undefined> {
  return db
    .selectFrom('agenda_undo')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Claims an undo: 1 when this call set `undone_at`, 0 when it was undone already. */
export async function claimUndo(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('agenda_undo')
    .set({ undone_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
