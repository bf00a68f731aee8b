import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, testOutput, useServerAndBrowser } from './server.ts';

describe('first run: three fields to sign up, three to set up, the rest on a checklist', () => {
  const app = useServerAndBrowser();

  it('signs up, sets up, and finds the checklist on Today, ticking itself', async () => {
    const page = await newPage(app.browser);
    await page.goto(app.server.url);

    // Sign-up asks three things.
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(await page.locator('main input, form input').count()).toBe(3);
    await page.getByLabel('Your name').fill('Sam Rivera');
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Setup asks three things: the time zone comes from the browser.
    await page.getByRole('heading', { name: 'Set up your practice' }).waitFor();
    expect(await page.getByLabel('Value proposition').count()).toBe(0);
    expect(await page.getByLabel('Postal address').count()).toBe(0);
    await page.getByLabel('Practice name').fill('Rivera Coaching');
    await page.getByLabel('Profession').selectOption('coach');
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Today shows what is left.
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const checklist = page.getByRole('region', { name: 'Getting started' });
    await checklist.waitFor();
    await expect.poll(() => checklist.textContent()).toMatch(/0 of 8 done/);
    await page.screenshot({ path: path.join(testOutput, 'first-run-today.png'), fullPage: true });

    // Add a contact; back on Today, its item is ticked without any hand work.
    await checklist.getByRole('link', { name: /Add or import your first contacts/ }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lee Wong');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { name: 'Lee Wong', level: 1 }).waitFor();
    await page.goto(`${app.server.url}/`);
    await checklist.waitFor();
    await expect.poll(() => checklist.textContent()).toMatch(/1 of 8 done/);
    expect(await checklist.getByRole('link', { name: /first contacts/ }).count()).toBe(0);

    // The referrals page says what to do when there are none yet.
    await page.goto(`${app.server.url}/referrals`);
    await page.getByText('No referrals yet — add the first with Add referral (r).').waitFor();
  });

  it('opens a separate demo practice, goes back, and deletes it in one click', async () => {
    const page = await newPage(app.browser);
    await page.goto(`${app.server.url}/sign-in`);
    await page.getByLabel('Email').fill('sam@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Explore a demo practice' }).click();
    await page.getByText('This is the demo practice').waitFor({ timeout: 240_000 });
    await page.getByText('Clear Path Coaching').first().waitFor();
    await page.screenshot({ path: path.join(testOutput, 'demo-today.png') });

    await page.getByRole('button', { name: 'Back to my practice' }).click();
    await page.getByText('Rivera Coaching').first().waitFor();
    expect(await page.getByText('This is the demo practice').count()).toBe(0);

    await page.getByRole('button', { name: 'Open the demo practice' }).click();
    await page.getByText('This is the demo practice').waitFor();
    await page.getByRole('button', { name: 'Delete the demo' }).click();
    await page.getByRole('button', { name: 'Explore a demo practice' }).waitFor();
    await page.getByText('Rivera Coaching').first().waitFor();
    const demo = await page.request.get(`${app.server.url}/api/v1/demo`);
    expect(await demo.json()).toMatchObject({ exists: false, open: false });
  }, 400_000);
});
