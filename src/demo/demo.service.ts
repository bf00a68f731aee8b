import { findMembership } from '../accounts/account.repository.ts';
import { createUser } from '../accounts/account.service.ts';
import { hasAnyContact } from '../contacts/contact.repository.ts';
import type { Role } from '../contacts/contact.rules.ts';
import { stages } from '../contacts/contact.rules.ts';
import { createContact, updateContact } from '../contacts/contact.service.ts';
import { interactionKinds } from '../interactions/interaction.rules.ts';
import { logInteraction } from '../interactions/interaction.service.ts';
import { createCategory, replaceMostWanted } from '../network/category.service.ts';
import { createCircle } from '../network/circle.service.ts';
import { dayMs, hourMs } from '../platform/calendar.ts';
import { fixedClock, toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { getPractice, updatePractice } from '../practices/practice.service.ts';
import { createGiven, updateGiven } from '../referrals/given.service.ts';
import type { Channel, ReferralStatus } from '../referrals/referral.rules.ts';
import {
  changeStatus,
  createReferral,
  recordReferrerUpdate,
  recordThanks,
} from '../referrals/referral.service.ts';
import {
  demoCategories,
  demoCircles,
  demoPractice,
  firstNames,
  lastNames,
  metWhere,
  organizations,
} from './demo.data.ts';
import { type Random, seeded } from './random.ts';

const day = dayMs;
const hour = hourMs;

const roleMix: (readonly [Role[], number])[] = [
  [['client'], 18],
  [['former_client'], 14],
  [['colleague'], 16],
  [['partner'], 12],
  [['friend'], 12],
  [['prospect'], 20],
  [['client', 'friend'], 4],
  [['colleague', 'partner'], 4],
];
const channels: Channel[] = ['in_person', 'phone', 'email', 'text', 'event', 'other'];
const needs = [
  'Stuck at the same revenue for three years',
  'Wants to hire a first employee',
  'Raising prices without losing clients',
  'Burning out, working every weekend',
  'Planning a second location',
  'Cash flow swings month to month',
];

export type DemoStats = {
  contacts: number;
  referrals: number;
  given: number;
  interactions: number;
};

/**
 * Fills a practice with two years of a realistic referral program, through the services
 * (each step at its own moment in the past): ~300 contacts in 12 categories (7 most-wanted)
 * and 6 circles, stage histories, ~600 touches, ~150 referrals with their outcomes and
 * thanks, and ~30 referrals given.
 */
export async function seedDemoNetwork(deps: Deps, actor: Actor, size = 300): Promise<DemoStats> {
  const rnd = seeded(42);
  const now = deps.clock.now().getTime();
  const start = now - 730 * day;
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });

  const categories = [];
  for (const name of demoCategories) categories.push(await createCategory(at(start), actor, name));
  await replaceMostWanted(
    deps,
    actor,
    categories.slice(0, 7).map((c) => c.id),
  );
  const circleKinds = [
    'chamber',
    'rotary',
    'bni',
    'association',
    'seminar',
    'association',
  ] as const;
  const circles = [];
  for (const [i, name] of demoCircles.entries())
    circles.push(await createCircle(at(start), actor, { name, kind: circleKinds[i] ?? 'other' }));

  // The network grows over time, faster lately ("slow, then exponential").
  const contacts: { id: string; metAt: number; roles: Role[] }[] = [];
  for (let i = 0; i < size; i++) {
    const first = firstNames[i % firstNames.length] ?? 'Alex';
    const last =
      lastNames[(i * 7 + Math.floor(i / firstNames.length)) % lastNames.length] ?? 'Smith';
    const metAt = start + Math.floor(Math.sqrt(rnd.next()) * (now - start - 3 * day));
    const roles = rnd.weighted(roleMix);
    const category = rnd.next() < 0.85 ? rnd.pick(categories) : null;
    const contact = await createContact(at(metAt), actor, {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: `+1 312 555 ${String(1000 + i).padStart(4, '0')}`,
      organization: rnd.pick(organizations),
      categoryId: category?.id ?? null,
      roles,
      circleIds: circles.filter(() => rnd.next() < 0.2).map((c) => c.id),
      metWhere: rnd.pick(metWhere),
      emailConsent: rnd.next() < 0.8,
      doNotAsk: rnd.next() < 0.04,
      notes: rnd.next() < 0.2 ? 'Prefers a call over email.' : null,
    });
    contacts.push({ id: contact.id, metAt, roles });
    const target = rnd.weighted([
      [0, 30],
      [1, 25],
      [2, 25],
      [3, 20],
    ]);
    let when = metAt;
    for (const stage of stages.slice(1, target + 1)) {
      when += rnd.int(14, 100) * day;
      if (when >= now) break;
      await updateContact(at(when), actor, contact.id, { stage });
    }
  }

  let interactions = 0;
  for (const c of contacts) {
    const touches = rnd.int(0, 4);
    for (let t = 0; t < touches; t++) {
      const when = c.metAt + Math.floor(rnd.next() * (now - c.metAt));
      await logInteraction(at(when), actor, c.id, {
        kind: rnd.pick(interactionKinds),
        occurredAt: toTimestamp(new Date(when)),
        summary:
          rnd.next() < 0.6
            ? rnd.pick([
                'Coffee catch-up',
                'Met at the chamber breakfast',
                'Sent an article',
                'Quick call',
              ])
            : undefined,
      });
      interactions++;
    }
  }

  const referrals = await seedReferrals(deps, actor, rnd, contacts, circles, now, start);
  const given = await seedGiven(deps, actor, rnd, contacts, now, start);
  return { contacts: contacts.length, referrals, given, interactions };
}

async function seedReferrals(
  deps: Deps,
  actor: Actor,
  rnd: Random,
  contacts: { id: string; metAt: number; roles: Role[] }[],
  circles: { id: string }[],
  now: number,
  start: number,
): Promise<number> {
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });
  const sources = contacts.filter((_, i) => i % 6 === 0);
  const count = Math.round(contacts.length / 2);
  for (let i = 0; i < count; i++) {
    // Momentum: most referrals arrive in the second year; a few in the last days stay open.
    const received =
      i === count - 2
        ? now - 26 * hour
        : i === count - 1
          ? now - 5 * hour
          : i >= count - 6
            ? now - rnd.int(2, 40) * hour
            : start + Math.floor(Math.sqrt(rnd.next()) * (now - start - 3 * day));
    const referrer =
      rnd.next() < 0.07 ? null : rnd.pick(sources.filter((s) => s.metAt < received) ?? sources);
    const picked = rnd.pick(contacts);
    const referred =
      referrer && referrer.id === picked.id
        ? (contacts[(contacts.indexOf(picked) + 1) % contacts.length] ?? picked)
        : picked;
    const created = await createReferral(at(received), actor, {
      referred: { contactId: referred.id },
      referrer: referrer ? { contactId: referrer.id } : { unknown: true },
      need: rnd.pick(needs),
      tags: [rnd.pick(['revenue', 'hiring', 'pricing', 'wellbeing', 'growth'])],
      channel: rnd.pick(channels),
      circleId: rnd.next() < 0.3 ? rnd.pick(circles).id : undefined,
      valueMinor: rnd.next() < 0.7 ? rnd.int(15, 80) * 10000 : undefined,
      consentToUpdate: rnd.next() < 0.6,
      warmHandoff: rnd.next() < 0.25,
    });
    // The newest two wait for a first call: one already past the response window, one not yet.
    if (i >= count - 2 || now - received < 3 * hour) continue;
    const firstContact =
      received +
      rnd.weighted([
        [rnd.int(1, 20), 70],
        [rnd.int(25, 60), 30],
      ]) *
        hour;
    if (firstContact >= now) continue;
    await changeStatus(at(firstContact), actor, created.id, { status: 'contacted' });
    if (referrer && rnd.next() < 0.85)
      await recordThanks(at(received + rnd.int(2, 40) * hour), actor, created.id, {
        kind: 'referral',
      });
    const outcome = rnd.weighted<ReferralStatus>([
      ['client', 45],
      ['meeting', 10],
      ['not_a_fit', 18],
      ['declined', 15],
      ['no_response', 12],
    ]);
    const next = firstContact + rnd.int(2, 12) * day;
    if (next >= now) continue;
    if (outcome === 'meeting' || outcome === 'client')
      await changeStatus(at(next), actor, created.id, { status: 'meeting' });
    else await changeStatus(at(next), actor, created.id, { status: outcome });
    if (created.consentToUpdate && referrer && rnd.next() < 0.6)
      await recordReferrerUpdate(at(next + day), actor, created.id, {});
    if (outcome !== 'client') continue;
    const won = next + rnd.int(2, 20) * day;
    if (won >= now) continue;
    await changeStatus(at(won), actor, created.id, { status: 'client' });
    if (referrer && rnd.next() < 0.75)
      await recordThanks(at(won + rnd.int(2, 30) * hour), actor, created.id, {
        kind: 'conversion',
      });
  }
  return count;
}

async function seedGiven(
  deps: Deps,
  actor: Actor,
  rnd: Random,
  contacts: { id: string; metAt: number; roles: Role[] }[],
  now: number,
  start: number,
): Promise<number> {
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });
  const partners = contacts.filter((c) => c.roles.includes('partner'));
  const count = Math.min(30, Math.round(contacts.length / 10));
  for (let i = 0; i < count && partners.length > 0; i++) {
    const givenAt = start + Math.floor(rnd.next() * (now - start - day));
    const partner = rnd.pick(partners);
    const person = rnd.pick(contacts);
    if (person.id === partner.id) continue;
    const given = await createGiven(at(givenAt), actor, {
      person: { contactId: person.id },
      partnerId: partner.id,
      reason: rnd.pick([
        'Needs a tax accountant',
        'Estate planning',
        'A new web site',
        'Couples counseling',
      ]),
    });
    if (rnd.next() < 0.8) {
      const notified = Math.min(now, givenAt + rnd.int(1, 48) * hour);
      await updateGiven(at(notified), actor, given.id, {
        partnerNotifiedAt: toTimestamp(new Date(notified)),
      });
    }
    if (now - givenAt > 20 * day && rnd.next() < 0.6)
      await updateGiven(at(givenAt + 15 * day), actor, given.id, {
        outcome: rnd.pick(['connected', 'became_client'] as const),
        checkedInAt: toTimestamp(new Date(givenAt + 15 * day)),
      });
  }
  return count;
}

/** `vouch demo`: a new practice and its owner, with the demo network. */
export async function loadDemo(
  deps: Deps,
  owner: { email: string; password: string },
): Promise<{ practiceName: string; practiceId: string } & DemoStats> {
  const { userId, practiceId } = await createUser(deps, {
    name: demoPractice.owner,
    email: owner.email,
    password: owner.password,
    practiceName: demoPractice.name,
  });
  const membership = await findMembership(deps.db, userId);
  const actor: Actor = { userId, practiceId, role: membership?.role ?? 'owner', via: 'session' };
  const { owner: _owner, ...profile } = demoPractice;
  // The practice's profile and its network: one transaction, all of it or none.
  const stats = await inTransaction(deps.db, async (trx) => {
    const inTrx = { ...deps, db: trx };
    await updatePractice(inTrx, actor, { ...profile, markSetUp: true });
    return seedDemoNetwork(inTrx, actor);
  });
  return { practiceName: demoPractice.name, practiceId, ...stats };
}

/**
 * "Explore with demo data" on a new install: fills the signed-in owner's own practice, which
 * must still be empty, and completes its setup with the demo profile where fields are blank.
 * One transaction: a failure part-way leaves the practice as it was (and still empty, so the
 * owner can try again).
 */
export async function fillPracticeWithDemo(deps: Deps, actor: Actor): Promise<DemoStats> {
  if (actor.role !== 'owner')
    throw new AppError('forbidden', 'Only the practice owner can load demo data.');
  return inTransaction(deps.db, async (trx) => {
    const inTrx = { ...deps, db: trx };
    if (await hasAnyContact(trx, actor.practiceId))
      throw new AppError(
        'conflict',
        'Demo data can only be loaded into a practice with no contacts yet.',
      );
    const practice = await getPractice(inTrx, actor.practiceId);
    const { owner: _owner, name: _name, ...profile } = demoPractice;
    await updatePractice(inTrx, actor, {
      profession: practice.isSetUp ? practice.profession : profile.profession,
      valueProposition: practice.valueProposition || profile.valueProposition,
      keyPhrases: practice.keyPhrases.length >= 3 ? practice.keyPhrases : profile.keyPhrases,
      idealClient: practice.idealClient || profile.idealClient,
      timeZone: practice.isSetUp ? practice.timeZone : profile.timeZone,
      postalAddress: practice.postalAddress || profile.postalAddress,
      markSetUp: true,
    });
    return seedDemoNetwork(inTrx, actor);
  });
}
