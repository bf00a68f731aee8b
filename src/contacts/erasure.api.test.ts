import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { insightCharts } from '../insights/insight.schemas.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Referral } from '../referrals/referral.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, testTargets } from '../test-support/testing.ts';

type Openapi = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};

/**
 * Right of erasure (PRODUCT.md §8): a canary planted in every text field about one person is,
 * after DELETE /contacts/{id}, in no API answer, no export, no table and (SQLite) no byte of
 * the database file or its WAL; the referrer still counts the anonymous referral.
 */
describe.each(testTargets)('erasing a person (%s)', (target) => {
  const canary = `zq${randomBytes(8).toString('hex')}`;
  const ids: Record<string, string> = {};
  const agendaKeys: string[] = [];
  const publicUrls: string[] = [];

  /** Every GET route of the OpenAPI document, each path parameter filled from what we made. */
  async function everyAnswer(): Promise<{ url: string; status: number; text: string }[]> {
    const doc = await ok<Openapi>(a.session, 'GET', '/openapi.json');
    const pool = Object.values(ids);
    const urls = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!methods.get) continue;
      let paths = [path.replace(/^\/api\/v1/, '')];
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)) {
        const values =
          name === 'section'
            ? insightCharts.map((c) => `${c}.csv`)
            : name === 'year'
              ? [String(new Date().getUTCFullYear())]
              : name === 'key'
                ? agendaKeys
                : name === 'token'
                  ? [ids.surveyToken ?? '']
                  : pool;
        paths = paths.flatMap((p) => values.map((v) => p.replace(`{${name}}`, v)));
      }
      for (const p of paths) urls.add(p);
    }
    const out: { url: string; status: number; text: string }[] = [];
    for (const url of urls) {
      const res = await a.session.request('GET', url);
      out.push({ url, status: res.status, text: await res.text() });
    }
    for (const url of publicUrls) {
      const res = await ctx.app.request(url);
      out.push({ url, status: res.status, text: await res.text() });
    }
    return out;
  }

  /** Which of the SQLite database, its WAL and its shared memory file hold the canary's bytes. */
  function filesHolding(): string[] {
    const db = ctx.deps.config.database;
    if (db.dialect !== 'sqlite') return [];
    return ['', '-wal', '-shm']
      .filter((suffix) => existsSync(db.file + suffix))
      .filter((suffix) => readFileSync(db.file + suffix).includes(canary))
      .map((suffix) => `vouch.db${suffix}`);
  }

  /** Every text column of every table holding `needle`, as "table.column". */
  async function tablesHolding(needle: string): Promise<string[]> {
    const db = ctx.deps.db;
    const columns =
      target === 'sqlite'
        ? (
            await sql<{ t: string; c: string }>`
              select m.name as t, p.name as c from sqlite_master m, pragma_table_info(m.name) p
              where m.type = 'table' and m.name not like 'sqlite_%'
                and (p.type = '' or p.type like '%text%' or p.type like '%char%')`.execute(db)
          ).rows
        : (
            await sql<{ t: string; c: string }>`
              select table_name as t, column_name as c from information_schema.columns
              where table_schema = 'public'
                and data_type in ('text', 'character varying', 'json', 'jsonb')`.execute(db)
          ).rows;
    const found: string[] = [];
    for (const { t, c } of columns) {
      const hit = await sql<{ n: number }>`
        select count(*) as n from ${sql.table(t)}
        where lower(cast(${sql.ref(c)} as text)) like ${`%${needle.toLowerCase()}%`}`.execute(db);
      if (Number(hit.rows[0]?.n) > 0) found.push(`${t}.${c}`);
    }
    return found;
  }

  const ctx = useTestContext(target);
  const [a, b] = usePractices(ctx, ['Erasing Practice', 'Other Practice']);
  beforeAll(async () => {
    const post = <T = { id: string }>(url: string, body: unknown) =>
      ok<T>(a.session, 'POST', url, body);
    await ok(a.session, 'PATCH', '/practice', { postalAddress: '1 Main St, Springfield' });
    ids.rita = (await post('/contacts', { name: 'Rita Referrer', roles: ['colleague'] })).id;
    ids.paul = (await post('/contacts', { name: 'Paul Partner', roles: ['partner'] })).id;
    const x = await post('/contacts', {
      name: `Xena ${canary}`,
      email: `${canary}@example.com`,
      phone: canary,
      organization: `${canary} Ltd`,
      metWhere: canary,
      metHow: canary,
      notes: `Notes ${canary}`,
      roles: ['client', 'colleague'],
    });
    ids.x = x.id;
    await ok(a.session, 'PATCH', `/contacts/${ids.x}`, { emailConsent: true, stage: 'likes' });
    ids.interaction = (
      await post(`/contacts/${ids.x}/interactions`, { kind: 'call', summary: `Call ${canary}` })
    ).id;
    ids.moment = (
      await post(`/contacts/${ids.x}/moments`, { kind: 'milestone', note: `Moment ${canary}` })
    ).id;
    ids.ask = (
      await post<{ ask: { id: string } }>(`/contacts/${ids.x}/asks`, {
        outcome: 'later',
        note: canary,
      })
    ).ask.id;
    ids.commitment = (
      await post<{ commitment: { id: string } }>(`/contacts/${ids.x}/commitments`, {
        promisedCount: 2,
        incentiveForReferrer: canary,
        incentiveForReferred: canary,
        note: canary,
      })
    ).commitment.id;
    ids.ritasCommitment = (
      await post<{ commitment: { id: string } }>(`/contacts/${ids.rita}/commitments`, {
        promisedCount: 2,
      })
    ).commitment.id;
    // About her: Rita referred her (credited to Rita's commitment); she referred Olive.
    const about = await post<Referral>('/referrals', {
      referred: { contactId: ids.x },
      referrer: { contactId: ids.rita },
      channel: 'phone',
      need: `Needs ${canary}`,
      tags: [canary],
      place: canary,
      consentToUpdate: true,
    });
    ids.referralAbout = about.id;
    await post(`/referrals/${about.id}/status`, { status: 'contacted', note: `Note ${canary}` });
    ids.referralBy = (
      await post<Referral>('/referrals', {
        referred: { name: 'Olive Other' },
        referrer: { contactId: ids.x },
        channel: 'email',
      })
    ).id;
    ids.givenAbout = (
      await post('/referrals-given', {
        person: { contactId: ids.x },
        partnerId: ids.paul,
        reason: `Given ${canary}`,
      })
    ).id;
    ids.givenTo = (
      await post('/referrals-given', {
        person: { contactId: ids.rita },
        partnerId: ids.x,
        reason: `To ${canary}`,
      })
    ).id;
    ids.incentive = (
      await post('/incentives', {
        kind: 'reciprocal_arrangement',
        recipient: 'referrer',
        recipientContactId: ids.x,
        description: canary,
      })
    ).id;
    // Messages to her, to Rita about her, to Paul about her, and to her as a referrer.
    for (const [i, body] of [
      { templateKey: 'ask', contactId: ids.x, body: `Dear ${canary}` },
      { templateKey: 'thanks_referral', referralAbout: true },
      { templateKey: 'referrer_update', referralAbout: true },
      { templateKey: 'partner_notification', givenId: ids.givenAbout },
      { templateKey: 'commitment_reminder', commitmentId: ids.commitment },
      { templateKey: 'thanks_referral', referralId: ids.referralBy },
    ].entries()) {
      const { referralAbout, ...rest } = body as { referralAbout?: boolean };
      const m = await post('/messages', {
        ...rest,
        ...(referralAbout ? { referralId: ids.referralAbout } : {}),
        channel: 'letter',
      });
      ids[`message${i}`] = m.id;
    }
    // A legacy audit detail that names her (messages wrote toName before this fix).
    await recordAudit(ctx.deps.db, ctx.deps.clock, {
      practiceId: a.practiceId,
      userId: a.userId,
      action: 'message.to_referrer',
      subjectType: 'message',
      subjectId: ids.message1 ?? '',
      detail: { toName: `Xena ${canary}` },
    });
    const survey = await post<{ id: string; recipients: { id: string; link: string }[] }>(
      '/surveys',
      { contactIds: [ids.x] },
    );
    ids.survey = survey.id;
    ids.recipient = survey.recipients[0]?.id ?? '';
    ids.surveyToken = survey.recipients[0]?.link.split('/survey/')[1] ?? '';
    await ok(caller(ctx), 'POST', `/public/survey/${ids.surveyToken}`, {
      answer: `Answer ${canary}`,
    });
    const agenda = await ok<{ items: { key: string }[] }>(a.session, 'GET', '/agenda');
    agendaKeys.push(...agenda.items.map((i) => i.key));
    const hers = agendaKeys.find((k) => k.includes(ids.referralAbout ?? '-'));
    if (hers) await post(`/agenda/${hers}/dismiss`, { reason: `Busy ${canary}` });
    // An export searched by her name: the audit of the export must not keep the search text.
    await a.session.request('GET', `/referrals/export.csv?q=${canary}`);
    const feed = await post<{ url: string }>('/calendar-feeds', {});
    publicUrls.push(new URL(feed.url).pathname);
    ids.other = (await ok<{ id: string }>(b.session, 'POST', '/contacts', { name: canary })).id;
  });

  it('finds the canary before the erasure, where the walk and the scan look', async () => {
    const hits = (await everyAnswer()).filter((r) => r.text.includes(canary)).map((r) => r.url);
    for (const url of [
      `/contacts/${ids.x}`,
      '/messages',
      '/referrals/export.csv',
      `/contacts/${ids.rita}/timeline`,
    ])
      expect(hits).toContain(url);
    expect(await tablesHolding(canary)).toEqual(
      expect.arrayContaining([
        'contact.name',
        'interaction.summary',
        'referral.need',
        'referral_tag.tag',
        'referral_event.note',
        'message.body',
        'survey_recipient.answer',
        'audit_log.detail',
      ]),
    );
    if (target === 'sqlite') expect(filesHolding()).not.toEqual([]);
  });

  it("another practice cannot erase this practice's person", async () => {
    const res = await b.session.request('DELETE', `/contacts/${ids.x}`);
    expect(res.status).toBe(404);
    expect((await a.session.request('GET', `/contacts/${ids.x}`)).status).toBe(200);
  });

  it('erases her from every API answer and every table; counts and the audit trail hold', async () => {
    const before = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .where('practice_id', '=', a.practiceId)
      .execute();
    const res = await a.session.request('DELETE', `/contacts/${ids.x}`);
    expect(res.status).toBe(204);
    expect((await a.session.request('GET', `/contacts/${ids.x}`)).status).toBe(404);
    // Audit rows are never deleted: the actions stay, one more records the erasure.
    const after = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'detail', 'subject_id'])
      .where('practice_id', '=', a.practiceId)
      .execute();
    expect(after.map((r) => r.id)).toEqual(expect.arrayContaining(before.map((r) => r.id)));
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((r) => r.action === 'contact.erased')).toMatchObject({
      subject_id: ids.x,
      detail: null,
    });

    const leaks = (await everyAnswer()).filter((r) => r.text.toLowerCase().includes(canary));
    expect(leaks.map((r) => r.url)).toEqual([]);
    // Only the other practice's own contact of that name is left.
    expect(await tablesHolding(canary)).toEqual([
      'contact.name',
      'contact.name_key',
      'contact.given_name',
    ]);
    // Her id survives only as the subject of audit rows (ids only).
    const idHits = await tablesHolding(ids.x ?? '');
    expect(idHits).toEqual(['audit_log.subject_id']);

    // The referral about her stays, anonymous, so Rita still counts it.
    const kept = await ok<Referral>(a.session, 'GET', `/referrals/${ids.referralAbout}`);
    expect(kept).toMatchObject({ referred: null, need: null, place: null, tags: [] });
    expect(kept.referrer?.id).toBe(ids.rita);
    const ritas = await ok<{ items: Referral[] }>(
      a.session,
      'GET',
      `/referrals?referrerId=${ids.rita}`,
    );
    expect(ritas.items.map((r) => r.id)).toEqual([ids.referralAbout]);
    // Rita's commitment still counts it.
    const commitment = await ok<{ credited: number; credits: { referredName: string | null }[] }>(
      a.session,
      'GET',
      `/commitments/${ids.ritasCommitment}`,
    );
    expect(commitment.credited).toBe(1);
    expect(commitment.credits).toMatchObject([{ referredName: null }]);
    // The referral she sent stays, with its referrer unknown.
    const sent = await ok<Referral>(a.session, 'GET', `/referrals/${ids.referralBy}`);
    expect(sent.referrer).toBeNull();
    expect(sent.referred?.name).toBe('Olive Other');

    // The other practice's person of the same name is untouched.
    expect((await b.session.request('GET', `/contacts/${ids.other}`)).status).toBe(200);
  });

  it.runIf(target === 'sqlite')(
    'leaves no byte of her in the SQLite file or its WAL, running or after a clean close',
    async () => {
      // The other practice's contact still carries the marker: erase it too, then look.
      await ok(b.session, 'DELETE', `/contacts/${ids.other}`);
      expect(filesHolding()).toEqual([]);
      await ctx.restart();
      expect(filesHolding()).toEqual([]);
    },
  );
});
