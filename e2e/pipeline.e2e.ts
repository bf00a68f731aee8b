import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, sendJson, signUpPractice, testOutput, useServerAndBrowser } from './server.ts';

describe('the referral pipeline and the most-wanted list in the browser', () => {
  const app = useServerAndBrowser();

  it('quick-adds a referral for a new person, shows its clock on the board, and moves it when contacted', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'jane@example.com');
    await sendJson(page, 'POST', `${app.server.url}/api/v1/contacts`, {
      name: 'Sarah Chen',
      stage: 'trusts',
    });
    await page.goto(`${app.server.url}/referrals`);

    // Quick-add from the keyboard shortcut: a new person, an existing referrer, a need.
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('r');
    await page.getByLabel('Referred person').fill('Tom Ruiz');
    const referrer = page.getByLabel('Referrer', { exact: true });
    await referrer.fill('Sarah');
    await page.getByRole('option', { name: /Sarah Chen/ }).click();
    await page.getByLabel('Need').fill('Stuck at a revenue plateau');
    await page.getByRole('button', { name: 'Save referral' }).click();

    // It appears as new, with its response clock running.
    const newColumn = page.getByRole('region', { name: 'New' });
    const card = newColumn.getByRole('article', { name: /Tom Ruiz/ });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Sarah Chen/);
    expect(await card.textContent()).toMatch(/due in/i);
    await page.screenshot({ path: path.join(testOutput, 'referral-board.png'), fullPage: true });

    // Mark contacted: it moves, and the clock says it was met in time.
    await card.getByRole('button', { name: 'Mark contacted' }).click();
    const contacted = page
      .getByRole('region', { name: 'Contacted' })
      .getByRole('article', { name: /Tom Ruiz/ });
    await contacted.waitFor();
    expect(await contacted.textContent()).toMatch(/in time/);
    await expect.poll(() => newColumn.getByRole('article', { name: /Tom Ruiz/ }).count()).toBe(0);

    // Searching narrows the board after a pause; the words are in the address at once.
    const search = page.getByLabel('Search referrals');
    await search.fill('nobody');
    await expect.poll(() => page.url()).toMatch(/[?&]q=nobody/);
    await expect.poll(() => contacted.count()).toBe(0);
    await search.fill('tom');
    await contacted.waitFor();

    // The referrer was promoted by their first referral.
    const sarah = await page.request.get(`${app.server.url}/api/v1/contacts?q=sarah`);
    expect(((await sarah.json()) as { items: { stage: string }[] }).items[0]?.stage).toBe('refers');
    await page.close();
  });

  it("shows a most-wanted category's coverage rise when a contact reaches knows", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, app.server.url, 'ana@example.com');
    const category = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/categories`,
      {
        name: 'Accountants',
      },
    );
    const put = await page.request.put(`${app.server.url}/api/v1/most-wanted`, {
      data: { categoryIds: [category.id] },
    });
    expect(put.status()).toBe(200);
    const contact = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/contacts`,
      {
        name: 'Priya Patel',
        categoryId: category.id,
      },
    );

    await page.goto(`${app.server.url}/network/most-wanted`);
    const coverage = page.getByLabel(/Accountants: \d+ of 5 covered/);
    await expect
      .poll(async () => (await coverage.getAttribute('aria-label')) ?? '')
      .toMatch(/0 of 5/);

    // Move the contact to "knows" on their page, then come back.
    await page.goto(`${app.server.url}/contacts/${contact.id}`);
    await page.getByLabel('Stage', { exact: true }).selectOption('knows');
    await expect
      .poll(
        async () =>
          (await page.locator('section', { hasText: 'Stage history' }).first().textContent()) ?? '',
      )
      .toMatch(/Met → Knows/);
    await page.goto(`${app.server.url}/network/most-wanted`);
    await expect
      .poll(async () => (await coverage.getAttribute('aria-label')) ?? '')
      .toMatch(/1 of 5/);
    await page.screenshot({ path: path.join(testOutput, 'most-wanted.png'), fullPage: true });
    await context.close();
  });
});
