import { describe, expect, it } from 'vitest';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { seedPractice, testTargets } from '../test-support/testing.ts';
import { stages } from './contact.rules.ts';
import { type ContactDetail, contactSorts } from './contact.schemas.ts';

type Page = { items: ContactDetail[]; nextCursor: string | null };

describe.each(testTargets)('contacts API on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counseling']);

  it('adds a contact with roles, a new category and circles, and records the first stage', async () => {
    const category = await a.session.json<{ id: string }>('POST', '/categories', {
      name: 'Accountants',
    });
    expect(category.status).toBe(201);
    const circle = await a.session.json<{ id: string }>('POST', '/circles', { name: 'Rotary' });
    const res = await a.session.json<ContactDetail>('POST', '/contacts', {
      name: '  Dr. Lee  Wong ',
      email: 'Lee.Wong@Example.com',
      organization: 'Lakeside CPA',
      categoryId: category.body.id,
      roles: ['partner', 'client', 'partner'],
      circleIds: [circle.body.id],
      stage: 'knows',
      emailConsent: true,
      notes: 'Met at Rotary',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Dr. Lee  Wong',
      email: 'Lee.Wong@Example.com',
      category: { name: 'Accountants' },
      roles: ['client', 'partner'],
      circles: [{ name: 'Rotary' }],
      stage: 'knows',
      emailConsent: true,
      doNotAsk: false,
    });
    expect(res.body.stageHistory).toHaveLength(1);
    expect(res.body.stageHistory[0]).toMatchObject({ fromStage: null, toStage: 'knows' });
    expect(res.body.stageHistory[0]?.changedBy?.name).toBe('Harbor Counseling Owner');
  });

  it('refuses a second contact with the same email (any case) with 409 on the email field', async () => {
    const res = await a.session.json<{ errors: { field: string }[] }>('POST', '/contacts', {
      name: 'Someone else',
      email: 'lee.wong@example.com',
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0]?.field).toBe('email');
  });

  it('edits fields, records each stage change with its time, and keeps the history newest first', async () => {
    const created = await a.session.json<ContactDetail>('POST', '/contacts', {
      name: 'Maria Garcia',
    });
    expect(created.body.stage).toBe('met');
    const id = created.body.id;
    await a.session.json('PATCH', `/contacts/${id}`, { stage: 'likes' });
    await a.session.json('PATCH', `/contacts/${id}`, { phone: '+1 555 0100' });
    const last = await a.session.json<ContactDetail>('PATCH', `/contacts/${id}`, {
      stage: 'trusts',
      doNotAsk: true,
    });
    expect(last.status).toBe(200);
    expect(last.body.phone).toBe('+1 555 0100');
    expect(last.body.doNotAsk).toBe(true);
    expect(last.body.stageHistory.map((h) => [h.fromStage, h.toStage])).toEqual([
      ['likes', 'trusts'],
      ['met', 'likes'],
      [null, 'met'],
    ]);
    const cleared = await a.session.json<ContactDetail>('PATCH', `/contacts/${id}`, {
      phone: null,
      notes: '',
    });
    expect(cleared.body.phone).toBeNull();
    expect(cleared.body.notes).toBeNull();
  });

  it('deletes a contact and everything about it', async () => {
    const created = await a.session.json<ContactDetail>('POST', '/contacts', {
      name: 'To Delete',
      roles: ['friend'],
    });
    const del = await a.session.request('DELETE', `/contacts/${created.body.id}`);
    expect(del.status).toBe(204);
    expect((await a.session.request('GET', `/contacts/${created.body.id}`)).status).toBe(404);
    expect((await a.session.request('DELETE', `/contacts/${created.body.id}`)).status).toBe(404);
  });

  it('searches by name, email and organization, case-insensitively, and treats % literally', async () => {
    const names = async (q: string) =>
      (await a.session.json<Page>('GET', `/contacts?q=${encodeURIComponent(q)}`)).body.items.map(
        (c) => c.name,
      );
    expect(await names('WONG')).toEqual(['Dr. Lee  Wong']);
    expect(await names('example.com')).toEqual(['Dr. Lee  Wong']);
    expect(await names('lakeside')).toEqual(['Dr. Lee  Wong']);
    expect(await names('garc')).toEqual(['Maria Garcia']);
    expect(await names('%')).toEqual([]);
  });

  it('filters by role, stage, category and circle', async () => {
    const cats = await a.session.json<{ items: { id: string; name: string }[] }>(
      'GET',
      '/categories',
    );
    const circles = await a.session.json<{ items: { id: string }[] }>('GET', '/circles');
    const catId = cats.body.items[0]?.id;
    const circleId = circles.body.items[0]?.id;
    const names = async (query: string) =>
      (await a.session.json<Page>('GET', `/contacts?${query}`)).body.items.map((c) => c.name);
    expect(await names('role=partner')).toEqual(['Dr. Lee  Wong']);
    expect(await names('stage=trusts')).toEqual(['Maria Garcia']);
    expect(await names(`categoryId=${catId}`)).toEqual(['Dr. Lee  Wong']);
    expect(await names(`circleId=${circleId}`)).toEqual(['Dr. Lee  Wong']);
    expect(await names('role=friend')).toEqual([]);
  });

  it('pages with cursors through every sort without gaps or repeats', async () => {
    const b = await seedPractice(ctx, 'Paging');
    for (let i = 0; i < 23; i++) {
      await b.bearer.json('POST', '/contacts', {
        name: `Person ${String.fromCharCode(65 + (i % 7))} ${i}`,
        stage: stages[i % stages.length],
      });
    }
    for (const sort of contactSorts) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/contacts?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { status: number; body: Page } = await b.bearer.json<Page>('GET', url);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((c) => c.id));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      const all = await b.bearer.json<Page>('GET', `/contacts?sort=${sort}&limit=200`);
      expect(seen).toEqual(all.body.items.map((c) => c.id));
    }
    const byName = await b.bearer.json<Page>('GET', '/contacts?sort=name&limit=200');
    const keys = byName.body.items.map((c) => c.name.toLowerCase());
    expect(keys).toEqual([...keys].sort());
  });

  it('rejects a cursor made for another sort', async () => {
    const first = await a.session.json<Page>('GET', '/contacts?limit=1&sort=name');
    const res = await a.session.json<{ errors: { field: string }[] }>(
      'GET',
      `/contacts?limit=1&sort=-createdAt&cursor=${first.body.nextCursor}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0]?.field).toBe('cursor');
  });
});
