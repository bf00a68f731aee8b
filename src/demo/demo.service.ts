import { findMembership } from '../accounts/account.repository.ts';
import { createUser } from '../accounts/account.service.ts';
import type { Role, Stage } from '../contacts/contact.rules.ts';
import { stages } from '../contacts/contact.rules.ts';
import { createContact, updateContact } from '../contacts/contact.service.ts';
import { createGroup } from '../network/group.service.ts';
import { fixedClock } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../platform/http.ts';
import { updatePractice } from '../practices/practice.service.ts';
import {
  demoCategories,
  demoCircles,
  demoPractice,
  firstNames,
  lastNames,
  metWhere,
  organizations,
} from './demo.data.ts';
import { seeded } from './random.ts';

const roleMix: Role[][] = [
  ['client'],
  ['former_client'],
  ['colleague'],
  ['partner'],
  ['friend'],
  ['prospect'],
  ['client', 'friend'],
  ['colleague', 'partner'],
];

/** Creates the demo practice through the services, with stage histories spread over two years. */
export async function loadDemo(
  deps: Deps,
  owner: { email: string; password: string },
  contactCount = 60,
): Promise<{ practiceName: string; practiceId: string; contacts: number }> {
  const rnd = seeded(42);
  const { userId, practiceId } = await createUser(deps, {
    name: demoPractice.owner,
    email: owner.email,
    password: owner.password,
    practiceName: demoPractice.name,
  });
  const membership = await findMembership(deps.db, userId);
  const actor: Actor = { userId, practiceId, role: membership?.role ?? 'owner', via: 'session' };
  const { owner: _owner, ...profile } = demoPractice;
  await updatePractice(deps, actor, { ...profile, markSetUp: true });
  const categories = [];
  for (const name of demoCategories)
    categories.push(await createGroup(deps, 'category', practiceId, name));
  const circles = [];
  for (const name of demoCircles) circles.push(await createGroup(deps, 'circle', practiceId, name));

  const now = deps.clock.now().getTime();
  const day = 24 * 60 * 60 * 1000;
  for (let i = 0; i < contactCount; i++) {
    const first = firstNames[i % firstNames.length] ?? 'Alex';
    const last = lastNames[(i * 7) % lastNames.length] ?? 'Smith';
    const metAt = now - Math.floor(rnd.next() * 700 + 30) * day;
    const clock = fixedClock(new Date(metAt));
    const category = rnd.next() < 0.85 ? rnd.pick(categories) : null;
    const contact = await createContact({ ...deps, clock }, actor, {
      name: `${first} ${last}`,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      phone: `+1 312 555 ${String(1000 + i).padStart(4, '0')}`,
      organization: rnd.pick(organizations),
      categoryId: category?.id ?? null,
      roles: rnd.pick(roleMix),
      circleIds: circles.filter(() => rnd.next() < 0.25).map((c) => c.id),
      metWhere: rnd.pick(metWhere),
      emailConsent: rnd.next() < 0.8,
      doNotAsk: rnd.next() < 0.05,
      notes: rnd.next() < 0.3 ? 'Prefers a call over email. Ask about the kids.' : null,
    });
    // Climb the ladder a step at a time, weeks or months apart.
    const target = Math.min(stages.length - 1, Math.floor(rnd.next() * 4.6));
    let at = metAt;
    for (let s = 1; s <= target; s++) {
      at = Math.min(now, at + Math.floor(rnd.next() * 90 + 14) * day);
      clock.set(new Date(at));
      await updateContact({ ...deps, clock }, actor, contact.id, { stage: stages[s] as Stage });
    }
  }
  return { practiceName: demoPractice.name, practiceId, contacts: contactCount };
}
