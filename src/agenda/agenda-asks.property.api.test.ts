/**
 * Today and "Can I ask now?" are one rule (§3.3, ask.rules `readinessOf`): for generated
 * contacts, moments, asks and settings, the agenda lists an ask for a contact exactly when
 * the asks feature answers yes, and for the same window. Both go through the real services
 * and SQL, so a cooldown or window restated in the agenda's query would show up here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AskReadiness } from '../asks/ask.schemas.ts';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { dayMs } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { AgendaItem } from './agenda.rules.ts';

const base = Date.parse('2026-03-02T09:00:00.000Z');

/** An offset from `now`: often a whole number of days ± 1 ms, where the rules change their answer. */
const offset = (minDays: number, maxDays: number) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: minDays, max: maxDays }), fc.constantFrom(-1, 0, 1))
      .map(([d, ms]) => d * dayMs + ms),
    fc.integer({ min: minDays * dayMs, max: maxDays * dayMs }),
  );

const moment = fc.record({
  kind: fc.constantFrom('milestone', 'project_completed', 'feedback', 'thank_you', 'renewal'),
  score: fc.integer({ min: 0, max: 10 }),
  at: offset(-12, 1),
});

const scenario = fc.record({
  stage: fc.constantFrom('met', 'knows', 'likes', 'likes', 'trusts', 'refers'),
  doNotAsk: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  askWindowDays: fc.integer({ min: 1, max: 14 }),
  askCooldownDays: fc.integer({ min: 0, max: 20 }),
  moments: fc.array(moment, { minLength: 1, maxLength: 3 }),
  // Asks anywhere, or around the end of the cooldown (from now), where the answer turns.
  asks: fc.array(
    fc.oneof(
      offset(-40, 1).map((at) => ({ at, fromCooldownEnd: false })),
      offset(-2, 1).map((at) => ({ at, fromCooldownEnd: true })),
    ),
    { maxLength: 2 },
  ),
});

describe.each(testTargets)('Today agrees with "Can I ask now?" on %s', (target) => {
  const clock = fixedClock(new Date(base));

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Coaching']);

  it('for generated contacts, moments, asks and settings', async () => {
    let run = 0;
    const answers = { yes: 0, no: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        run += 1;
        const now = base + run * 30 * dayMs;
        // Everything is recorded from after `now`, so that moments and asks may lie after it.
        clock.set(new Date(now + 2 * dayMs));
        await ok(a.bearer, 'PATCH', '/practice/settings', {
          askWindowDays: s.askWindowDays,
          askCooldownDays: s.askCooldownDays,
        });
        const contact = await ok<ContactDetail>(a.bearer, 'POST', '/contacts', {
          name: `Contact ${run}`,
          stage: s.stage,
          doNotAsk: s.doNotAsk,
        });
        for (const m of s.moments)
          await ok(a.bearer, 'POST', `/contacts/${contact.id}/moments`, {
            kind: m.kind,
            ...(m.kind === 'feedback' ? { score: m.score } : {}),
            occurredAt: new Date(now + m.at).toISOString(),
          });
        for (const ask of s.asks) {
          const at = ask.fromCooldownEnd ? ask.at - s.askCooldownDays * dayMs : ask.at;
          await ok(a.bearer, 'POST', `/contacts/${contact.id}/asks`, {
            askedAt: new Date(now + at).toISOString(),
          });
        }

        clock.set(new Date(now));
        const readiness = await ok<AskReadiness>(
          a.bearer,
          'GET',
          `/contacts/${contact.id}/ask-readiness`,
        );
        const agenda = await ok<{ items: AgendaItem[] }>(a.bearer, 'GET', '/agenda');
        const items = agenda.items.filter((i) => i.kind === 'ask' && i.subject.id === contact.id);
        expect(items.length, JSON.stringify({ s, readiness })).toBe(readiness.canAsk ? 1 : 0);
        if (readiness.canAsk) expect(items[0]?.dueAt).toBe(readiness.openWindow?.endsAt);
        answers[readiness.canAsk ? 'yes' : 'no'] += 1;
      }),
      { numRuns: 100 },
    );
    // Both answers must have been compared often enough for the agreement to mean something.
    expect(answers.yes).toBeGreaterThanOrEqual(3);
    expect(answers.no).toBeGreaterThanOrEqual(3);
  });
});
