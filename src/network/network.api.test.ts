import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, testTargets } from '../test-support/testing.ts';
import type { CategoryView, MostWanted } from './category.schemas.ts';
import type { CircleDetail, CircleView } from './circle.schemas.ts';

type List<T> = { items: T[] };
type Problem = { status: number; code: string; errors?: { field: string }[] };

describe.each(testTargets)('network API on %s', (target) => {
  const cat: Record<string, string> = {};

  const category = async (name: string) => {
    const res = await a.session.json<CategoryView>('POST', '/categories', { name });
    expect(res.status).toBe(201);
    cat[name] = res.body.id;
    return res.body;
  };
  const contact = async (body: Record<string, unknown>) => {
    const res = await a.session.json<ContactDetail>('POST', '/contacts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const categories = async () =>
    Object.fromEntries(
      (await a.session.json<List<CategoryView>>('GET', '/categories')).body.items.map((c) => [
        c.name,
        c,
      ]),
    );

  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counseling']);
  beforeAll(async () => {
    for (const name of ['Accountants', 'Attorneys', 'Clergy', 'Bankers']) await category(name);
    await contact({ name: 'Ann Met', categoryId: cat.Accountants, stage: 'met' });
    await contact({ name: 'Bob Knows', categoryId: cat.Accountants, stage: 'knows' });
    await contact({ name: 'Cy Trusts', categoryId: cat.Accountants, stage: 'trusts' });
    await contact({ name: 'Dee Refers', categoryId: cat.Attorneys, stage: 'refers' });
    await contact({ name: 'Eve Met', categoryId: cat.Attorneys });
    await contact({ name: 'No Category', stage: 'refers' });
  });

  describe('categories', () => {
    it('count contacts and coverage (stage knows or above), with the default target', async () => {
      const all = await categories();
      expect(Object.keys(all)).toEqual(['Accountants', 'Attorneys', 'Bankers', 'Clergy']);
      expect(all.Accountants).toMatchObject({
        contacts: 3,
        coverage: 2,
        target: 5,
        mostWantedRank: null,
      });
      expect(all.Attorneys).toMatchObject({ contacts: 2, coverage: 1 });
      expect(all.Clergy).toMatchObject({ contacts: 0, coverage: 0 });
    });

    it('answer a new category as a view with zero counts', async () => {
      const created = await category('Teachers');
      expect(created).toMatchObject({ name: 'Teachers', contacts: 0, coverage: 0, target: 5 });
    });

    it('rename and take their own target, or the practice default again with null', async () => {
      const renamed = await a.session.json<CategoryView>('PATCH', `/categories/${cat.Teachers}`, {
        name: '  School   teachers ',
        target: 8,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'School teachers', target: 8 });
      await a.session.json('PATCH', '/practice/settings', { mostWantedTarget: 3 });
      expect((await categories()).Clergy?.target).toBe(3);
      const reset = await a.session.json<CategoryView>('PATCH', `/categories/${cat.Teachers}`, {
        target: null,
      });
      expect(reset.body.target).toBe(3);
      await a.session.json('PATCH', '/practice/settings', { mostWantedTarget: 5 });
    });

    it('refuse a rename onto an existing name with 409 on name', async () => {
      const res = await a.session.json<Problem>('PATCH', `/categories/${cat.Teachers}`, {
        name: 'accountants',
      });
      expect(res.status).toBe(409);
      expect(res.body.errors?.[0]?.field).toBe('name');
    });
  });

  describe('most-wanted list', () => {
    it('is empty at first', async () => {
      const res = await a.session.json<MostWanted>('GET', '/most-wanted');
      expect(res.body).toEqual({ max: 10, items: [] });
    });

    it('is replaced in order, ranks 1..n, with coverage, gap and members', async () => {
      const res = await a.session.json<MostWanted>('PUT', '/most-wanted', {
        categoryIds: [cat.Attorneys, cat.Accountants, cat.Clergy],
      });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => [i.category.name, i.rank, i.coverage, i.gap])).toEqual([
        ['Attorneys', 1, 1, 4],
        ['Accountants', 2, 2, 3],
        ['Clergy', 3, 0, 5],
      ]);
      expect(res.body.items[1]?.members.map((m) => m.name)).toEqual([
        'Bob Knows',
        'Cy Trusts',
        'Ann Met',
      ]);
      expect(res.body.items[0]?.category.mostWantedRank).toBe(1);
      expect(await a.session.json('GET', '/most-wanted')).toEqual({ status: 200, body: res.body });
      expect((await categories()).Bankers?.mostWantedRank).toBeNull();
    });

    it('drops categories left out of a new list', async () => {
      const res = await a.session.json<MostWanted>('PUT', '/most-wanted', {
        categoryIds: [cat.Clergy, cat.Attorneys],
      });
      expect(res.body.items.map((i) => [i.category.name, i.rank])).toEqual([
        ['Clergy', 1],
        ['Attorneys', 2],
      ]);
      expect((await categories()).Accountants?.mostWantedRank).toBeNull();
    });

    it('takes ten, and refuses an 11th with 422 naming categoryIds, changing nothing', async () => {
      const more: string[] = [];
      for (let i = 0; i < 8; i++) more.push((await category(`Extra ${i}`)).id);
      const ten = [cat.Accountants, cat.Attorneys, ...more] as string[];
      const ok = await a.session.json<MostWanted>('PUT', '/most-wanted', { categoryIds: ten });
      expect(ok.body.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const before = await a.session.json('GET', '/most-wanted');
      const res = await a.session.json<Problem>('PUT', '/most-wanted', {
        categoryIds: [...ten, cat.Clergy],
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('unprocessable');
      expect(res.body.errors?.map((e) => e.field)).toEqual(['categoryIds']);
      expect(await a.session.json('GET', '/most-wanted')).toEqual(before);
    });

    it('closes up the ranks when a listed category is deleted; its contacts keep no category', async () => {
      const bobBefore = await a.session.json<List<ContactDetail>>('GET', '/contacts?q=bob');
      expect(bobBefore.body.items[0]?.category?.name).toBe('Accountants');
      const del = await a.session.request('DELETE', `/categories/${cat.Accountants}`);
      expect(del.status).toBe(204);
      const list = await a.session.json<MostWanted>('GET', '/most-wanted');
      expect(list.body.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(list.body.items[0]?.category.name).toBe('Attorneys');
      const bob = await a.session.json<List<ContactDetail>>('GET', '/contacts?q=bob');
      expect(bob.body.items[0]?.category).toBeNull();
      expect((await a.session.request('DELETE', `/categories/${cat.Accountants}`)).status).toBe(
        404,
      );
      expect((await categories()).Accountants).toBeUndefined();
    });
  });

  describe('circles', () => {
    let rotary: CircleView;
    it('are created with a kind and notes, and answer counts', async () => {
      const res = await a.session.json<CircleView>('POST', '/circles', {
        name: 'Rotary Downtown',
        kind: 'rotary',
        notes: 'Tuesdays, 7 am',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Rotary Downtown',
        kind: 'rotary',
        notes: 'Tuesdays, 7 am',
        members: 0,
        referrals: 0,
      });
      rotary = res.body;
      const plain = await a.session.json<CircleView>('POST', '/circles', { name: 'Book club' });
      expect(plain.body).toMatchObject({ kind: null, notes: null });
    });

    it('count members and show which most-wanted categories they reach', async () => {
      const cleric = await contact({
        name: 'Rev. Green',
        categoryId: cat.Clergy,
        circleIds: [rotary.id],
        stage: 'likes',
      });
      await contact({ name: 'Al Attorney', categoryId: cat.Attorneys, circleIds: [rotary.id] });
      await contact({ name: 'Zed Banker', categoryId: cat.Bankers, circleIds: [rotary.id] });
      await contact({ name: 'Nobody Special', circleIds: [rotary.id] });
      const list = await a.session.json<List<CircleView>>('GET', '/circles');
      expect(list.body.items.map((c) => [c.name, c.members, c.referrals])).toEqual([
        ['Book club', 0, 0],
        ['Rotary Downtown', 4, 0],
      ]);
      const detail = await a.session.json<CircleDetail>('GET', `/circles/${rotary.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.memberList.map((m) => m.name)).toEqual([
        'Al Attorney',
        'Nobody Special',
        'Rev. Green',
        'Zed Banker',
      ]);
      expect(detail.body.memberList[2]).toEqual({
        id: cleric.id,
        name: 'Rev. Green',
        stage: 'likes',
        category: { id: cat.Clergy, name: 'Clergy' },
      });
      // Attorneys rank 1, Clergy not on the list since the last replacement; Bankers never.
      expect(detail.body.mostWantedReach).toEqual([
        { categoryId: cat.Attorneys, name: 'Attorneys', rank: 1, members: 1 },
      ]);
    });

    it('edit name, kind and notes, and clear them with null', async () => {
      const res = await a.session.json<CircleView>('PATCH', `/circles/${rotary.id}`, {
        name: 'Rotary Club',
        kind: null,
        notes: null,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Rotary Club', kind: null, notes: null, members: 4 });
      const dup = await a.session.json<Problem>('PATCH', `/circles/${rotary.id}`, {
        name: 'BOOK CLUB',
      });
      expect(dup.status).toBe(409);
      expect(dup.body.errors?.[0]?.field).toBe('name');
    });

    it('are deleted with their memberships, leaving the contacts', async () => {
      const before = await countRows(ctx.deps);
      expect((await a.session.request('DELETE', `/circles/${rotary.id}`)).status).toBe(204);
      const after = await countRows(ctx.deps);
      expect(after.circle).toBe(Number(before.circle) - 1);
      expect(after.contact_circle).toBe(Number(before.contact_circle) - 4);
      expect(after.contact).toBe(before.contact);
      expect((await a.session.request('GET', `/circles/${rotary.id}`)).status).toBe(404);
    });
  });
});
