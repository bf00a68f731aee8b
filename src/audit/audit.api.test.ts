import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, cliEnv, seedMember, seedPractice, testTargets } from '../test-support/testing.ts';
import type { AuditPage } from './audit.schemas.ts';
import { verifyAuditChains } from './audit.service.ts';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../cli.ts');
const T0 = '2026-03-02T09:00:00.000Z';

describe.each(testTargets)('audit log on %s', (target) => {
  const clock = fixedClock(T0);

  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Audited', 'Other']);

  /** A practice whose chain has at least `n` links (tokens are audited), for tampering. */
  async function chainOf(n: number): Promise<string> {
    const p = await seedPractice(ctx, 'Tampered');
    for (let i = 0; i < n; i += 1) await ok(p.session, 'POST', '/tokens', { name: `t${i}` });
    await ok(p.session, 'PATCH', '/practice', { profession: 'coach' });
    return p.practiceId;
  }
  const verify = (practiceId?: string) => verifyAuditChains(ctx.deps, { practiceId });

  it('audits a profession change and an incentive created, disclosed and delivered', async () => {
    await ok(a.session, 'PATCH', '/practice', { name: 'Still Audited' });
    await ok(a.session, 'PATCH', '/practice', { profession: 'attorney' });
    const lee = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Lee' });
    const incentive = await ok<{ id: string }>(a.session, 'POST', '/incentives', {
      kind: 'thank_you_note',
      recipient: 'referrer',
      recipientContactId: lee.id,
    });
    await ok(a.session, 'POST', `/incentives/${incentive.id}/disclosure`, {
      method: 'written',
      note: 'Told Lee in writing',
    });
    await ok(a.bearer, 'POST', `/incentives/${incentive.id}/deliver`, {});

    const page = await ok<AuditPage>(a.session, 'GET', '/audit?limit=4');
    expect(page.items.map((e) => e.action)).toEqual([
      'incentive.delivered',
      'incentive.disclosure_recorded',
      'incentive.created',
      'practice.profession_changed',
    ]);
    const owner = { id: a.userId, name: 'Audited Owner' };
    expect(page.items[0]).toMatchObject({ user: owner, subjectType: 'incentive', at: T0 });
    expect(page.items[1]?.detail).toEqual({ method: 'written' });
    expect(JSON.stringify(page.items)).not.toContain('Lee');
    expect(page.items[2]).toMatchObject({
      subjectId: incentive.id,
      detail: { kind: 'thank_you_note' },
    });
    expect(page.items[3]).toMatchObject({
      subjectType: 'practice',
      subjectId: a.practiceId,
      detail: { from: 'other', to: 'attorney' },
    });
  });

  it('is for owners only: a member gets 403 naming the role needed', async () => {
    const member = (await seedMember(ctx, a.practiceId, 'Mo Member')).session;
    await expectProblem(await member.request('GET', '/audit'), 403, 'forbidden', ['role']);
    await expectProblem(await member.request('GET', '/audit/actions'), 403, 'forbidden', ['role']);
    await expectProblem(await caller(ctx).request('GET', '/audit'), 401, 'unauthenticated');
  });

  it('filters by action, person and date, and pages with a cursor', async () => {
    clock.set('2026-03-05T12:00:00.000Z');
    await ok(a.session, 'POST', '/tokens', { name: 'later' });
    clock.set(T0);

    const byAction = await ok<AuditPage>(a.session, 'GET', '/audit?action=api_token.created');
    expect(byAction.items.map((e) => e.action)).toEqual(['api_token.created', 'api_token.created']);
    const members = await ok<{ items: { id: string; name: string }[] }>(
      a.session,
      'GET',
      '/members',
    );
    const mo = members.items.find((m) => m.name === 'Mo Member');
    const byPerson = await ok<AuditPage>(a.session, 'GET', `/audit?userId=${mo?.id}`);
    expect(byPerson.items.map((e) => [e.action, e.user?.name])).toEqual([
      ['account.signed_in', 'Mo Member'],
    ]);
    const onDay = await ok<AuditPage>(a.session, 'GET', '/audit?from=2026-03-05&to=2026-03-05');
    expect(onDay.items.map((e) => e.at)).toEqual(['2026-03-05T12:00:00.000Z']);
    const before = await ok<AuditPage>(a.session, 'GET', '/audit?to=2026-03-04');
    expect(before.items.every((e) => e.at === T0)).toBe(true);
    const actions = await ok<{ items: string[] }>(a.session, 'GET', '/audit/actions');
    expect(actions.items).toContain('practice.profession_changed');

    const all = await ok<AuditPage>(a.session, 'GET', '/audit?limit=200');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: AuditPage = await ok<AuditPage>(a.session, 'GET', `/audit?limit=3${query}`);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.seq));
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    // Another practice's log is never shown.
    const ids = new Set(all.items.map((e) => e.id));
    const theirs = await ok<AuditPage>(b.session, 'GET', '/audit?limit=200');
    expect(theirs.items.some((e) => ids.has(e.id))).toBe(false);
  });

  it("shows a practice only its own rows, even when filtered by another practice's user", async () => {
    const own = await ok<AuditPage>(b.session, 'GET', '/audit?limit=200');
    expect(own.items.length).toBeGreaterThan(0);
    const aIds = new Set(
      (await ok<AuditPage>(a.session, 'GET', '/audit?limit=200')).items.map((e) => e.id),
    );
    expect(own.items.filter((e) => aIds.has(e.id))).toEqual([]);
    const byA = await ok<AuditPage>(b.bearer, 'GET', `/audit?userId=${a.userId}`);
    expect(byA.items).toEqual([]);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['action=DROP%20TABLE', 'action'],
      ['from=2026-02-31', 'from'],
      ['limit=0', 'limit'],
      ['userId=a%20b', 'userId'],
      ['colour=red', 'colour'],
    ] as const)
      await expectProblem(await a.session.request('GET', `/audit?${query}`), 400, 'validation', [
        field,
      ]);
  });

  it('chains every practice: the whole log verifies, also from the command line', async () => {
    const report = await verify();
    expect(report.broken).toBeNull();
    expect(report.practices).toBeGreaterThanOrEqual(2);
    const env = cliEnv(ctx);
    const { stdout } = await run(process.execPath, [cli, 'audit', 'verify'], { env });
    expect(stdout).toMatch(/^OK: \d+ audit entries in \d+ practice chain\(s\) verified\.$/m);
  });

  it('detects an UPDATE of an old row, on the row, also from the command line', async () => {
    const practiceId = await chainOf(3);
    expect((await verify(practiceId)).broken).toBeNull();
    await sql`update audit_log set action = 'api_token.revoked' where practice_id = ${practiceId} and seq = 2`.execute(
      ctx.deps.db,
    );
    const { broken } = await verify(practiceId);
    expect(broken).toMatchObject({ practiceId, seq: 2, problem: expect.stringMatching(/hash/) });
    const env = cliEnv(ctx);
    const failed = await run(
      process.execPath,
      [cli, 'audit', 'verify', '--practice-id', practiceId],
      {
        env,
      },
    ).catch((e: { code: number; stdout: string }) => e);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain(`practice ${practiceId}, at seq 2 (id ${broken?.id})`);
  });

  it('detects a changed detail and a deleted row, but not an erased detail', async () => {
    const edited = await chainOf(2);
    const withDetail = await ctx.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('practice_id', '=', edited)
      .where('action', '=', 'practice.profession_changed')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set detail = '{"from":"other","to":"attorney"}' where practice_id = ${edited} and seq = ${withDetail.seq}`.execute(
      ctx.deps.db,
    );
    expect((await verify(edited)).broken).toMatchObject({
      seq: withDetail.seq,
      problem: expect.stringMatching(/detail/),
    });

    const erased = await chainOf(2);
    await sql`update audit_log set detail = null where practice_id = ${erased}`.execute(
      ctx.deps.db,
    );
    expect((await verify(erased)).broken).toBeNull();

    const forged = await chainOf(1);
    await sql`insert into audit_log (practice_id, id, user_id, action, subject_type, subject_id,
      detail, created_at) values (${forged}, 'forged-row', null, 'api_token.revoked', null, null,
      null, '2026-03-02T09:00:00.000Z')`.execute(ctx.deps.db);
    expect((await verify(forged)).broken).toMatchObject({
      id: 'forged-row',
      problem: expect.stringMatching(/outside the chain/),
    });

    const holed = await chainOf(3);
    await sql`delete from audit_log where practice_id = ${holed} and seq = 2`.execute(ctx.deps.db);
    expect((await verify(holed)).broken).toMatchObject({
      seq: 3,
      problem: expect.stringMatching(/missing/),
    });

    const cut = await chainOf(3);
    await sql`delete from audit_log where practice_id = ${cut} and seq = (select max(seq) from audit_log where practice_id = ${cut})`.execute(
      ctx.deps.db,
    );
    expect((await verify(cut)).broken).toMatchObject({
      seq: null,
      problem: expect.stringMatching(/head/),
    });
  });

  it('keeps one chain under 20 concurrent audited writes: no fork, no gap', async () => {
    const p = await seedPractice(ctx, 'Busy');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => p.session.json('POST', '/tokens', { name: `p${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect((await verify(p.practiceId)).broken).toBeNull();
    const links = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash'])
      .where('practice_id', '=', p.practiceId)
      .orderBy('seq')
      .execute();
    expect(links.map((l) => Number(l.seq))).toEqual(links.map((_, i) => i + 1));
    expect(new Set(links.map((l) => l.prev_hash)).size).toBe(links.length);
  });
});
