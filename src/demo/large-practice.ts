import type { Insertable } from 'kysely';
import { createUser } from '../accounts/account.service.ts';
import { phoneKey, type Role, type Stage, stageRank, stages } from '../contacts/contact.rules.ts';
import { interactionKinds } from '../interactions/interaction.rules.ts';
import { dayMs, hourMs } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { newId } from '../platform/ids.ts';
import type { Database } from '../platform/schema.ts';
import { updatePractice } from '../practices/practice.service.ts';
import type { ReferralStatus } from '../referrals/referral.rules.ts';
import { demoPractice, firstNames, lastNames, metWhere, organizations } from './demo.data.ts';
import { analyzeDatabase, insertLargePracticeRows } from './large-practice.repository.ts';
import { type Random, seeded } from './random.ts';

/**
 * A deterministic large practice for scale tests and the benchmark: by default 20,000
 * contacts, 60,000 referrals received, 10,000 given, 100,000 interactions, 40 categories
 * and 50 circles, spread over two years before `now`. Rows are written in batches (a data
 * loader, not a fixture: tests build their fixtures through the services).
 */
export type LargePracticeOptions = {
  contacts: number;
  seed: number;
  email: string;
  password: string;
};

export type LargePracticeStats = {
  practiceId: string;
  userId: string;
  contacts: number;
  referrals: number;
  given: number;
  interactions: number;
  categories: number;
  circles: number;
};

const day = dayMs;
const hour = hourMs;
const occupations = [
  'Accountants',
  'Attorneys',
  'Bankers',
  'Business coaches',
  'Career counselors',
  'Clergy',
  'Financial advisers',
  'Insurance agents',
  'Marketing agencies',
  'Printers',
  'Web designers',
  'Therapists',
  'Physicians',
  'Dentists',
  'Realtors',
  'Mortgage brokers',
  'HR consultants',
  'Recruiters',
  'Teachers',
  'Professors',
];
const circleKinds = ['chamber', 'rotary', 'bni', 'association', 'seminar', 'other'] as const;
const channels = ['in_person', 'phone', 'email', 'text', 'event', 'intake_link', 'other'] as const;
const needs = [
  'stuck at a revenue plateau',
  'hiring the first employee',
  'pricing services',
  'burnout',
  'planning a second location',
  'cash flow',
  'partnership dispute',
  'succession planning',
];

const iso = (ms: number) => toTimestamp(new Date(ms));

function contactName(rnd: Random, i: number): string {
  return `${rnd.pick(firstNames)} ${rnd.pick(lastNames)} ${i + 1}`;
}

export async function generateLargePractice(
  deps: Deps,
  options: LargePracticeOptions,
): Promise<LargePracticeStats> {
  const rnd = seeded(options.seed);
  const now = deps.clock.now().getTime();
  const start = now - 730 * day;
  const n = options.contacts;
  const { userId, practiceId } = await createUser(deps, {
    name: demoPractice.owner,
    email: options.email,
    password: options.password,
    practiceName: `${demoPractice.name} (large)`,
  });
  const { owner: _owner, ...profile } = demoPractice;
  await updatePractice(
    deps,
    { practiceId, userId, role: 'owner' },
    { ...profile, markSetUp: true },
  );

  const categoryCount = Math.max(4, Math.round((40 * n) / 20000));
  const circleCount = Math.max(5, Math.round((50 * n) / 20000));
  const categories = Array.from({ length: categoryCount }, (_, i) => {
    const base = occupations[i % occupations.length] ?? 'Other';
    const name =
      i < occupations.length ? base : `${base} ${Math.floor(i / occupations.length) + 1}`;
    return {
      practice_id: practiceId,
      id: newId(start),
      name,
      name_key: name.toLowerCase(),
      created_at: iso(start),
      most_wanted_rank: i < 10 ? i + 1 : null,
      target: null,
    };
  });
  const circles = Array.from({ length: circleCount }, (_, i) => {
    const name = `${rnd.pick(['Downtown', 'Lakeshore', 'North Side', 'West Loop', 'Suburban'])} ${rnd.pick(['Chamber', 'Rotary', 'BNI', 'Association', 'Seminars'])} ${i + 1}`;
    return {
      practice_id: practiceId,
      id: newId(start),
      name,
      name_key: name.toLowerCase(),
      created_at: iso(start),
      kind: rnd.pick(circleKinds),
      notes: null,
    };
  });

  const contacts: Insertable<Database['contact']>[] = [];
  const roles: Insertable<Database['contact_role']>[] = [];
  const memberships: Insertable<Database['contact_circle']>[] = [];
  const stageChanges: Insertable<Database['stage_change']>[] = [];
  const partners: string[] = [];
  const createdAt: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId(start + i);
    const metAt = start + Math.floor(rnd.next() * 700) * day + rnd.int(8, 18) * hour;
    createdAt.push(metAt);
    const stage: Stage = rnd.weighted([
      ['met', 35],
      ['knows', 25],
      ['likes', 20],
      ['trusts', 20],
    ]);
    const contactRoles: Role[] = rnd.weighted<Role[]>([
      [['client'], 20],
      [['former_client'], 15],
      [['colleague'], 15],
      [['partner'], 12],
      [['friend'], 10],
      [['prospect'], 20],
      [['colleague', 'partner'], 8],
    ]);
    if (contactRoles.includes('partner')) partners.push(id);
    const name = contactName(rnd, i);
    const organization = rnd.next() < 0.7 ? rnd.pick(organizations) : null;
    const category = rnd.next() < 0.8 ? rnd.pick(categories) : null;
    const phone = `+1 312 555 ${String(i % 10000).padStart(4, '0')}`;
    contacts.push({
      practice_id: practiceId,
      id,
      name,
      name_key: name.toLowerCase(),
      email: `contact${i + 1}@example.com`,
      email_key: `contact${i + 1}@example.com`,
      phone,
      phone_key: phoneKey(phone),
      organization,
      organization_key: organization?.toLowerCase() ?? null,
      category_id: category?.id ?? null,
      stage,
      stage_rank: stageRank(stage),
      met_where: rnd.pick(metWhere),
      met_how: null,
      email_consent: rnd.next() < 0.8 ? 1 : 0,
      do_not_ask: rnd.next() < 0.03 ? 1 : 0,
      notes: null,
      last_touch_at: null,
      keep_in_touch_days: null,
      is_treating_provider: 0,
      created_at: iso(metAt),
      updated_at: iso(metAt),
    });
    for (const role of contactRoles) roles.push({ practice_id: practiceId, contact_id: id, role });
    const circleCountForContact = rnd.weighted([
      [0, 50],
      [1, 30],
      [2, 15],
      [3, 5],
    ]);
    const chosen = new Set<string>();
    for (let c = 0; c < circleCountForContact; c++) chosen.add(rnd.pick(circles).id);
    for (const circleId of chosen)
      memberships.push({ practice_id: practiceId, contact_id: id, circle_id: circleId });
    let at = metAt;
    for (let s = 0; s <= stageRank(stage); s++) {
      if (s > 0) at = Math.min(now, at + rnd.int(14, 120) * day);
      stageChanges.push({
        practice_id: practiceId,
        id: newId(at),
        contact_id: id,
        from_stage: s === 0 ? null : (stages[s - 1] ?? null),
        to_stage: stages[s] ?? 'met',
        changed_at: iso(at),
        changed_by: userId,
        reason: null,
      });
    }
  }
  const contactIds = contacts.map((c) => c.id as string);

  const interactionCount = n * 5;
  const interactions: Insertable<Database['interaction']>[] = [];
  const lastTouch = new Map<string, number>();
  for (let i = 0; i < interactionCount; i++) {
    const k = rnd.int(0, n - 1);
    const contactId = contactIds[k] as string;
    const at = Math.min(
      now,
      (createdAt[k] ?? start) + Math.floor(rnd.next() * (now - (createdAt[k] ?? start))),
    );
    interactions.push({
      practice_id: practiceId,
      id: newId(at),
      contact_id: contactId,
      kind: rnd.pick(interactionKinds),
      occurred_at: iso(at),
      summary: rnd.next() < 0.5 ? 'Caught up over coffee' : null,
      created_by: userId,
      created_at: iso(at),
    });
    if (at > (lastTouch.get(contactId) ?? 0)) lastTouch.set(contactId, at);
  }
  for (const c of contacts) {
    const touched = lastTouch.get(c.id as string);
    if (touched) c.last_touch_at = iso(touched);
  }

  // A fifth of the network sends most referrals ("slow, then exponential": more recent ones).
  const sources = contactIds.filter((_, i) => i % 5 === 0);
  const referralCount = n * 3;
  const referrals: Insertable<Database['referral']>[] = [];
  const tags: Insertable<Database['referral_tag']>[] = [];
  const events: Insertable<Database['referral_event']>[] = [];
  const firstReferralAt = new Map<string, number>();
  for (let i = 0; i < referralCount; i++) {
    // Skewed towards recent dates: momentum grows over the two years.
    const received = Math.min(
      now - hour,
      start + Math.floor(Math.sqrt(rnd.next()) * (now - start)),
    );
    const referrerId = rnd.next() < 0.08 ? null : rnd.pick(sources);
    let referredId = rnd.pick(contactIds);
    if (referredId === referrerId)
      referredId = contactIds[(contactIds.indexOf(referredId) + 1) % n] as string;
    const id = newId(received);
    const age = now - received;
    const contacted = age > 2 * hour || rnd.next() < 0.5;
    const firstContact = contacted
      ? received +
        Math.floor(
          rnd.weighted([
            [4, 50],
            [20, 30],
            [40, 15],
            [90, 5],
          ]) *
            hour *
            rnd.next(),
        )
      : null;
    let status: ReferralStatus = contacted ? 'contacted' : 'new';
    let meetingAt: number | null = null;
    let clientAt: number | null = null;
    let closedAt: number | null = null;
    if (contacted && age > 10 * day) {
      const outcome = rnd.weighted<ReferralStatus>([
        ['client', 45],
        ['meeting', 10],
        ['not_a_fit', 20],
        ['declined', 15],
        ['no_response', 10],
      ]);
      const base = (firstContact ?? received) + rnd.int(2, 10) * day;
      if (outcome === 'client' || outcome === 'meeting') meetingAt = base;
      if (outcome === 'client') clientAt = base + rnd.int(1, 14) * day;
      if (outcome === 'not_a_fit' || outcome === 'declined' || outcome === 'no_response')
        closedAt = base;
      status = outcome;
    }
    const statusChangedAt = closedAt ?? clientAt ?? meetingAt ?? firstContact ?? received;
    const thanked = referrerId && rnd.next() < 0.8 ? received + rnd.int(1, 60) * hour : null;
    referrals.push({
      practice_id: practiceId,
      id,
      referrer_id: referrerId,
      referred_id: referredId,
      received_at: iso(received),
      channel: rnd.pick(channels),
      circle_id: rnd.next() < 0.3 ? rnd.pick(circles).id : null,
      place: null,
      need: rnd.pick(needs),
      value_minor: rnd.next() < 0.6 ? rnd.int(5, 60) * 10000 : null,
      currency: 'USD',
      consent_to_update: rnd.next() < 0.6 ? 1 : 0,
      warm_handoff: rnd.next() < 0.2 ? 1 : 0,
      status,
      status_changed_at: iso(Math.min(now, statusChangedAt)),
      first_contact_at: firstContact ? iso(Math.min(now, firstContact)) : null,
      meeting_at: meetingAt ? iso(Math.min(now, meetingAt)) : null,
      client_at: clientAt ? iso(Math.min(now, clientAt)) : null,
      closed_at: closedAt ? iso(Math.min(now, closedAt)) : null,
      thanked_at: thanked ? iso(Math.min(now, thanked)) : null,
      conversion_thanked_at:
        clientAt && referrerId && rnd.next() < 0.7 ? iso(Math.min(now, clientAt + day)) : null,
      referrer_told_status: null,
      referrer_told_at: null,
      owner_id: userId,
      created_by: userId,
      created_at: iso(received),
      updated_at: iso(Math.min(now, statusChangedAt)),
    });
    tags.push({
      practice_id: practiceId,
      referral_id: id,
      tag: rnd.pick(['revenue', 'hiring', 'pricing', 'wellbeing', 'growth']),
    });
    events.push({
      practice_id: practiceId,
      id: newId(received),
      referral_id: id,
      kind: 'created',
      from_status: null,
      to_status: 'new',
      at: iso(received),
      by: userId,
      note: null,
    });
    if (status !== 'new')
      events.push({
        practice_id: practiceId,
        id: newId(statusChangedAt),
        referral_id: id,
        kind: 'status',
        from_status: 'new',
        to_status: status,
        at: iso(Math.min(now, statusChangedAt)),
        by: userId,
        note: null,
      });
    if (referrerId && received < (firstReferralAt.get(referrerId) ?? Number.POSITIVE_INFINITY))
      firstReferralAt.set(referrerId, received);
  }
  // Everyone who referred is at `refers`, promoted by their first referral.
  const byId = new Map(contacts.map((c) => [c.id as string, c]));
  for (const [contactId, at] of firstReferralAt) {
    const c = byId.get(contactId);
    if (!c) continue;
    stageChanges.push({
      practice_id: practiceId,
      id: newId(at),
      contact_id: contactId,
      from_stage: c.stage,
      to_stage: 'refers',
      changed_at: iso(at),
      changed_by: userId,
      reason: 'first referral received',
    });
    c.stage = 'refers';
    c.stage_rank = stageRank('refers');
  }

  const givenCount = Math.round(n / 2);
  const given: Insertable<Database['referral_given']>[] = [];
  const partnerPool = partners.length > 0 ? partners : contactIds;
  for (let i = 0; i < givenCount; i++) {
    const at = start + Math.floor(rnd.next() * (now - start));
    const partnerId = rnd.pick(partnerPool);
    let personId = rnd.pick(contactIds);
    if (personId === partnerId)
      personId = contactIds[(contactIds.indexOf(personId) + 1) % n] as string;
    const old = now - at > 14 * day;
    given.push({
      practice_id: practiceId,
      id: newId(at),
      person_id: personId,
      partner_id: partnerId,
      given_at: iso(at),
      reason: rnd.pick([
        'needs a tax accountant',
        'estate planning',
        'a web site',
        'therapy',
        'insurance review',
      ]),
      partner_notified_at: rnd.next() < 0.85 ? iso(at + rnd.int(1, 48) * hour) : null,
      outcome: old
        ? rnd.weighted([
            ['unknown', 40],
            ['connected', 35],
            ['became_client', 25],
          ])
        : 'unknown',
      outcome_at: null,
      checked_in_at: old && rnd.next() < 0.6 ? iso(at + 15 * day) : null,
      created_by: userId,
      created_at: iso(at),
      updated_at: iso(at),
    });
  }

  await insertLargePracticeRows(deps.db, {
    category: categories,
    circle: circles,
    contact: contacts,
    contact_role: roles,
    contact_circle: memberships,
    stage_change: stageChanges,
    interaction: interactions,
    referral: referrals,
    referral_tag: tags,
    referral_event: events,
    referral_given: given,
  });
  await analyzeDatabase(deps.db);
  return {
    practiceId,
    userId,
    contacts: contacts.length,
    referrals: referrals.length,
    given: given.length,
    interactions: interactions.length,
    categories: categories.length,
    circles: circles.length,
  };
}
