import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testOutput, useServerAndBrowser } from './server.ts';

type Item = {
  key: string;
  kind: string;
  title: string;
  urgency: string;
  dueAt: string | null;
  snoozedUntil?: string;
};

const dayMs = 86_400_000;

/**
 * Issue 11 §10 and §9 on the demo data: Today is grouped by kind with counts, in compact rows,
 * the old overdue items in a collapsed backlog; bulk snooze and "dismiss all older than" work
 * and are undone from their toast; j, Enter, Undo brings the item back.
 */
describe('Today at scale, with undo (demo data)', () => {
  const app = useServerAndBrowser();

  async function demoPage(email: string): Promise<Page> {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const signUp = await page.request.post(`${app.server.url}/api/v1/auth/sign-up`, {
      data: {
        practiceName: 'Scale Practice',
        name: 'Sam Lee',
        email,
        password: 'correct horse battery',
      },
    });
    expect(signUp.status()).toBe(201);
    // The demo writes a few thousand rows: on a busy machine that takes a while.
    const demo = await page.request.post(`${app.server.url}/api/v1/demo`, {
      data: {},
      timeout: 120_000,
    });
    expect(demo.status(), await demo.text()).toBe(201);
    return page;
  }

  const agendaOf = async (page: Page, query = '') => {
    const res = await page.request.get(`${app.server.url}/api/v1/agenda?perKind=500${query}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as { at: string; items: Item[] };
  };
  const toast = (page: Page) => page.locator('.mantine-Notification-root').last();

  it('groups by kind with counts, compact rows, the backlog collapsed; the page stays short', async () => {
    const page = await demoPage('scale@example.com');
    const agenda = await agendaOf(page);
    const now = Date.parse(agenda.at);
    const old = agenda.items.filter(
      (i) => i.urgency === 'overdue' && i.dueAt && now - Date.parse(i.dueAt) > 30 * dayMs,
    );
    expect(agenda.items.filter((i) => i.urgency === 'overdue').length).toBeGreaterThan(30);
    expect(old.length).toBeGreaterThan(0);

    await page.goto(app.server.url);
    const headings = page.getByRole('heading', { level: 2, name: / · \d+\+?$/ });
    await headings.first().waitFor();
    const groupCount = await headings.count();
    expect(groupCount).toBeGreaterThan(1);
    let long = '';
    for (let i = 0; i < groupCount; i += 1) {
      const heading = headings.nth(i);
      const name = (await heading.textContent()) ?? '';
      const count = Number.parseInt(name.split(' · ')[1] ?? '', 10);
      const section = page.getByRole('region', { name, exact: true });
      // A long group shows its first 8 rows and says how many more there are.
      expect(await section.getByRole('article').count(), name).toBe(Math.min(count, 8));
      if (count > 8 && !long) long = name;
    }
    expect(long, 'a group longer than 8 rows').not.toBe('');

    // The backlog is collapsed, with the old items counted; none of them is on the page.
    const backlog = page.getByRole('button', { name: /Backlog \(\d+\)/ });
    await expect.poll(() => backlog.getAttribute('aria-expanded')).toBe('false');
    const shownInBacklog = Number((await backlog.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(shownInBacklog).toBeGreaterThan(0);
    const firstOld = old[0] as Item;
    expect(await page.locator(`[data-agenda-item="${firstOld.key}"]`).count()).toBe(0);

    // Compact rows: one or two lines each, and the page is a few screens, not 18,000 px.
    const rows = page.getByRole('article');
    const heights = await rows.evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect().height),
    );
    expect(Math.max(...heights)).toBeLessThan(80);
    const height = await page
      .locator('html')
      .evaluate((html) => (html as { scrollHeight: number }).scrollHeight);
    expect(height).toBeLessThan(6000);
    await page.screenshot({ path: path.join(testOutput, 'today-scale.png'), fullPage: false });

    // A long group opens in place.
    const longGroup = page.getByRole('region', { name: long, exact: true });
    await longGroup.getByRole('button', { name: /^Show all \d+/ }).click();
    await expect
      .poll(() => longGroup.getByRole('article').count())
      .toBe(Number.parseInt(long.split(' · ')[1] ?? '', 10));

    // Opened, the backlog shows its items.
    await backlog.click();
    await expect.poll(() => backlog.getAttribute('aria-expanded')).toBe('true');
    await page.locator(`[data-agenda-item="${firstOld.key}"]`).waitFor();
    await page.context().close();
  });

  it('bulk snooze and "dismiss all older than" work in one go, and Undo puts them back', async () => {
    const page = await demoPage('bulk@example.com');
    await page.goto(app.server.url);
    const firstGroup = page.getByRole('region', { name: / · \d+\+?$/ }).first();
    await firstGroup.getByRole('article').first().waitFor();
    const keys = await firstGroup
      .getByRole('article')
      .evaluateAll((els) => els.slice(0, 2).map((el) => el.getAttribute('data-agenda-item')));
    expect(keys).toHaveLength(2);
    for (const key of keys)
      await page.locator(`[data-agenda-item="${key}"]`).getByRole('checkbox').check();
    const bar = page.getByRole('region', { name: 'Selected items' });
    await expect.poll(() => bar.textContent()).toMatch(/2 items selected/);
    await bar.getByRole('button', { name: 'Snooze selected' }).click();
    await page.getByRole('menuitem', { name: 'Tomorrow morning' }).click();
    for (const key of keys)
      await expect
        .poll(() => page.locator(`[data-agenda-item="${key}"]`).count(), { timeout: 10_000 })
        .toBe(0);
    const snoozed = (await agendaOf(page, '&includeSnoozed=true')).items.filter((i) =>
      keys.includes(i.key),
    );
    expect(snoozed.map((i) => Boolean(i.snoozedUntil))).toEqual([true, true]);
    await expect.poll(() => toast(page).textContent()).toMatch(/2 items snoozed/);
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    for (const key of keys)
      await page.locator(`[data-agenda-item="${key}"]`).waitFor({ timeout: 10_000 });
    const back = (await agendaOf(page)).items.filter((i) => keys.includes(i.key));
    expect(back.map((i) => i.snoozedUntil)).toEqual([undefined, undefined]);

    // Dismiss all older than 30 days: one request; the backlog is gone, and comes back on Undo.
    const backlog = page.getByRole('button', { name: /Backlog \(\d+\)/ });
    const before = (await backlog.textContent()) ?? '';
    await page.getByRole('button', { name: 'Dismiss all older than 30 days' }).click();
    await expect.poll(() => backlog.count(), { timeout: 10_000 }).toBe(0);
    const agenda = await agendaOf(page);
    const now = Date.parse(agenda.at);
    expect(
      agenda.items.filter(
        (i) => i.urgency === 'overdue' && i.dueAt && now - Date.parse(i.dueAt) > 30 * dayMs,
      ),
    ).toEqual([]);
    await expect.poll(() => toast(page).textContent()).toMatch(/overdue for more than 30 days/);
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => backlog.textContent(), { timeout: 10_000 }).toBe(before);
    await page.context().close();
  });

  it('j, Enter does the first item with an Undo toast; Undo brings the item back', async () => {
    const page = await demoPage('undo@example.com');
    await page.goto(app.server.url);
    const first = page.getByRole('article').first();
    await first.waitFor();
    const key = (await first.getAttribute('data-agenda-item')) ?? '';
    const title = (await first.getByRole('heading').textContent()) ?? '';
    // The first item is the most pressing: a referral to respond to (Enter logs the call).
    expect(key).toMatch(/^respond:/);
    const referralId = key.split(':')[1];
    const eventKinds = async () => {
      const res = await page.request.get(`${app.server.url}/api/v1/referrals/${referralId}`);
      const body = (await res.json()) as { status: string; events: { kind: string }[] };
      return { status: body.status, kinds: body.events.map((e) => e.kind) };
    };
    const before = await eventKinds();
    await page.keyboard.press('j');
    await expect.poll(() => first.getAttribute('data-active')).toBe('true');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator(`[data-agenda-item="${key}"]`).count(), { timeout: 10_000 })
      .toBe(0);
    const done = await page.request.get(`${app.server.url}/api/v1/referrals/${referralId}`);
    expect(((await done.json()) as { status: string }).status).toBe('contacted');
    await expect.poll(() => toast(page).textContent()).toContain(title);
    await toast(page).getByRole('button', { name: 'Undo' }).click();
    await page.locator(`[data-agenda-item="${key}"]`).waitFor({ timeout: 10_000 });
    // Undo leaves the referral as it was: its status and its history (the demo may have thanked).
    expect(await eventKinds()).toEqual(before);
    expect(before.status).toBe('new');

    // Enter on a referrer update opens its letter: nothing is recorded until it is sent.
    const update = page.locator('[data-agenda-item^="update_referrer:"]').first();
    if ((await update.count()) > 0) {
      const updateKey = (await update.getAttribute('data-agenda-item')) ?? '';
      await update.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      expect((await agendaOf(page)).items.some((i) => i.key === updateKey)).toBe(true);
    }
    await page.context().close();
  });
});
