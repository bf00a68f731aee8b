import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseTimeZone, newPage, testOutput, useServerAndBrowser } from './server.ts';

describe('a new practice: sign up → set up → add a contact → find it → change its stage', () => {
  const app = useServerAndBrowser();

  it('works end to end in the browser', async () => {
    const page = await newPage(app.browser);
    await page.goto(app.server.url);

    // The first visit offers sign-up: three fields.
    await page.getByLabel('Your name').fill('Ana Torres');
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Setup: the practice's name, profession and time zone; the rest waits on Today.
    await page.getByLabel('Practice name').fill('Harbor Counseling');
    await page.getByLabel('Profession').selectOption('counselor');
    await chooseTimeZone(page, 'America/New_York');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Setup lands on Today; add a contact with a new category from Contacts.
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /^Contacts/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Dr. Lee Wong');
    await page.getByLabel('Email').fill('lee.wong@example.com');
    await page.getByLabel('Category').fill('Physicians');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { name: 'Dr. Lee Wong' }).waitFor();

    // Find it by search on the contacts page.
    await page.goto(`${app.server.url}/contacts`);
    await page.getByLabel('Search contacts').fill('wong');
    // The search reaches the address after a pause; a click before then would be undone when
    // the list writes ?q=wong over the contact's address, so wait for the list to settle.
    await page.waitForURL(/[?&]q=wong/);
    const link = page.getByRole('link', { name: 'Dr. Lee Wong' }).first();
    await link.waitFor();
    const row = page.getByRole('row', { name: /Dr\. Lee Wong/ });
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Physicians/);
    await page.screenshot({ path: path.join(testOutput, 'contacts.png'), fullPage: true });
    await link.click();
    await page.waitForURL(/\/contacts\/[^/?]+$/);
    // Wait for the contact's own page: the list has a Stage filter of the same name.
    await page.getByRole('heading', { name: 'Dr. Lee Wong', level: 1 }).waitFor();

    // Change its stage and see the history.
    await page.getByLabel('Stage', { exact: true }).selectOption('trusts');
    await page.getByRole('heading', { name: 'Stage history' }).waitFor();
    await expect
      .poll(() => page.getByText('Met → Trusts').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.screenshot({
      path: path.join(testOutput, 'contact-stage-history.png'),
      fullPage: true,
    });

    // Everything above really reached the database.
    const api = await page.request.get(`${app.server.url}/api/v1/contacts?q=wong`);
    const body = (await api.json()) as { items: { stage: string; category: { name: string } }[] };
    expect(body.items[0]).toMatchObject({ stage: 'trusts', category: { name: 'Physicians' } });
  });
});
