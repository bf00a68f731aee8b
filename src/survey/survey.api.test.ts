import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, countRows, testTargets } from '../test-support/testing.ts';
import type { Survey } from './survey.schemas.ts';

describe.each(testTargets)('messaging survey (%s)', (target) => {
  const ids: string[] = [];
  let otherContact: string;
  let survey: Survey;
  const tokenOf = (link: string | undefined) => (link ?? '').split('/survey/')[1] ?? '';
  const publicApi = () => caller(ctx);

  const ctx = useTestContext(target);
  const [a, b] = usePractices(ctx, ['Jane Coaching', 'Other Practice']);
  beforeAll(async () => {
    await ok(a.session, 'PATCH', '/practice', {
      keyPhrases: ['small business', 'double income', 'coaching'],
    });
    for (const name of ['Ann Lee', 'Bob Ray', 'Cy Oz'])
      ids.push((await ok<{ id: string }>(a.session, 'POST', '/contacts', { name })).id);
    otherContact = (await ok<{ id: string }>(b.session, 'POST', '/contacts', { name: 'Zed' })).id;
  });

  it('creates a survey with a link per person, shown once', async () => {
    const res = await a.session.json<Survey>('POST', '/surveys', { contactIds: ids.slice(0, 2) });
    expect(res.status).toBe(201);
    survey = res.body;
    expect(survey.recipients.map((r) => r.contact.name)).toEqual(['Ann Lee', 'Bob Ray']);
    for (const r of survey.recipients) {
      expect(r.link).toMatch(/\/survey\/[A-Za-z0-9_-]{43}$/);
      expect(r).toMatchObject({ answeredAt: null, scorePercent: null, matched: [], missed: [] });
    }
    expect(new Set(survey.recipients.map((r) => r.link)).size).toBe(2);
    const list = await ok<{ items: Survey[] }>(a.session, 'GET', '/surveys');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.recipients.every((r) => r.link === undefined)).toBe(true);
    // only the hash is stored
    const stored = await ctx.deps.db.selectFrom('survey_recipient').select('token_hash').execute();
    const token = tokenOf(survey.recipients[0]?.link);
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash ?? ''))).toBe(true);
  });

  it('the public page shows the question and nothing else; an answer is scored', async () => {
    const token = tokenOf(survey.recipients[0]?.link);
    const page = await publicApi().json('GET', `/public/survey/${token}`);
    expect(page).toEqual({
      status: 200,
      body: {
        practiceName: 'Jane Coaching',
        question: 'How would you describe what Jane Coaching does, to someone who might need it?',
        answered: false,
      },
    });
    const answer = 'She coaches small businesses to double their income';
    const res = await publicApi().json('POST', `/public/survey/${token}`, { answer });
    expect(res).toEqual({ status: 201, body: { thanks: true } });
    expect((await publicApi().json('GET', `/public/survey/${token}`)).body).toMatchObject({
      answered: true,
    });
    // answering again replaces
    await publicApi().json('POST', `/public/survey/${token}`, { answer: 'a business coach' });
    const list = await ok<{ items: Survey[] }>(a.session, 'GET', '/surveys');
    const ann = list.items[0]?.recipients[0];
    expect(ann).toMatchObject({
      answer: 'a business coach',
      scorePercent: 33,
      matched: ['coaching'],
      missed: ['small business', 'double income'],
      isBelowThreshold: true,
    });
  });

  it('answers entered by hand are scored', async () => {
    const r = survey.recipients[1];
    const res = await ok<Survey['recipients'][number]>(
      a.session,
      'POST',
      `/surveys/${survey.id}/recipients/${r?.id}/answer`,
      { answer: 'Coaching for SMALL business owners; doubled income.' },
    );
    expect(res).toMatchObject({ scorePercent: 100, isBelowThreshold: false });
  });

  it('a wrong, malformed or foreign token reveals nothing (same 404)', async () => {
    const before = await countRows(ctx.deps);
    const bodies: string[] = [];
    for (const token of ['x'.repeat(43), 'nope', 'A'.repeat(200), survey.id]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await publicApi().request(
          method,
          `/public/survey/${token}`,
          method === 'POST' ? { answer: 'hello' } : undefined,
        );
        const p = await expectProblem(res, 404, 'not_found');
        expect(JSON.stringify(p)).not.toContain('Jane');
        bodies.push(JSON.stringify(p));
      }
    }
    expect(new Set(bodies).size).toBe(1);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await countRows(ctx.deps);
    const token = tokenOf(survey.recipients[0]?.link);
    const answerUrl = `/surveys/${survey.id}/recipients/${survey.recipients[0]?.id}/answer`;
    const cases: [string, string, unknown, string][] = [
      ['POST', '/surveys', { contactIds: [] }, 'contactIds'],
      ['POST', '/surveys', {}, 'contactIds'],
      ['POST', '/surveys', { contactIds: [ids[0], ids[0]] }, 'contactIds'],
      ['POST', '/surveys', { contactIds: ['bad id!'] }, 'contactIds.0'],
      ['POST', '/surveys', { contactIds: ids, extra: true }, 'extra'],
      ['POST', answerUrl, { answer: '' }, 'answer'],
      ['POST', answerUrl, { answer: 'x'.repeat(5001) }, 'answer'],
      ['POST', answerUrl, {}, 'answer'],
    ];
    for (const [method, url, body, field] of cases)
      await expectProblem(await a.session.request(method, url, body), 400, 'validation', [field]);
    await expectProblem(
      await publicApi().request('POST', `/public/survey/${token}`, { answer: '' }),
      400,
      'validation',
      ['answer'],
    );
    await ok(a.session, 'PATCH', '/practice/settings', { surveyMaxPeople: 2 });
    await expectProblem(
      await a.session.request('POST', '/surveys', { contactIds: ids }),
      400,
      'validation',
      ['contactIds'],
    );
    await ok(a.session, 'PATCH', '/practice/settings', { surveyMaxPeople: 6 });
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("another practice's ids are 404 and write nothing", async () => {
    const before = await countRows(ctx.deps);
    await expectProblem(
      await a.session.request('POST', '/surveys', { contactIds: [ids[2], otherContact] }),
      404,
      'not_found',
      ['contactIds.1'],
    );
    const r = survey.recipients[0];
    await expectProblem(
      await b.session.request('POST', `/surveys/${survey.id}/recipients/${r?.id}/answer`, {
        answer: 'mine now',
      }),
      404,
      'not_found',
    );
    expect((await ok<{ items: Survey[] }>(b.session, 'GET', '/surveys')).items).toEqual([]);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('the public answer form is rate-limited', async () => {
    const token = tokenOf(survey.recipients[1]?.link);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await publicApi().request('POST', `/public/survey/${token}`, { answer: `try ${i}` }))
          .status,
      );
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });
});
