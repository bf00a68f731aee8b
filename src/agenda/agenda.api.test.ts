import { describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import type { MostWanted } from '../network/category.schemas.ts';
import { dayMs as D, hourMs as H } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { ReferralGiven } from '../referrals/given.schemas.ts';
import type { Reciprocity } from '../referrals/reciprocity.schemas.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import type { Survey } from '../survey/survey.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, countRows, testTargets } from '../test-support/testing.ts';
import { type AgendaItem, compareItems, tellsReferralStatus } from './agenda.rules.ts';
import { calendarUid } from './agenda.service.ts';

type Agenda = {
  at: string;
  items: (AgendaItem & { snoozedUntil?: string })[];
  counts: Record<string, number>;
  truncated: string[];
};

// A Monday, 09:00 UTC (the practice's time zone is UTC).
const T0 = '2026-03-02T09:00:00.000Z';
const plus = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

describe.each(testTargets)('agenda API on %s', (target) => {
  const clock = fixedClock(T0);

  const ctx = useTestContext(target, { clock });
  const [a, b, quiet] = usePractices(ctx, ['Harbor Coaching', 'Other Practice', 'Quiet Practice']);

  const agendaAt = async (at?: string, query = '') => {
    const q = new URLSearchParams(query);
    if (at) q.set('at', at);
    return ok<Agenda>(a.session, 'GET', `/agenda?${q.toString()}`);
  };
  const itemsFor = async (kind: string, subjectId: string, at?: string, query = '') =>
    (await agendaAt(at, query)).items.filter((i) => i.kind === kind && i.subject.id === subjectId);
  const one = async (kind: string, subjectId: string, at?: string, query = '') => {
    const found = await itemsFor(kind, subjectId, at, query);
    expect(found, `${kind} for ${subjectId} at ${at}`).toHaveLength(1);
    return found[0] as AgendaItem;
  };
  /** Performs an item's completing action through the real API. */
  const perform = async (action: AgendaItem['action'], extra: Record<string, unknown> = {}) =>
    ok(a.session, action.method, action.path, { ...(action.body ?? {}), ...extra });
  const contact = (body: Record<string, unknown>) =>
    ok<ContactDetail>(a.session, 'POST', '/contacts', body);
  /** A referral of `referred` from a new contact, `referrer`, who likes the practice. */
  const referralFrom = async (referrer: string, referred: string, more: object) => {
    const from = await contact({ name: referrer, stage: 'likes' });
    return ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: referred },
      referrer: { contactId: from.id },
      ...more,
    });
  };

  it('1 respond: appears at receipt, overdue past the window, gone once the call is logged', async () => {
    clock.set(T0);
    const referral = await referralFrom('Sarah Chen', 'Tom Ruiz', { channel: 'phone' });
    expect(await itemsFor('respond', referral.id, plus(T0, -1))).toHaveLength(0);
    const fresh = await one('respond', referral.id, T0);
    expect(fresh).toMatchObject({
      rank: 1,
      urgency: 'today',
      title: 'Call Tom Ruiz',
      dueAt: plus(T0, 24 * H),
      forWhom: { name: 'Tom Ruiz' },
      action: { method: 'POST', path: `/referrals/${referral.id}/status` },
    });
    expect((await one('respond', referral.id, plus(T0, 24 * H - 1))).urgency).toBe('today');
    const late = await one('respond', referral.id, plus(T0, 26 * H));
    expect(late.urgency).toBe('overdue');
    expect(late.why).toBe(
      'Sarah Chen referred Tom Ruiz 26 h ago — call Tom Ruiz; you are 2 h past your 24 h window.',
    );
    clock.set(plus(T0, 26 * H));
    await perform(late.action);
    expect(await itemsFor('respond', referral.id)).toHaveLength(0);
  });

  it('2 thank: from receipt, overdue after 48 h, again on conversion; gone when thanked', async () => {
    clock.set(T0);
    const referral = await referralFrom('Sara Thanks', 'Ann Lee', {
      channel: 'email',
      consentToUpdate: true,
    });
    expect(await itemsFor('thank', referral.id, plus(T0, -1))).toHaveLength(0);
    const due = await one('thank', referral.id, T0);
    expect(due).toMatchObject({ rank: 2, urgency: 'today', title: 'Thank Sara Thanks' });
    expect(due.key).toBe(`thank:${referral.id}:referral`);
    expect((await one('thank', referral.id, plus(T0, 48 * H))).urgency).toBe('today');
    const late = await one('thank', referral.id, plus(T0, 48 * H + 1));
    expect(late.urgency).toBe('overdue');
    expect(late.why).toContain('the thank-you is 1 min overdue');
    await perform(due.action);
    expect(await itemsFor('thank', referral.id)).toHaveLength(0);

    clock.set(plus(T0, 5 * D));
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'client' });
    expect(await itemsFor('thank', referral.id, plus(T0, 5 * D - 1))).toHaveLength(0);
    const conversion = await one('thank', referral.id);
    expect(conversion.key).toBe(`thank:${referral.id}:conversion`);
    expect(conversion.why).toContain('became a client');
    await perform(conversion.action);
    expect(await itemsFor('thank', referral.id)).toHaveLength(0);
  });

  it('2 thank on conversion: never without consent (the timing itself would tell)', async () => {
    clock.set(T0);
    const referral = await referralFrom('Sara Silent', 'Nora Private', { channel: 'email' });
    await perform((await one('thank', referral.id, T0)).action);
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'client' });
    for (const at of [T0, plus(T0, 3 * D)])
      expect(await itemsFor('thank', referral.id, at)).toHaveLength(0);
    await ok(a.session, 'PATCH', `/referrals/${referral.id}`, { consentToUpdate: true });
    expect((await one('thank', referral.id)).key).toBe(`thank:${referral.id}:conversion`);
  });

  it('3 update_referrer: consent given and the status changed; dismissed returns on the next change', async () => {
    clock.set(T0);
    const sam = await contact({ name: 'Sam Update', stage: 'likes' });
    const referral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Pat Quinn' },
      referrer: { contactId: sam.id },
      channel: 'email',
      consentToUpdate: true,
    });
    expect(await itemsFor('update_referrer', referral.id)).toHaveLength(0);
    clock.set(plus(T0, H));
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'contacted' });
    expect(await itemsFor('update_referrer', referral.id, plus(T0, H - 1))).toHaveLength(0);
    const item = await one('update_referrer', referral.id);
    expect(item).toMatchObject({ rank: 3, title: 'Update Sam Update', dueAt: null });
    expect(item.why).toContain('is now contacted');
    await perform(item.action);
    expect(await itemsFor('update_referrer', referral.id)).toHaveLength(0);

    // Dismissed: hidden until the cause (the status) changes.
    clock.set(plus(T0, 2 * H));
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'meeting' });
    const meeting = await one('update_referrer', referral.id);
    const dismissed = await a.session.request('POST', `/agenda/${meeting.key}/dismiss`, {
      reason: 'Told her in person',
    });
    expect(dismissed.status).toBe(204);
    expect(await itemsFor('update_referrer', referral.id)).toHaveLength(0);
    expect(await itemsFor('update_referrer', referral.id, plus(T0, 30 * D))).toHaveLength(0);
    clock.set(plus(T0, 3 * H));
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'client' });
    const back = await one('update_referrer', referral.id);
    expect(back.key).not.toBe(meeting.key);
    // Without consent there is never an update item.
    const quiet = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'No Consent' },
      referrer: { contactId: sam.id },
      channel: 'email',
    });
    await ok(a.session, 'POST', `/referrals/${quiet.id}/status`, { status: 'contacted' });
    expect(await itemsFor('update_referrer', quiet.id)).toHaveLength(0);
  });

  it('4 notify_partner and 9 check_in_given: until notified; check in 14 days after', async () => {
    clock.set(T0);
    const lee = await contact({ name: 'Dr. Lee Wong', stage: 'knows', roles: ['partner'] });
    const given = await ok<ReferralGiven>(a.session, 'POST', '/referrals-given', {
      person: { name: 'Ann Park' },
      partnerId: lee.id,
    });
    expect(await itemsFor('notify_partner', given.id, plus(T0, -1))).toHaveLength(0);
    const notify = await one('notify_partner', given.id, T0);
    expect(notify).toMatchObject({ rank: 4, title: 'Tell Dr. Lee Wong about Ann Park' });
    clock.set(plus(T0, H));
    await perform(notify.action);
    expect(await itemsFor('notify_partner', given.id)).toHaveLength(0);

    expect(await itemsFor('check_in_given', given.id, plus(T0, 14 * D - 1))).toHaveLength(0);
    const check = await one('check_in_given', given.id, plus(T0, 14 * D));
    expect(check).toMatchObject({
      rank: 9,
      urgency: 'today',
      title: 'Check in with Ann Park',
      dueAt: plus(T0, 14 * D),
    });
    expect((await one('check_in_given', given.id, plus(T0, 15 * D))).urgency).toBe('overdue');
    clock.set(plus(T0, 14 * D));
    const current = await one('check_in_given', given.id);
    await perform(current.action);
    expect(await itemsFor('check_in_given', given.id)).toHaveLength(0);
  });

  it('5 ask: inside a positive moment’s window, at likes or above, outside the cooldown', async () => {
    clock.set(T0);
    const maria = await contact({ name: 'Maria Gomez', stage: 'likes' });
    const low = await contact({ name: 'Low Stage', stage: 'knows' });
    const moment = await ok<{ id: string }>(a.session, 'POST', `/contacts/${maria.id}/moments`, {
      kind: 'project_completed',
    });
    await ok(a.session, 'POST', `/contacts/${low.id}/moments`, { kind: 'project_completed' });
    expect(await itemsFor('ask', low.id)).toHaveLength(0);
    expect(await itemsFor('ask', maria.id, plus(T0, -1))).toHaveLength(0);
    const ask = await one('ask', maria.id, T0);
    expect(ask).toMatchObject({
      rank: 5,
      title: 'Ask Maria Gomez for referrals',
      dueAt: plus(T0, 7 * D),
      action: { path: `/contacts/${maria.id}/asks`, body: { momentId: moment.id } },
    });
    expect(await itemsFor('ask', maria.id, plus(T0, 7 * D - 1))).toHaveLength(1);
    expect(await itemsFor('ask', maria.id, plus(T0, 7 * D))).toHaveLength(0);
    clock.set(plus(T0, D));
    await perform(ask.action);
    expect(await itemsFor('ask', maria.id)).toHaveLength(0);
    // A new moment inside the 90-day cooldown opens no ask; after it, one does.
    clock.set(plus(T0, 10 * D));
    await ok(a.session, 'POST', `/contacts/${maria.id}/moments`, { kind: 'milestone' });
    expect(await itemsFor('ask', maria.id)).toHaveLength(0);
    clock.set(plus(T0, 92 * D));
    await ok(a.session, 'POST', `/contacts/${maria.id}/moments`, { kind: 'feedback', score: 8 });
    expect(await itemsFor('ask', maria.id)).toHaveLength(0);
    await ok(a.session, 'POST', `/contacts/${maria.id}/moments`, { kind: 'feedback', score: 9 });
    expect(await itemsFor('ask', maria.id)).toHaveLength(1);
  });

  it('6 remind_commitment: silent 14 days → remind; after 2 reminders → release', async () => {
    clock.set(T0);
    const jo = await contact({ name: 'Jo Park', stage: 'trusts' });
    const { commitment } = await ok<{ commitment: { id: string } }>(
      a.session,
      'POST',
      `/contacts/${jo.id}/commitments`,
      { promisedCount: 5 },
    );
    expect(await itemsFor('remind_commitment', commitment.id, plus(T0, 14 * D - 1))).toHaveLength(
      0,
    );
    const first = await one('remind_commitment', commitment.id, plus(T0, 14 * D));
    expect(first).toMatchObject({
      rank: 6,
      title: 'Remind Jo Park of their commitment',
      action: { path: `/commitments/${commitment.id}/reminders` },
      secondary: { path: `/commitments/${commitment.id}/release` },
    });
    clock.set(plus(T0, 14 * D));
    await perform(first.action);
    expect(await itemsFor('remind_commitment', commitment.id)).toHaveLength(0);
    clock.set(plus(T0, 28 * D));
    await perform((await one('remind_commitment', commitment.id)).action);
    expect(await itemsFor('remind_commitment', commitment.id, plus(T0, 42 * D - 1))).toHaveLength(
      0,
    );
    clock.set(plus(T0, 42 * D));
    const release = await one('remind_commitment', commitment.id);
    expect(release.title).toBe("Release Jo Park's commitment gracefully");
    expect(release.action.path).toBe(`/commitments/${commitment.id}/release`);
    expect(release.why).toContain('2 reminders went unanswered');
    await perform(release.action);
    expect(await itemsFor('remind_commitment', commitment.id)).toHaveLength(0);
  });

  it('7 reconnect_quiet_source and 10 keep_in_touch: cadence first, quiet source after 90 days', async () => {
    clock.set(T0);
    const kim = await contact({ name: 'Kim Quiet', stage: 'trusts' });
    expect(await itemsFor('keep_in_touch', kim.id, plus(T0, 60 * D - 1))).toHaveLength(0);
    const touch = await one('keep_in_touch', kim.id, plus(T0, 60 * D));
    expect(touch).toMatchObject({ rank: 10, urgency: 'today', dueAt: plus(T0, 60 * D) });
    expect(touch.why).toBe(
      'You have not been in touch with Kim Quiet since adding them 60 days ago (every 60 days).',
    );
    expect(await itemsFor('reconnect_quiet_source', kim.id, plus(T0, 90 * D - 1))).toHaveLength(0);
    const quiet = await one('reconnect_quiet_source', kim.id, plus(T0, 90 * D));
    expect(quiet).toMatchObject({ rank: 7, title: 'Reconnect with Kim Quiet' });
    // The quiet source replaces the keep-in-touch item for the same person.
    expect(await itemsFor('keep_in_touch', kim.id, plus(T0, 90 * D))).toHaveLength(0);
    clock.set(plus(T0, 90 * D));
    await perform(quiet.action);
    expect(await itemsFor('reconnect_quiet_source', kim.id)).toHaveLength(0);
    expect(await itemsFor('keep_in_touch', kim.id)).toHaveLength(0);

    // A partner's 30-day cadence, completed by logging a touch.
    clock.set(T0);
    const pia = await contact({ name: 'Pia Partner', stage: 'knows', roles: ['partner'] });
    expect(await itemsFor('keep_in_touch', pia.id, plus(T0, 30 * D - 1))).toHaveLength(0);
    clock.set(plus(T0, 31 * D));
    const due = await one('keep_in_touch', pia.id);
    expect(due.urgency).toBe('overdue');
    await perform(due.action);
    expect(await itemsFor('keep_in_touch', pia.id)).toHaveLength(0);
    expect(await itemsFor('keep_in_touch', pia.id, plus(T0, 61 * D))).toHaveLength(1);
  });

  it('8 give_back: a partner owed 2 or more; giving one back removes it', async () => {
    clock.set(T0);
    const gil = await contact({ name: 'Gil Giver', stage: 'knows', roles: ['partner'] });
    // The agenda and the ledger (GET /reciprocity) must agree on "owed" at every balance.
    const agreesWithLedger = async () => {
      const ledger = await ok<Reciprocity>(a.session, 'GET', '/reciprocity');
      const isOwed = ledger.items.find((i) => i.partner.id === gil.id)?.isOwed;
      expect((await itemsFor('give_back', gil.id)).length > 0).toBe(isOwed);
    };
    await agreesWithLedger();
    for (const [i, name] of ['First Person', 'Second Person'].entries()) {
      clock.set(plus(T0, i * H));
      await ok(a.session, 'POST', '/referrals', {
        referred: { name },
        referrer: { contactId: gil.id },
        channel: 'phone',
      });
      await agreesWithLedger();
    }
    expect(await itemsFor('give_back', gil.id, plus(T0, H - 1))).toHaveLength(0);
    const owed = await one('give_back', gil.id, plus(T0, H));
    expect(owed).toMatchObject({
      rank: 8,
      title: 'Find a referral for Gil Giver',
      action: { method: 'POST', path: '/referrals-given', body: { partnerId: gil.id } },
    });
    expect(owed.why).toContain('has sent you 2 referrals and received 0');
    clock.set(plus(T0, 2 * H));
    await perform(owed.action, { person: { name: 'Someone For Gil' } });
    expect(await itemsFor('give_back', gil.id)).toHaveLength(0);
    await agreesWithLedger();
  });

  it('11 grow_category: Mondays (or the week horizon), under target; dismissed for the week', async () => {
    clock.set(T0);
    const cpas = await ok<{ id: string }>(a.session, 'POST', '/categories', {
      name: 'Accountants',
    });
    await ok(a.session, 'PUT', '/most-wanted', { categoryIds: [cpas.id] });
    await contact({ name: 'Cpa One', stage: 'knows', categoryId: cpas.id });
    // Sunday 23:59:59.999 is not Monday; Monday 00:00 is.
    expect(await itemsFor('grow_category', cpas.id, '2026-03-01T23:59:59.999Z')).toHaveLength(0);
    const monday = await one('grow_category', cpas.id, '2026-03-02T00:00:00.000Z');
    expect(monday).toMatchObject({ rank: 11, title: 'Meet more Accountants', forWhom: null });
    expect(monday.why).toContain('1 of 5 relationships');
    const tuesday = '2026-03-03T10:00:00.000Z';
    expect(await itemsFor('grow_category', cpas.id, tuesday)).toHaveLength(0);
    expect(await itemsFor('grow_category', cpas.id, tuesday, 'horizon=week')).toHaveLength(1);
    await perform(monday.action);
    expect(await itemsFor('grow_category', cpas.id, T0)).toHaveLength(0);
    // Next Monday is another week: back.
    expect(await itemsFor('grow_category', cpas.id, plus(T0, 7 * D))).toHaveLength(1);
  });

  it('12 explain: a survey answer below 50 % until a meeting or call after it', async () => {
    clock.set(T0);
    const ed = await contact({ name: 'Ed Explain', stage: 'likes' });
    // The survey service is built in parallel (Part B); its table is written directly here.
    const surveyId = newId();
    const recipientId = newId();
    await ctx.deps.db
      .insertInto('survey')
      .values({ practice_id: a.practiceId, id: surveyId, created_by: null, created_at: T0 })
      .execute();
    await ctx.deps.db
      .insertInto('survey_recipient')
      .values({
        practice_id: a.practiceId,
        id: recipientId,
        survey_id: surveyId,
        contact_id: ed.id,
        token_hash: null,
        invited_at: T0,
        answered_at: plus(T0, H),
        answer: 'Something about consulting',
        score_percent: 33,
        matched_phrases: '["coaching"]',
        missed_phrases: '["small business","double income"]',
        entered_by: null,
        created_at: T0,
      })
      .execute();
    expect(await itemsFor('explain', recipientId, plus(T0, H - 1))).toHaveLength(0);
    // At exactly the threshold (50 %) an answer is not below it: the survey list and the
    // agenda must say the same for both answers.
    const atThreshold = newId();
    const fay = await contact({ name: 'Fay Fifty', stage: 'likes' });
    await ctx.deps.db
      .insertInto('survey_recipient')
      .values({
        practice_id: a.practiceId,
        id: atThreshold,
        survey_id: surveyId,
        contact_id: fay.id,
        token_hash: null,
        invited_at: T0,
        answered_at: plus(T0, H),
        answer: 'Coaching, I think',
        score_percent: 50,
        matched_phrases: '["coaching"]',
        missed_phrases: '["small business"]',
        entered_by: null,
        created_at: T0,
      })
      .execute();
    clock.set(plus(T0, H));
    const surveys = await ok<{ items: Survey[] }>(a.session, 'GET', '/surveys');
    const recipients = surveys.items.find((x) => x.id === surveyId)?.recipients ?? [];
    expect(recipients.map((r) => [r.id, r.isBelowThreshold]).sort()).toEqual(
      [
        [recipientId, true],
        [atThreshold, false],
      ].sort(),
    );
    for (const r of recipients)
      expect((await itemsFor('explain', r.id, plus(T0, H))).length > 0).toBe(r.isBelowThreshold);
    const explain = await one('explain', recipientId, plus(T0, H));
    expect(explain).toMatchObject({ rank: 12, title: 'Explain what you do to Ed Explain' });
    expect(explain.why).toContain('33% of your key phrases (below 50%)');
    expect(explain.why).toContain('missed: small business, double income');
    clock.set(plus(T0, 2 * H));
    await perform(explain.action);
    expect(await itemsFor('explain', recipientId)).toHaveLength(0);
  });

  it('most-wanted coverage and target agree in /most-wanted, /insights and grow_category', async () => {
    clock.set(T0);
    const category = (name: string) =>
      ok<{ id: string }>(a.session, 'POST', '/categories', { name });
    const own = await category('Architects');
    const plain = await category('Dentists');
    await ok(a.session, 'PATCH', `/categories/${own.id}`, { target: 2 });
    await ok(a.session, 'PUT', '/most-wanted', { categoryIds: [own.id, plain.id] });
    // Coverage counts stage knows and above: met does not count, knows and trusts do.
    for (const [name, stage] of [
      ['Arch Met', 'met'],
      ['Arch Knows', 'knows'],
      ['Arch Trusts', 'trusts'],
    ])
      await contact({ name, stage, categoryId: own.id });
    await contact({ name: 'Dent Met', stage: 'met', categoryId: plain.id });
    await contact({ name: 'Dent Likes', stage: 'likes', categoryId: plain.id });

    const list = await ok<MostWanted>(a.session, 'GET', '/most-wanted');
    const fromList = list.items.map((i) => ({
      category: { id: i.category.id, name: i.category.name },
      coverage: i.coverage,
      target: i.target,
    }));
    expect(fromList).toEqual([
      { category: { id: own.id, name: 'Architects' }, coverage: 2, target: 2 },
      { category: { id: plain.id, name: 'Dentists' }, coverage: 1, target: 5 },
    ]);
    const insights = await ok<{ mostWanted: unknown }>(a.session, 'GET', '/insights');
    expect(insights.mostWanted).toEqual(fromList);
    // The agenda suggests growing only the category under its target, with the same numbers.
    expect(await itemsFor('grow_category', own.id, T0)).toHaveLength(0);
    expect((await one('grow_category', plain.id, T0)).why).toContain('1 of 5 relationships');
  });

  it('orders by urgency, then rank, then due time, and counts by urgency', async () => {
    const agenda = await agendaAt(plus(T0, 100 * D), 'horizon=week');
    expect(agenda.items.length).toBeGreaterThan(3);
    const sorted = [...agenda.items].sort(compareItems);
    expect(agenda.items.map((i) => i.key)).toEqual(sorted.map((i) => i.key));
    const total = Object.values(agenda.counts).reduce((s, n) => s + n, 0);
    expect(total).toBe(agenda.items.length);
    const limited = await agendaAt(plus(T0, 100 * D), 'horizon=week&perKind=1');
    const kinds = limited.items.map((i) => i.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(limited.truncated.length).toBeGreaterThan(0);
  });

  it('snooze hides an item until its time; includeSnoozed shows it; the mark can be undone', async () => {
    clock.set(T0);
    const referral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Snoozy Person' },
      referrer: { unknown: true },
      channel: 'other',
    });
    const item = await one('respond', referral.id);
    const until = plus(T0, 2 * H);
    const res = await a.session.request('POST', `/agenda/${item.key}/snooze`, { until });
    expect(res.status).toBe(204);
    expect(await itemsFor('respond', referral.id)).toHaveLength(0);
    expect(await itemsFor('respond', referral.id, plus(until, -1))).toHaveLength(0);
    expect(await itemsFor('respond', referral.id, until)).toHaveLength(1);
    const shown = await itemsFor('respond', referral.id, undefined, 'includeSnoozed=true');
    expect(shown[0]?.snoozedUntil).toBe(until);
    expect((await a.session.request('DELETE', `/agenda/${item.key}/mark`)).status).toBe(204);
    expect(await itemsFor('respond', referral.id)).toHaveLength(1);
    expect((await a.session.request('DELETE', `/agenda/${item.key}/mark`)).status).toBe(404);
  });

  it('a snoozed item does not take a place of its kind: the page is not truncated for it', async () => {
    // A practice of its own, so that only these referrals need a response.
    clock.set(T0);
    const respondPage = async () => {
      const page = await ok<Agenda>(quiet.session, 'GET', `/agenda?perKind=1&at=${T0}`);
      return { shown: page.items.filter((i) => i.kind === 'respond').length, page };
    };
    const referral = () =>
      ok<ReferralDetail>(quiet.session, 'POST', '/referrals', {
        referred: { name: `Quiet ${newId()}` },
        referrer: { unknown: true },
        channel: 'other',
      });
    await referral();
    await referral();
    const before = await respondPage();
    expect(before.shown).toBe(1);
    expect(before.page.truncated).toContain('respond');
    const first = before.page.items.find((i) => i.kind === 'respond') as AgendaItem;
    const until = plus(T0, 2 * H);
    expect(
      (await quiet.session.request('POST', `/agenda/${first.key}/snooze`, { until })).status,
    ).toBe(204);
    // One item left to show for one place: nothing is cut off.
    const after = await respondPage();
    expect(after.shown).toBe(1);
    expect(after.page.truncated).not.toContain('respond');
  });

  it('calendar feed: a secret ICS of items with a due time; revoked → 404', async () => {
    clock.set(T0);
    const created = await a.session.json<{ id: string; url: string }>(
      'POST',
      '/calendar-feeds',
      {},
    );
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    expect(path).toMatch(/^\/api\/v1\/public\/calendar\/vcal_[A-Za-z0-9_-]+\.ics$/);
    const res = await ctx.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    const agenda = await agendaAt();
    // Items that would tell a referral's status stay out of feeds (tested below), timed or not.
    const timed = agenda.items.filter((i) => i.dueAt && !tellsReferralStatus(i));
    const untimed = agenda.items.filter((i) => !i.dueAt || tellsReferralStatus(i));
    expect(timed.length).toBeGreaterThan(0);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    for (const i of timed)
      expect(unfolded).toContain(`UID:${calendarUid(ctx.deps.config.secret, i.key)}`);
    for (const i of untimed)
      expect(unfolded).not.toContain(`UID:${calendarUid(ctx.deps.config.secret, i.key)}`);
    // Keyed: the plain digest of a key (which anyone can compute from a referral id) is not there.
    const { createHash } = await import('node:crypto');
    for (const i of timed)
      expect(unfolded).not.toContain(createHash('sha256').update(i.key).digest('hex').slice(0, 32));
    expect((unfolded.match(/BEGIN:VEVENT/g) ?? []).length).toBe(timed.length);

    const list = await ok<{ items: { id: string; revokedAt: string | null }[] }>(
      a.session,
      'GET',
      '/calendar-feeds',
    );
    expect(list.items.map((f) => f.id)).toContain(created.body.id);
    expect(JSON.stringify(list)).not.toContain('vcal_');
    // Another practice cannot revoke it or see it.
    expect((await b.session.request('DELETE', `/calendar-feeds/${created.body.id}`)).status).toBe(
      404,
    );
    expect((await ok<{ items: unknown[] }>(b.session, 'GET', '/calendar-feeds')).items).toEqual([]);
    // Revoked by several requests at once: each answers 204, and one audit row says so.
    const revokes = await Promise.all(
      Array.from({ length: 5 }, () =>
        a.session.request('DELETE', `/calendar-feeds/${created.body.id}`),
      ),
    );
    expect(revokes.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    const revokedRows = await ctx.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', created.body.id)
      .where('action', '=', 'calendar_feed.revoked')
      .execute();
    expect(revokedRows).toHaveLength(1);
    const revoked = await ctx.app.request(path);
    expect(revoked.status).toBe(404);
    const wrong = await ctx.app.request(path.replace(/vcal_.{4}/, 'vcal_AAAA'));
    expect(wrong.status).toBe(404);
    const wrongBody = await wrong.text();
    expect(wrongBody).toBe(await revoked.text());
    expect(wrongBody).not.toContain('Harbor');
    expect((await ctx.app.request('/api/v1/public/calendar/nonsense')).status).toBe(404);
  });

  it('calendar feed: names the action and the referrer only; overdue at today; links to the item', async () => {
    clock.set(T0);
    const referral = await referralFrom('Sarah Lee', 'Aisha Zebulon-Patel', {
      channel: 'phone',
      need: 'panic attacks at work',
    });
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'client' });
    const partner = await contact({ name: 'Paula Partner', roles: ['partner'] });
    await ok<ReferralGiven>(a.session, 'POST', '/referrals-given', {
      person: { name: 'Luis Brennan' },
      partnerId: partner.id,
      reason: 'needs a divorce lawyer',
    });
    const created = await ok<{ id: string; url: string }>(a.session, 'POST', '/calendar-feeds', {});
    // Three days later: the thank-you is overdue, the check-in not yet due.
    clock.set(plus(T0, 3 * D));
    const res = await ctx.app.request(new URL(created.url).pathname);
    const ics = (await res.text()).replace(/\r\n[ \t]/g, '');
    for (const secret of ['Aisha', 'Zebulon', 'Patel', 'panic', 'Luis', 'Brennan', 'divorce'])
      expect(ics).not.toContain(secret);
    expect(ics).not.toMatch(/client|trust|conversion/i);
    expect(ics).toContain('SUMMARY:Thank Sarah Lee for a referral');
    // Overdue since the 4th: all day on today, the 5th; the link opens the referral.
    const events = ics.split('BEGIN:VEVENT').slice(1);
    const thank = events.find((e) =>
      e.includes(`UID:${calendarUid(ctx.deps.config.secret, `thank:${referral.id}:referral`)}`),
    );
    expect(thank).toContain('DTSTART;VALUE=DATE:20260305');
    // §3.2: with consent Today offers the conversion thank-you and the update, but a feed is a
    // third party: their times would tell it the referral moved on, so neither is in it.
    const consented = await referralFrom('Sarah Lee', 'Carla Consent', {
      channel: 'phone',
      consentToUpdate: true,
    });
    await ok(a.session, 'POST', `/referrals/${consented.id}/status`, { status: 'client' });
    const told = (await agendaAt(plus(T0, 3 * D))).items.filter(
      (i) => i.key === `thank:${consented.id}:conversion` || i.kind === 'update_referrer',
    );
    expect(told.map((i) => i.key)).toContain(`thank:${consented.id}:conversion`);
    const feed = (await (await ctx.app.request(new URL(created.url).pathname)).text()).replace(
      /\r\n[ \t]/g,
      '',
    );
    for (const i of told)
      expect(feed).not.toContain(`UID:${calendarUid(ctx.deps.config.secret, i.key)}`);
    expect(thank).toContain(
      `URL;VALUE=URI:${ctx.deps.config.baseUrl.replace(/\/$/, '')}/referrals/${referral.id}`,
    );
    clock.set(T0);
  });

  it('calendar feed: rotate gives a new URL shown once; the old one 404s at once; both audited', async () => {
    clock.set(T0);
    const created = await ok<{ id: string; url: string }>(a.session, 'POST', '/calendar-feeds', {});
    const oldPath = new URL(created.url).pathname;
    expect((await ctx.app.request(oldPath)).status).toBe(200);
    expect(
      (await b.session.request('POST', `/calendar-feeds/${created.id}/rotate`, {})).status,
    ).toBe(404);
    const rotated = await ok<{ id: string; url: string }>(
      a.session,
      'POST',
      `/calendar-feeds/${created.id}/rotate`,
      {},
    );
    expect(rotated.id).toBe(created.id);
    expect(rotated.url).not.toBe(created.url);
    expect((await ctx.app.request(oldPath)).status).toBe(404);
    expect((await ctx.app.request(new URL(rotated.url).pathname)).status).toBe(200);
    expect(JSON.stringify(await ok(a.session, 'GET', '/calendar-feeds'))).not.toContain('vcal_');
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('practice_id', '=', a.practiceId)
      .where('subject_id', '=', created.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(audits.map((r) => r.action)).toEqual(['calendar_feed.created', 'calendar_feed.rotated']);
    expect(JSON.stringify(audits)).not.toContain('vcal_');
    expect((await a.session.request('DELETE', `/calendar-feeds/${created.id}`)).status).toBe(204);
    expect(
      (await a.session.request('POST', `/calendar-feeds/${created.id}/rotate`, {})).status,
    ).toBe(404);
    expect((await ctx.app.request(new URL(rotated.url).pathname)).status).toBe(404);
  });

  it('refuses bad input with 400/404 and changes nothing', async () => {
    clock.set(T0);
    const referral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Bad Input' },
      referrer: { unknown: true },
      channel: 'other',
    });
    const key = (await one('respond', referral.id)).key;
    const before = await countRows(ctx.deps);
    const cases: [string, string, unknown, number][] = [
      ['GET', '/agenda?at=yesterday', undefined, 400],
      ['GET', '/agenda?perKind=0', undefined, 400],
      ['GET', '/agenda?horizon=month', undefined, 400],
      ['GET', '/agenda?includeSnoozed=maybe', undefined, 400],
      ['GET', '/agenda?surprise=1', undefined, 400],
      ['POST', `/agenda/${key}/snooze`, {}, 400],
      ['POST', `/agenda/${key}/snooze`, { until: plus(T0, -1) }, 400],
      ['POST', `/agenda/${key}/snooze`, { until: T0 }, 400],
      ['POST', `/agenda/${key}/snooze`, { until: 'tomorrow' }, 400],
      ['POST', `/agenda/${key}/snooze`, { until: plus(T0, 400 * D) }, 400],
      ['POST', `/agenda/${key}/snooze`, { until: plus(T0, H), extra: 1 }, 400],
      ['POST', `/agenda/${key}/dismiss`, {}, 400],
      ['POST', `/agenda/${key}/dismiss`, { reason: '   ' }, 400],
      ['POST', `/agenda/${key}/dismiss`, { reason: 'x'.repeat(501) }, 400],
      ['POST', '/agenda/not a key/dismiss', { reason: 'x' }, 400],
      ['POST', '/agenda/bogus_kind:abc/dismiss', { reason: 'x' }, 404],
      ['POST', `/agenda/respond:${newId()}:1/dismiss`, { reason: 'x' }, 404],
      ['DELETE', `/agenda/${key}/mark`, undefined, 404],
      ['POST', '/calendar-feeds', { name: 'x' }, 400],
      ['DELETE', `/calendar-feeds/${newId()}`, undefined, 404],
      ['DELETE', '/calendar-feeds/bad%20id', undefined, 400],
      ['POST', `/calendar-feeds/${newId()}/rotate`, {}, 404],
      ['POST', '/calendar-feeds/bad%20id/rotate', {}, 400],
      ['POST', `/calendar-feeds/${newId()}/rotate`, { url: 'x' }, 400],
    ];
    for (const [method, url, body, status] of cases) {
      const res = await a.session.request(method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      if (status >= 400) expect(res.headers.get('content-type')).toContain('problem+json');
    }
    const noJson = await a.session.request('POST', `/agenda/${key}/dismiss`, 'reason=x', {
      'content-type': 'text/plain',
    });
    expect(noJson.status).toBe(415);
    expect(await countRows(ctx.deps)).toEqual(before);
    for (const [method, url] of [
      ['GET', '/agenda'],
      ['POST', `/agenda/${key}/dismiss`],
      ['GET', '/calendar-feeds'],
      ['POST', `/calendar-feeds/${newId()}/rotate`],
    ] as const) {
      const res = await caller(ctx).request(method, url, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${url} without sign-in`).toBe(401);
    }
  });

  it("never shows or marks another practice's items", async () => {
    clock.set(T0);
    const referral = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Private Person' },
      referrer: { unknown: true },
      channel: 'other',
    });
    const key = (await one('respond', referral.id)).key;
    const theirs = await ok<Agenda>(b.session, 'GET', '/agenda?horizon=week');
    expect(theirs.items.map((i) => i.subject.id)).not.toContain(referral.id);
    expect(JSON.stringify(theirs)).not.toContain('Private Person');
    const before = await countRows(ctx.deps);
    for (const [method, url, body] of [
      ['POST', `/agenda/${key}/snooze`, { until: plus(T0, H) }],
      ['POST', `/agenda/${key}/dismiss`, { reason: 'not mine' }],
      ['DELETE', `/agenda/${key}/mark`, undefined],
    ] as const) {
      const res = await b.bearer.request(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect(await countRows(ctx.deps)).toEqual(before);
    // A's own dismissal is not B's to undo.
    await ok(a.session, 'POST', `/agenda/${key}/dismiss`, { reason: 'handled' });
    expect((await b.session.request('DELETE', `/agenda/${key}/mark`)).status).toBe(404);
    expect(await itemsFor('respond', referral.id)).toHaveLength(0);
  });
});
