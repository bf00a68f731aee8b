import { randomBytes } from 'node:crypto';
import { deleteUser, findMembership } from '../accounts/account.repository.ts';
import { createUser, throttle } from '../accounts/account.service.ts';
import { demoPerUser } from '../accounts/throttle.rules.ts';
import { createCommitment } from '../commitments/commitment.service.ts';
import type { Role } from '../contacts/contact.rules.ts';
import { stages } from '../contacts/contact.rules.ts';
import { createContact, updateContact } from '../contacts/contact.service.ts';
import { putGoal } from '../goals/goal.service.ts';
import { createIncentive, previewIncentive } from '../incentives/incentive.service.ts';
import { interactionKinds } from '../interactions/interaction.rules.ts';
import { logInteraction } from '../interactions/interaction.service.ts';
import { createCategory, replaceMostWanted } from '../network/category.service.ts';
import { createCircle } from '../network/circle.service.ts';
import { createMessage } from '../outbox/message.service.ts';
import { dayMs, hourMs, localDay } from '../platform/calendar.ts';
import { fixedClock, toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, constraintKind } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { getPractice, updatePractice } from '../practices/practice.service.ts';
import { createGiven, updateGiven } from '../referrals/given.service.ts';
import type { Channel, ReferralStatus } from '../referrals/referral.rules.ts';
import {
  changeStatus,
  createReferral,
  recordReferrerUpdate,
  recordThanks,
} from '../referrals/referral.service.ts';
import { createSurvey, enterAnswer } from '../survey/survey.service.ts';
import {
  demoCategories,
  demoCategoryOrganizations,
  demoCircles,
  demoPractice,
  firstNames,
  lastNames,
  metWhere,
  otherOrganizations,
} from './demo.data.ts';
import {
  deleteDemoPracticeRow,
  deleteUnfinishedDemo,
  findDemoPracticeOf,
  listMadeUpMemberIds,
  madeUpDomain,
  markDemoPractice,
  setInDemo,
} from './demo.repository.ts';
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

  const categories: { id: string; name: (typeof demoCategories)[number] }[] = [];
  for (const name of demoCategories)
    categories.push({ ...(await createCategory(at(start), actor, name)), name });
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
    // An organisation of the contact's own kind: a counsellor works at a counselling practice.
    const organization = category
      ? rnd.pick([...demoCategoryOrganizations[category.name]])
      : rnd.pick(otherOrganizations);
    const contact = await createContact(at(metAt), actor, {
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: `+1 312 555 ${String(1000 + i).padStart(4, '0')}`,
      organization,
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
  await seedFollowThrough(deps, actor, rnd, contacts, referrals, now);
  return {
    contacts: contacts.length + referrals.length,
    referrals: referrals.length,
    given,
    interactions,
  };
}

type SeededContact = { id: string; metAt: number; roles: Role[] };
type SeededReferral = {
  id: string;
  referrerId: string | null;
  receivedAt: number;
  thanked: boolean;
};

async function seedReferrals(
  deps: Deps,
  actor: Actor,
  rnd: Random,
  contacts: SeededContact[],
  circles: { id: string }[],
  now: number,
  start: number,
): Promise<SeededReferral[]> {
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });
  const sources = contacts.filter((_, i) => i % 6 === 0);
  const count = Math.round(contacts.length / 2);
  const seeded: SeededReferral[] = [];
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
    // Only someone already in the network can have sent a person (else: referrer unknown).
    const known = sources.filter((s) => s.metAt < received);
    const referrer = known.length > 0 && rnd.next() >= 0.07 ? rnd.pick(known) : null;
    // The referred person arrives with the referral: a new contact, created at that moment.
    const first = firstNames[(i * 11 + 5) % firstNames.length] ?? 'Alex';
    const last = lastNames[(i * 3 + 7) % lastNames.length] ?? 'Smith';
    const created = await createReferral(at(received), actor, {
      referred: {
        name: `${first} ${last}`,
        email: `${first}.${last}.r${i}@example.com`.toLowerCase(),
      },
      referrer: referrer ? { contactId: referrer.id } : { unknown: true },
      need: rnd.pick(needs),
      tags: [rnd.pick(['revenue', 'hiring', 'pricing', 'wellbeing', 'growth'])],
      channel: rnd.pick(channels),
      circleId: rnd.next() < 0.3 ? rnd.pick(circles).id : undefined,
      valueMinor: rnd.next() < 0.7 ? rnd.int(15, 80) * 10000 : undefined,
      consentToUpdate: rnd.next() < 0.6,
      warmHandoff: rnd.next() < 0.25,
    });
    const entry: SeededReferral = {
      id: created.id,
      referrerId: referrer?.id ?? null,
      receivedAt: received,
      thanked: false,
    };
    seeded.push(entry);
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
    const thankedAt = received + rnd.int(2, 40) * hour;
    if (referrer && rnd.next() < 0.85 && thankedAt < now) {
      await recordThanks(at(thankedAt), actor, created.id, { kind: 'referral' });
      entry.thanked = true;
    }
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
    if (created.consentToUpdate && referrer && rnd.next() < 0.6 && next + day < now)
      await recordReferrerUpdate(at(next + day), actor, created.id, {});
    if (outcome !== 'client') continue;
    const won = next + rnd.int(2, 20) * day;
    if (won >= now) continue;
    await changeStatus(at(won), actor, created.id, { status: 'client' });
    const thankedWon = won + rnd.int(2, 30) * hour;
    if (referrer && rnd.next() < 0.75 && thankedWon < now)
      await recordThanks(at(thankedWon), actor, created.id, { kind: 'conversion' });
  }
  return seeded;
}

async function seedGiven(
  deps: Deps,
  actor: Actor,
  rnd: Random,
  contacts: SeededContact[],
  now: number,
  start: number,
): Promise<number> {
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });
  const partners = contacts.filter((c) => c.roles.includes('partner'));
  const count = Math.min(30, Math.round(contacts.length / 10));
  let made = 0;
  for (let i = 0; made < count && i < count * 4 && partners.length > 0; i++) {
    const partner = rnd.pick(partners);
    const person = rnd.pick(contacts);
    if (person.id === partner.id) continue;
    // Given once both people were known, and at least a day before now.
    const known = Math.max(start, partner.metAt, person.metAt) + day;
    if (known >= now - day) continue;
    const givenAt = known + Math.floor(rnd.next() * (now - day - known));
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
    made++;
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
  return made;
}

const surveyAnswers = [
  'Jane is a business coach who helps small business owners double their income without working more hours.',
  'She coaches owners of small firms on growth.',
  'Business coaching for small business owners — she helped me double my income.',
  'A coach. Very nice person.',
];

/**
 * What makes every other page work: promises of referrals, incentives the coach profile allows,
 * this year's goal, a messaging survey with answers, and thank-you letters waiting in the
 * outbox (letters are printed, not sent; the demo has no SMTP, so nothing leaves the server).
 */
async function seedFollowThrough(
  deps: Deps,
  actor: Actor,
  rnd: Random,
  contacts: SeededContact[],
  referrals: SeededReferral[],
  now: number,
): Promise<void> {
  const at = (ms: number) => ({ ...deps, clock: fixedClock(new Date(Math.min(ms, now))) });
  const practice = await getPractice(deps, actor.practiceId);

  // Commitments: partners who promised referrals in the last months.
  const promisers = contacts.filter(
    (c) => c.roles.includes('partner') && c.metAt < now - 120 * day,
  );
  for (const [i, partner] of promisers.slice(0, 4).entries()) {
    const madeAt = now - (20 + i * 25) * day;
    await createCommitment(at(madeAt), actor, partner.id, {
      promisedCount: 1 + (i % 3),
      madeAt: toTimestamp(new Date(madeAt)),
      dueAt: toTimestamp(new Date(madeAt + 90 * day)),
      note: 'Promised over coffee after the chamber breakfast.',
    });
  }

  // Incentives, each only when the practice's ethics profile allows it as offered.
  const thanked = referrals.filter((r) => r.referrerId && r.thanked).slice(-6);
  const offers = [
    { kind: 'thank_you_note', description: 'A handwritten card' },
    { kind: 'gift', description: 'A book on leadership', valueMinor: 2500 },
    { kind: 'event_invitation', description: 'Seat at the spring client workshop' },
  ] as const;
  for (const [i, referral] of thanked.entries()) {
    const offer = offers[i % offers.length];
    if (!offer) continue;
    const promised = Math.min(now, referral.receivedAt + 2 * day);
    const input = {
      ...offer,
      recipient: 'referrer' as const,
      referralId: referral.id,
      promisedAt: toTimestamp(new Date(promised)),
    };
    const when = at(promised);
    if ((await previewIncentive(when, actor, input)).refusal === null)
      await createIncentive(when, actor, input);
  }

  // This year's goal, in the practice's calendar.
  const year = Number(localDay(now, practice.timeZone).slice(0, 4));
  await putGoal(at(now - 60 * day), actor, year, { targetClients: 40 });

  // A messaging survey sent ten days ago, three of five answered.
  const asked = contacts.filter((c) => c.metAt < now - 30 * day).slice(0, 5);
  if (asked.length > 0) {
    const surveyAt = now - 10 * day;
    const survey = await createSurvey(at(surveyAt), actor, { contactIds: asked.map((c) => c.id) });
    for (const [i, recipient] of survey.recipients.slice(0, 3).entries())
      await enterAnswer(at(surveyAt + (i + 1) * day), actor, survey.id, recipient.id, {
        answer: rnd.pick(surveyAnswers),
      });
  }

  // Thank-you letters for the newest referrals nobody has thanked yet: in the outbox, unsent.
  const unthanked = referrals.filter((r) => r.referrerId && !r.thanked).slice(-3);
  for (const referral of unthanked)
    await createMessage(at(Math.min(now, referral.receivedAt + hour)), actor, {
      templateKey: 'thanks_referral',
      referralId: referral.id,
      channel: 'letter',
    });
}

/** `vouch demo`: a new practice and its owner, with the demo network. */
export async function loadDemo(
  deps: Deps,
  owner: { email: string; password: string },
  size = 300,
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
    return seedDemoNetwork(inTrx, actor, size);
  });
  return { practiceName: demoPractice.name, practiceId, ...stats };
}

/** The demo is what a signed-in person looks at; an API token stays in its own practice. */
function requireSession(actor: Actor): void {
  if (actor.via !== 'session')
    throw new AppError(
      'forbidden',
      'The demo practice is opened, left and deleted from a signed-in session, not with an API token.',
    );
}

export type DemoState = { exists: boolean; open: boolean; practiceName: string | null };

/** Whether the user has a demo practice, and whether they are looking at it. */
export async function getDemoState(deps: Deps, actor: Actor): Promise<DemoState> {
  const demo = await findDemoPracticeOf(deps.db, actor.userId);
  return {
    exists: demo !== undefined,
    open: demo !== undefined && demo.id === actor.practiceId,
    practiceName: demo?.name ?? null,
  };
}

/**
 * "Explore the demo": a separate practice, the user's sandbox, with two years of a referral
 * program run by a made-up coach (its owner, who never signs in). The user's own practice and
 * its settings are not touched; the demo opens at once ("Back to my practice" leaves it).
 * Before or after setup alike; one per user (409 when there is one), and at most three made
 * per user per hour (429 with Retry-After).
 *
 * Its made-up owner is created through the account use case (better-auth writes the user in
 * its own transaction); everything else is one transaction, and a failure part-way deletes the
 * made-up owner and the practice again, so nothing is left behind.
 */
export async function createDemoPractice(
  deps: Deps,
  actor: Actor,
  size = 300,
): Promise<DemoStats & DemoState> {
  requireSession(actor);
  const alreadyThere = () =>
    new AppError(
      'conflict',
      'You already have a demo practice. Open it, or delete it to start a fresh one.',
    );
  if (await findDemoPracticeOf(deps.db, actor.userId)) throw alreadyThere();
  // Counted only for a demo that will be made: "you already have one" uses up nothing.
  await throttle(deps, `demo:${actor.userId}`, demoPerUser, 'demo practices created');
  const { userId: ownerId, practiceId } = await createUser(deps, {
    name: demoPractice.owner,
    email: `demo-owner.${newId().toLowerCase()}@${madeUpDomain}`,
    password: randomBytes(24).toString('base64url'),
    practiceName: demoPractice.name,
  });
  const owner: Actor = { userId: ownerId, practiceId, role: 'owner', via: 'session' };
  const { owner: _owner, ...profile } = demoPractice;
  try {
    const stats = await inTransaction(deps.db, async (trx) => {
      const inTrx = { ...deps, db: trx };
      // A second demo started at the same moment stops here (one demo per user, a unique key).
      await markDemoPractice(trx, practiceId, actor.userId);
      await updatePractice(inTrx, owner, { ...profile, markSetUp: true });
      const seeded = await seedDemoNetwork(inTrx, owner, size);
      await setInDemo(trx, actor.userId, true);
      return seeded;
    });
    return { ...stats, exists: true, open: true, practiceName: demoPractice.name };
  } catch (error) {
    await inTransaction(deps.db, async (trx) => {
      await deleteUnfinishedDemo(trx, practiceId, ownerId);
      await deleteUser(trx, ownerId);
    });
    // Two "Explore the demo" at once: the unique key let one through; the other is told so.
    throw constraintKind(error) === 'unique' ? alreadyThere() : error;
  }
}

/** "Open the demo practice" / "Back to my practice": what the user's session works in. */
export async function switchDemo(deps: Deps, actor: Actor, open: boolean): Promise<DemoState> {
  requireSession(actor);
  const demo = await findDemoPracticeOf(deps.db, actor.userId);
  if (open && !demo)
    throw new AppError('not_found', 'You have no demo practice. Create one first.');
  await setInDemo(deps.db, actor.userId, open);
  return {
    exists: demo !== undefined,
    open: open && demo !== undefined,
    practiceName: demo?.name ?? null,
  };
}

/**
 * "Delete the demo": the demo practice, everything in it (every table's practice key
 * cascades) and its made-up owner, in one transaction; the user is back in their practice.
 */
export async function deleteDemoPractice(deps: Deps, actor: Actor): Promise<void> {
  requireSession(actor);
  await inTransaction(deps.db, async (trx) => {
    const demo = await findDemoPracticeOf(trx, actor.userId);
    if (!demo) throw new AppError('not_found', 'You have no demo practice to delete.');
    const owners = await listMadeUpMemberIds(trx, demo.id);
    await deleteDemoPracticeRow(trx, demo.id);
    for (const id of owners) await deleteUser(trx, id);
    await setInDemo(trx, actor.userId, false);
  });
}
