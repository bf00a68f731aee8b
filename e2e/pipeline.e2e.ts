import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './server.ts';

const output = path.resolve(import.meta.dirname, '../test-output');

/** A set-up practice, signed in in this page's browser context (through the real API). */
async function signUpPractice(page: Page, url: string, email: string): Promise<void> {
  const api = page.request;
  const signUp = await api.post(`${url}/api/v1/auth/sign-up`, {
    data: {
      practiceName: 'Clear Path Coaching',
      name: 'Jane Morgan',
      email,
      password: 'correct horse battery',
    },
  });
  expect(signUp.status()).toBe(201);
  const setup = await api.patch(`${url}/api/v1/practice`, {
    data: {
      profession: 'coach',
      valueProposition: 'Jane helps small-business owners double their income.',
      keyPhrases: ['small business', 'double income', 'coaching'],
      timeZone: 'America/Chicago',
      postalAddress: '214 W Lake St, Chicago, IL 60606',
      markSetUp: true,
    },
  });
  expect(setup.status()).toBe(200);
}

async function postJson<T>(page: Page, url: string, data: unknown): Promise<T> {
  const res = await page.request.post(url, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

describe('the referral pipeline and the most-wanted list in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(output, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('quick-adds a referral for a new person, shows its clock on the board, and moves it when contacted', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUpPractice(page, server.url, 'jane@example.com');
    await postJson(page, `${server.url}/api/v1/contacts`, { name: 'Sarah Chen', stage: 'trusts' });
    await page.goto(`${server.url}/referrals`);

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
    await page.screenshot({ path: path.join(output, 'referral-board.png'), fullPage: true });

    // Mark contacted: it moves, and the clock says it was met in time.
    await card.getByRole('button', { name: 'Mark contacted' }).click();
    const contacted = page
      .getByRole('region', { name: 'Contacted' })
      .getByRole('article', { name: /Tom Ruiz/ });
    await contacted.waitFor();
    expect(await contacted.textContent()).toMatch(/in time/);
    await expect.poll(() => newColumn.getByRole('article', { name: /Tom Ruiz/ }).count()).toBe(0);

    // The referrer was promoted by their first referral.
    const sarah = await page.request.get(`${server.url}/api/v1/contacts?q=sarah`);
    expect(((await sarah.json()) as { items: { stage: string }[] }).items[0]?.stage).toBe('refers');
    await page.close();
  });

  it("shows a most-wanted category's coverage rise when a contact reaches knows", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, server.url, 'ana@example.com');
    const category = await postJson<{ id: string }>(page, `${server.url}/api/v1/categories`, {
      name: 'Accountants',
    });
    const put = await page.request.put(`${server.url}/api/v1/most-wanted`, {
      data: { categoryIds: [category.id] },
    });
    expect(put.status()).toBe(200);
    const contact = await postJson<{ id: string }>(page, `${server.url}/api/v1/contacts`, {
      name: 'Priya Patel',
      categoryId: category.id,
    });

    await page.goto(`${server.url}/network/most-wanted`);
    const coverage = page.getByLabel(/Accountants: \d+ of 5 relationships/);
    await expect
      .poll(async () => (await coverage.getAttribute('aria-label')) ?? '')
      .toMatch(/0 of 5/);

    // Move the contact to "knows" on their page, then come back.
    await page.goto(`${server.url}/contacts/${contact.id}`);
    await page.getByLabel('Stage', { exact: true }).selectOption('knows');
    await expect
      .poll(
        async () =>
          (await page.locator('section', { hasText: 'Stage history' }).first().textContent()) ?? '',
      )
      .toMatch(/Met → Knows/);
    await page.goto(`${server.url}/network/most-wanted`);
    await expect
      .poll(async () => (await coverage.getAttribute('aria-label')) ?? '')
      .toMatch(/1 of 5/);
    await page.screenshot({ path: path.join(output, 'most-wanted.png'), fullPage: true });
    await context.close();
  });
});
