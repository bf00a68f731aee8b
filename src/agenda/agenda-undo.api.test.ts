import { describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { dayMs as D, hourMs as H } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, testTargets } from '../test-support/testing.ts';
import type { AgendaItemOut as AgendaItem } from './agenda.service.ts';

type Agenda = { items: (AgendaItem & { snoozedUntil?: string })[] };
type Result = { count: number; keys: string[]; undoId: string | null };

// A Monday, 09:00 UTC (the practice's time zone is UTC).
const T0 = '2026-03-02T09:00:00.000Z';
const plus = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/**
 * Issue 11 §9 and §10: what a one-key action, a snooze, a dismissal or a bulk action on Today
 * recorded is taken back by its undo, leaving the data as it was; bulk actions are one
 * transaction.
 */
/** A referral as it was before an action, but for updated_at: an undo is a change too. */
const asBefore = <T extends object>(before: T) => ({ ...before, updatedAt: expect.any(String) });

describe.each(testTargets)('agenda undo and bulk actions on %s', (target) => {
  const clock = fixedClock(T0);
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Undo Practice', 'Elsewhere Practice']);

  const agenda = (query = '') => ok<Agenda>(a.session, 'GET', `/agenda?perKind=500${query}`);
  const itemsFor = async (kind: string, subjectId: string, query = '') =>
    (await agenda(query)).items.filter((i) => i.kind === kind && i.subject.id === subjectId);
  const one = async (kind: string, subjectId: string) => {
    const found = await itemsFor(kind, subjectId);
    expect(found, `${kind} for ${subjectId}`).toHaveLength(1);
    return found[0] as AgendaItem;
  };
  const contact = (body: Record<string, unknown>) =>
    ok<ContactDetail>(a.session, 'POST', '/contacts', body);
  const referralFrom = async (referrer: string, referred: string, more: object = {}) => {
    const from = await contact({ name: referrer, stage: 'likes' });
    return ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: referred },
      referrer: { contactId: from.id },
      channel: 'phone',
      ...more,
    });
  };
  const referral = (id: string) => ok<ReferralDetail>(a.session, 'GET', `/referrals/${id}`);
  const doItem = (key: string, which?: 'secondary') =>
    ok<Result>(a.session, 'POST', `/agenda/${key}/do`, which ? { which } : {});
  const undo = (id: string | null) => a.session.request('POST', `/agenda/undo/${id}`, {});
  const auditCount = async (action: string) =>
    (await ctx.deps.db.selectFrom('audit_log').select('id').where('action', '=', action).execute())
      .length;

  it('undo(do(respond)) leaves the referral and its history as they were; the item is back', async () => {
    clock.set(T0);
    const r = await referralFrom('Ada Source', 'Ben Needs');
    clock.set(plus(T0, 30 * H));
    const item = await one('respond', r.id);
    expect(item.urgency).toBe('overdue');
    const before = await referral(r.id);
    const rowsBefore = await countRows(ctx.deps);

    const done = await doItem(item.key);
    expect(done).toMatchObject({ count: 1, keys: [item.key] });
    expect((await referral(r.id)).status).toBe('contacted');
    expect(await itemsFor('respond', r.id)).toHaveLength(0);

    expect((await undo(done.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));
    expect(await one('respond', r.id)).toEqual(item);
    // Only the undo's own row is left (agenda_undo): no history row, no status.
    const rowsAfter = await countRows(ctx.deps);
    expect({ ...rowsAfter, agenda_undo: 0 }).toEqual({ ...rowsBefore, agenda_undo: 0 });

    // A second undo is a conflict and changes nothing.
    await expectProblem(await undo(done.undoId), 409, 'conflict');
    expect(await referral(r.id)).toEqual(asBefore(before));
  });

  it('undo of a referrer update (Enter on Today) removes it and is audited, as the update was', async () => {
    clock.set(T0);
    const r = await referralFrom('Cy Teller', 'Di Consent', { consentToUpdate: true });
    clock.set(plus(T0, H));
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const item = await one('update_referrer', r.id);
    const before = await referral(r.id);
    const [told, undone] = [
      await auditCount('referral.referrer_updated'),
      await auditCount('referral.referrer_update_undone'),
    ];
    const done = await doItem(item.key);
    expect((await referral(r.id)).events.length).toBe(before.events.length + 1);
    expect(await auditCount('referral.referrer_updated')).toBe(told + 1);
    expect(await itemsFor('update_referrer', r.id)).toHaveLength(0);

    expect((await undo(done.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));
    expect(await one('update_referrer', r.id)).toEqual(item);
    expect(await auditCount('referral.referrer_update_undone')).toBe(undone + 1);
  });

  it('undo of a thank-you and of a logged touch; a change since makes the undo a conflict', async () => {
    clock.set(T0);
    const r = await referralFrom('Eve Thanks', 'Fay Person');
    const thank = await one('thank', r.id);
    const before = await referral(r.id);
    const done = await doItem(thank.key);
    expect((await referral(r.id)).thanks.referral.thankedAt).not.toBeNull();
    expect((await undo(done.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));

    // Done again, then the referral moves on: undoing would lose that change.
    const again = await doItem(thank.key);
    clock.set(plus(T0, H));
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const moved = await referral(r.id);
    await expectProblem(await undo(again.undoId), 409, 'conflict');
    expect(await referral(r.id)).toEqual(moved);

    clock.set(T0);
    const pia = await contact({ name: 'Pia Partner', stage: 'knows', roles: ['partner'] });
    clock.set(plus(T0, 31 * D));
    const touch = await one('keep_in_touch', pia.id);
    const contactBefore = await ok<ContactDetail>(a.session, 'GET', `/contacts/${pia.id}`);
    const logged = await doItem(touch.key);
    const touches = await ok<{ items: unknown[] }>(
      a.session,
      'GET',
      `/contacts/${pia.id}/interactions`,
    );
    expect(touches.items).toHaveLength(1);
    expect(await itemsFor('keep_in_touch', pia.id)).toHaveLength(0);
    expect((await undo(logged.undoId)).status).toBe(204);
    expect(await ok(a.session, 'GET', `/contacts/${pia.id}/interactions`)).toEqual({ items: [] });
    expect(await ok(a.session, 'GET', `/contacts/${pia.id}`)).toEqual(contactBefore);
    expect(await one('keep_in_touch', pia.id)).toEqual(touch);
  });

  it('undo of a partner notified; a kind Today cannot take back is 422; an item no longer listed is 409', async () => {
    clock.set(T0);
    const lee = await contact({ name: 'Lee Partner', stage: 'knows', roles: ['partner'] });
    const given = await ok<{ id: string }>(a.session, 'POST', '/referrals-given', {
      person: { name: 'Ann Park' },
      partnerId: lee.id,
    });
    const notify = await one('notify_partner', given.id);
    expect(notify.undoable).toBe(true);
    const givenBefore = await ok(a.session, 'GET', `/referrals-given/${given.id}`);
    const notified = await doItem(notify.key);
    expect(await itemsFor('notify_partner', given.id)).toHaveLength(0);
    expect((await undo(notified.undoId)).status).toBe(204);
    expect(await one('notify_partner', given.id)).toEqual(notify);
    const { updatedAt: _u1, ...restBefore } = givenBefore as { updatedAt: string };
    const { updatedAt: _u2, ...restAfter } = (await ok(
      a.session,
      'GET',
      `/referrals-given/${given.id}`,
    )) as { updatedAt: string };
    expect(restAfter).toEqual(restBefore);

    // "Find a referral for …" is done through its own form: 422, nothing written.
    const gil = await contact({ name: 'Gil Giver', stage: 'knows', roles: ['partner'] });
    for (const name of ['First Person', 'Second Person'])
      await ok(a.session, 'POST', '/referrals', {
        referred: { name },
        referrer: { contactId: gil.id },
        channel: 'phone',
      });
    const owed = await one('give_back', gil.id);
    expect(owed.undoable).toBe(false);
    const rows = await countRows(ctx.deps);
    await expectProblem(
      await a.session.request('POST', `/agenda/${owed.key}/do`, {}),
      422,
      'unprocessable',
      ['key'],
    );
    expect(await countRows(ctx.deps)).toEqual(rows);

    clock.set(T0);
    const r = await referralFrom('Gus Gone', 'Hal Done');
    const thank = await one('thank', r.id);
    await ok(a.session, 'POST', `/referrals/${r.id}/thanks`, { kind: 'referral' });
    const afterThanks = await countRows(ctx.deps);
    await expectProblem(
      await a.session.request('POST', `/agenda/${thank.key}/do`, {}),
      409,
      'conflict',
    );
    expect(await countRows(ctx.deps)).toEqual(afterThanks);
  });

  it('undo of a commitment reminder and of a release puts the commitment back; a later change is 409', async () => {
    clock.set(T0);
    const jo = await contact({ name: 'Jo Park', stage: 'trusts' });
    const { commitment } = await ok<{ commitment: { id: string } }>(
      a.session,
      'POST',
      `/contacts/${jo.id}/commitments`,
      { promisedCount: 5 },
    );
    clock.set(plus(T0, 14 * D));
    const commitmentNow = () => ok<object>(a.session, 'GET', `/commitments/${commitment.id}`);
    const before = await commitmentNow();
    const remind = await one('remind_commitment', commitment.id);
    expect(remind.undoable).toBe(true);

    const reminded = await doItem(remind.key);
    expect(await commitmentNow()).toMatchObject({ remindersSent: 1 });
    expect(await itemsFor('remind_commitment', commitment.id)).toHaveLength(0);
    expect((await undo(reminded.undoId)).status).toBe(204);
    expect(await commitmentNow()).toEqual(asBefore(before));
    expect(await one('remind_commitment', commitment.id)).toEqual(remind);

    const released = await doItem(remind.key, 'secondary');
    expect(await commitmentNow()).toMatchObject({ status: 'released' });
    expect((await undo(released.undoId)).status).toBe(204);
    expect(await commitmentNow()).toEqual(asBefore(before));

    // Changed again after the action: the undo would overwrite that, so it is refused.
    const again = await doItem(remind.key);
    clock.set(plus(T0, 14 * D + H));
    await ok(a.session, 'PATCH', `/commitments/${commitment.id}`, { promisedCount: 4 });
    const rows = await countRows(ctx.deps);
    await expectProblem(await undo(again.undoId), 409, 'conflict');
    expect(await countRows(ctx.deps)).toEqual(rows);
    expect(await commitmentNow()).toMatchObject({ remindersSent: 1, promisedCount: 4 });
  });

  it('undo of "Log the ask" deletes the ask and the item is back; an ask given an outcome since is 409', async () => {
    clock.set(T0);
    const maria = await contact({ name: 'Maria Gomez', stage: 'likes' });
    await ok(a.session, 'POST', `/contacts/${maria.id}/moments`, { kind: 'project_completed' });
    const asks = async () =>
      (await ok<{ items: { id: string }[] }>(a.session, 'GET', `/contacts/${maria.id}/asks`)).items;
    const ask = await one('ask', maria.id);
    expect(ask.undoable).toBe(true);
    const rows = await countRows(ctx.deps);

    const logged = await doItem(ask.key);
    expect(await asks()).toHaveLength(1);
    expect(await itemsFor('ask', maria.id)).toHaveLength(0);
    expect((await undo(logged.undoId)).status).toBe(204);
    expect(await asks()).toHaveLength(0);
    expect(await one('ask', maria.id)).toEqual(ask);
    const { agenda_undo: _undos, ...rest } = await countRows(ctx.deps);
    const { agenda_undo: _undosBefore, ...restBefore } = rows;
    expect(rest).toEqual(restBefore);

    const again = await doItem(ask.key);
    const [made] = await asks();
    await ok(a.session, 'PATCH', `/asks/${made?.id}`, { outcome: 'committed', note: null });
    await expectProblem(await undo(again.undoId), 409, 'conflict');
    expect(await asks()).toHaveLength(1);
  });

  it("the referral's and the commitment's own one-click buttons (POST /agenda/actions) are undone the same way", async () => {
    clock.set(T0);
    const r = await referralFrom('Eve Page', 'Fay Thanked', { consentToUpdate: true });
    clock.set(plus(T0, H));
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const before = await referral(r.id);
    const act = (path: string, body?: object) =>
      ok<Result>(a.session, 'POST', '/agenda/actions', { method: 'POST', path, body });

    const thanked = await act(`/referrals/${r.id}/thanks`, { kind: 'referral' });
    expect(thanked).toMatchObject({ count: 1, keys: [], undoId: expect.any(String) });
    expect((await referral(r.id)).thanks.referral.state).toBe('done');
    expect((await undo(thanked.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));

    const told = await act(`/referrals/${r.id}/referrer-updates`);
    expect((await referral(r.id)).referrerUpdate.toldStatus).toBe('contacted');
    expect((await undo(told.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));

    // The same rules as the path itself: a second thank-you for the same referral is refused.
    await act(`/referrals/${r.id}/thanks`, { kind: 'referral' });
    const rows = await countRows(ctx.deps);
    await expectProblem(
      await a.session.request('POST', '/agenda/actions', {
        method: 'POST',
        path: `/referrals/${r.id}/thanks`,
        body: { kind: 'referral' },
      }),
      409,
      'conflict',
    );
    expect(await countRows(ctx.deps)).toEqual(rows);
  });

  it('bulk done of two items of one referral is undone as one, even when the clock moved on', async () => {
    clock.set(T0);
    const r = await referralFrom('Pam Both', 'Quin Both');
    const respond = await one('respond', r.id);
    const thank = await one('thank', r.id);
    const before = await referral(r.id);
    const done = await ok<Result>(a.session, 'POST', '/agenda/items/bulk', {
      action: 'done',
      keys: [respond.key, thank.key],
    });
    expect((await referral(r.id)).status).toBe('contacted');
    clock.set(plus(T0, 5 * 60_000));
    expect((await undo(done.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(before));
    expect((await one('respond', r.id)).key).toBe(respond.key);
  });

  it("undoing a snooze leaves a later dismissal (a teammate's) as it is", async () => {
    clock.set(T0);
    const r = await referralFrom('Rae Later', 'Sol Later');
    const key = (await one('respond', r.id)).key;
    const snoozed = await ok<Result>(a.session, 'POST', '/agenda/items/bulk', {
      action: 'snooze',
      keys: [key],
      until: plus(T0, 2 * H),
    });
    clock.set(plus(T0, 60_000));
    await ok(a.session, 'POST', `/agenda/${key}/dismiss`, { reason: 'Handled by phone' });
    expect((await undo(snoozed.undoId)).status).toBe(204);
    expect(await itemsFor('respond', r.id, '&includeSnoozed=true')).toHaveLength(0);
  });

  it('an action more than a day old can no longer be undone (409), and old undos are purged', async () => {
    clock.set(T0);
    const r = await referralFrom('Tia Old', 'Uri Old');
    const done = await doItem((await one('respond', r.id)).key);
    clock.set(plus(T0, D + 60_000));
    await expectProblem(await undo(done.undoId), 409, 'conflict');
    expect((await referral(r.id)).status).toBe('contacted');
    // The next action of the practice sweeps the undos past their window.
    const other = await referralFrom('Vi New', 'Wu New');
    await doItem((await one('respond', other.id)).key);
    const kept = await ctx.deps.db
      .selectFrom('agenda_undo')
      .select('id')
      .where('id', '=', done.undoId ?? '')
      .execute();
    expect(kept).toHaveLength(0);
  });

  it('reopen through POST /agenda/actions is undone; a referral-given action sets exactly one time', async () => {
    clock.set(T0);
    const r = await referralFrom('Xan Reopen', 'Yul Reopen');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'declined' });
    const closed = await referral(r.id);
    const reopened = await ok<Result>(a.session, 'POST', '/agenda/actions', {
      method: 'POST',
      path: `/referrals/${r.id}/reopen`,
    });
    expect((await referral(r.id)).status).toBe('new');
    expect((await undo(reopened.undoId)).status).toBe(204);
    expect(await referral(r.id)).toEqual(asBefore(closed));

    const lee = await contact({ name: 'Zed Partner', stage: 'knows', roles: ['partner'] });
    const given = await ok<{ id: string }>(a.session, 'POST', '/referrals-given', {
      person: { name: 'Amy Given' },
      partnerId: lee.id,
    });
    const rows = await countRows(ctx.deps);
    for (const body of [{ reason: 'changed' }, { partnerNotifiedAt: T0, checkedInAt: T0 }, {}])
      await expectProblem(
        await a.session.request('POST', '/agenda/actions', {
          method: 'PATCH',
          path: `/referrals-given/${given.id}`,
          body,
        }),
        400,
        'validation',
      );
    expect(await countRows(ctx.deps)).toEqual(rows);
  });

  it("another practice's item or undo is a 404 that writes nothing", async () => {
    clock.set(T0);
    const r = await referralFrom('Ivy Own', 'Jon Private');
    const item = await one('respond', r.id);
    const done = await doItem(item.key);
    const rows = await countRows(ctx.deps);
    await expectProblem(
      await b.session.request('POST', `/agenda/undo/${done.undoId}`, {}),
      404,
      'not_found',
    );
    await expectProblem(
      await b.bearer.request('POST', `/agenda/${item.key}/do`, {}),
      404,
      'not_found',
    );
    await expectProblem(
      await b.session.request('POST', '/agenda/items/bulk', {
        action: 'dismiss',
        keys: [item.key],
        reason: 'not mine',
      }),
      404,
      'not_found',
    );
    expect(await countRows(ctx.deps)).toEqual(rows);
    expect((await referral(r.id)).status).toBe('contacted');
    expect((await undo(done.undoId)).status).toBe(204);
  });

  it('erasing the referred person deletes the undo that names their referral (§8)', async () => {
    clock.set(T0);
    const r = await referralFrom('Kit Keeps', 'Lou Erased');
    const item = await one('respond', r.id);
    const done = await doItem(item.key);
    const naming = () =>
      ctx.deps.db
        .selectFrom('agenda_undo')
        .select('id')
        .where('steps', 'like', `%${r.id}%`)
        .execute();
    expect(await naming()).toHaveLength(1);
    const referredId = r.referred?.id ?? '';
    expect(referredId).not.toBe('');
    expect((await a.session.request('DELETE', `/contacts/${referredId}`)).status).toBe(204);
    expect(await naming()).toHaveLength(0);
    await expectProblem(await undo(done.undoId), 404, 'not_found');
  });

  it('bulk snooze and dismiss: one request, one undo that restores each mark as it was', async () => {
    clock.set(T0);
    const r1 = await referralFrom('Kay One', 'Lu One');
    const r2 = await referralFrom('May Two', 'Ned Two');
    const k1 = (await one('respond', r1.id)).key;
    const k2 = (await one('respond', r2.id)).key;
    // k1 was snoozed already: after the bulk dismissal's undo it is snoozed again.
    await ok(a.session, 'POST', '/agenda/items/bulk', {
      action: 'snooze',
      keys: [k1],
      until: plus(T0, 2 * H),
    });
    const snoozed = (await itemsFor('respond', r1.id, '&includeSnoozed=true'))[0];
    expect(snoozed?.snoozedUntil).toBe(plus(T0, 2 * H));

    const dismissed = await ok<Result>(a.session, 'POST', '/agenda/items/bulk', {
      action: 'dismiss',
      keys: [k1, k2, k2],
      reason: 'Handled elsewhere',
    });
    expect(dismissed.count).toBe(2);
    expect(await itemsFor('respond', r1.id, '&includeSnoozed=true')).toHaveLength(0);
    expect(await itemsFor('respond', r2.id)).toHaveLength(0);

    expect((await undo(dismissed.undoId)).status).toBe(204);
    expect((await itemsFor('respond', r1.id, '&includeSnoozed=true'))[0]?.snoozedUntil).toBe(
      plus(T0, 2 * H),
    );
    expect(await itemsFor('respond', r2.id)).toHaveLength(1);
  });

  it('dismiss all older than N days: only items overdue for longer, in one transaction, undoable', async () => {
    clock.set(T0);
    const old = await referralFrom('Old Source', 'Old Person');
    clock.set(plus(T0, 40 * D));
    const recent = await referralFrom('New Source', 'New Person');
    clock.set(plus(T0, 41 * D));
    const all = (await agenda()).items;
    const older = all.filter(
      (i) => i.urgency === 'overdue' && i.dueAt && Date.parse(i.dueAt) < Date.parse(T0) + 11 * D,
    );
    expect(older.map((i) => i.subject.id)).toContain(old.id);
    const result = await ok<Result>(a.session, 'POST', '/agenda/items/bulk', {
      action: 'dismiss',
      olderThanDays: 30,
      reason: 'Backlog cleared',
    });
    expect(result.keys.sort()).toEqual(older.map((i) => i.key).sort());
    expect(await itemsFor('respond', old.id)).toHaveLength(0);
    expect(await itemsFor('thank', old.id)).toHaveLength(0);
    expect(await itemsFor('respond', recent.id)).toHaveLength(1);
    expect((await undo(result.undoId)).status).toBe(204);
    expect((await agenda()).items).toEqual(all);
  });

  it('bulk done (mark thanked) does every item in one transaction: one refusal refuses all', async () => {
    clock.set(T0);
    const r1 = await referralFrom('Oli Thanks', 'Pam One');
    const r2 = await referralFrom('Quin Thanks', 'Rae Two');
    const t1 = await one('thank', r1.id);
    const t2 = await one('thank', r2.id);
    const [before1, before2] = [await referral(r1.id), await referral(r2.id)];
    // r2 thanked by hand meanwhile: the bulk action refuses, and r1 is not thanked either.
    await ok(a.session, 'POST', `/referrals/${r2.id}/thanks`, { kind: 'referral' });
    await expectProblem(
      await a.session.request('POST', '/agenda/items/bulk', {
        action: 'done',
        keys: [t1.key, t2.key],
      }),
      409,
      'conflict',
    );
    expect(await referral(r1.id)).toEqual(before1);
    const r3 = await referralFrom('Sol Thanks', 'Tia Three');
    const t3 = await one('thank', r3.id);
    const done = await ok<Result>(a.session, 'POST', '/agenda/items/bulk', {
      action: 'done',
      keys: [t1.key, t3.key],
    });
    expect(done.count).toBe(2);
    expect((await referral(r1.id)).thanks.referral.thankedAt).not.toBeNull();
    expect((await referral(r3.id)).thanks.referral.thankedAt).not.toBeNull();
    const before3 = await referral(r3.id);
    expect((await undo(done.undoId)).status).toBe(204);
    expect(await referral(r1.id)).toEqual(before1);
    expect((await referral(r3.id)).thanks.referral.thankedAt).toBeNull();
    expect(before3.thanks.referral.thankedAt).not.toBeNull();
    expect(before2.thanks.referral.thankedAt).toBeNull();
  });

  it('refuses bad bulk input with a 400 naming the field, writing nothing', async () => {
    clock.set(T0);
    const r = await referralFrom('Uma Bad', 'Vic Input');
    const key = (await one('respond', r.id)).key;
    const rows = await countRows(ctx.deps);
    const cases: [unknown, string][] = [
      [{ action: 'dismiss', reason: 'x' }, 'keys'],
      [{ action: 'dismiss', keys: [key], olderThanDays: 30, reason: 'x' }, 'keys'],
      [{ action: 'dismiss', keys: [key] }, 'reason'],
      [{ action: 'dismiss', keys: [key], reason: '   ' }, 'reason'],
      [{ action: 'snooze', keys: [key] }, 'until'],
      [{ action: 'snooze', keys: [key], until: plus(T0, -H) }, 'until'],
      [{ action: 'snooze', keys: [key], until: plus(T0, 400 * D) }, 'until'],
      [{ action: 'dismiss', keys: [key], reason: 'x', until: plus(T0, H) }, 'until'],
      [{ action: 'done', olderThanDays: 30 }, 'olderThanDays'],
      [{ action: 'dismiss', olderThanDays: 0, reason: 'x' }, 'olderThanDays'],
      [{ action: 'dismiss', olderThanDays: 2.5, reason: 'x' }, 'olderThanDays'],
      [{ action: 'dismiss', keys: [], reason: 'x' }, 'keys'],
      [{ action: 'dismiss', keys: ['not a key'], reason: 'x' }, 'keys.0'],
      [{ action: 'thank', keys: [key] }, 'action'],
    ];
    for (const [body, field] of cases) {
      const res = await a.session.request('POST', '/agenda/items/bulk', body);
      await expectProblem(res, 400, 'validation', [field]);
    }
    await expectProblem(await undo('no-such-undo'), 404, 'not_found');
    expect(await countRows(ctx.deps)).toEqual(rows);
  });
});
