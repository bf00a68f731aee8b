import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer } from './server.ts';

const output = path.resolve(import.meta.dirname, '../test-output');

describe('a new practice: sign up → set up → add a contact → find it → change its stage', () => {
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

  it('works end to end in the browser', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);

    // Sign up (the first visit offers it).
    await page
      .getByRole('link', { name: /create|sign up/i })
      .first()
      .click()
      .catch(() => {});
    await page.getByLabel('Practice name').fill('Harbor Counseling');
    await page.getByLabel('Your name').fill('Ana Torres');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Setup.
    await page.getByLabel('Profession').waitFor();
    await page.getByLabel('Profession').click();
    await page.getByRole('option', { name: /Counselor/ }).click();
    await page
      .getByLabel('Value proposition')
      .fill('Ana helps couples in conflict find their way back to each other.');
    const phrases = page.getByLabel('Key phrases');
    for (const phrase of ['couples', 'conflict', 'reconnect']) {
      await phrases.fill(phrase);
      await phrases.press('Enter');
    }
    await page.getByLabel('Ideal client').fill('Couples in their first ten years together');
    await page.getByLabel('Postal address').fill('12 Harbor Rd, Portland, ME 04101');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Add a contact with a new category.
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Dr. Lee Wong');
    const category = dialog.getByLabel('Category');
    await category.click();
    await category.fill('Physicians');
    await page.getByRole('option', { name: /Physicians/ }).click();
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // Find it by search.
    await page.getByLabel('Search contacts').fill('wong');
    const row = page.getByRole('link', { name: 'Dr. Lee Wong' }).first();
    await row.waitFor();
    await page.screenshot({ path: path.join(output, 'contacts.png'), fullPage: true });
    await row.click();

    // Change its stage and see the history.
    const stage = page.getByLabel('Stage');
    await stage.click();
    await page.getByRole('option', { name: /trusts/i }).click();
    const history = page
      .getByRole('region', { name: 'Stage history' })
      .or(page.locator('section', { hasText: 'Stage history' }));
    await expect
      .poll(async () => (await history.first().textContent()) ?? '')
      .toMatch(/met.*trusts|trusts.*met/is);
    await page.screenshot({ path: path.join(output, 'contact-stage-history.png'), fullPage: true });
  });
});
