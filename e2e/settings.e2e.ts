/**
 * Issue 11, Settings: each section on its own page and URL (old #…-title links still land),
 * email called "set up" only after a test went through and a failed test said in words, the
 * port refused rather than clamped, and the letter editor's preview following the typing.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, signUpPractice, testOutput, useServerAndBrowser } from './server.ts';

const sections = [
  ['practice', 'Practice'],
  ['program', 'Program defaults'],
  ['ethics', 'Ethics'],
  ['email', 'Email (SMTP)'],
  ['letters', 'Letters'],
  ['calendar', 'Calendar feed'],
  ['tokens', 'API tokens'],
  ['webhooks', 'Webhooks'],
  ['security', 'Sign-in and sessions'],
  ['audit', 'Audit log'],
  ['data', 'Your data'],
] as const;

/** A port on which nothing listens. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('Settings, one page per section', () => {
  const app = useServerAndBrowser();

  it('loads each section at its own URL; /settings and old anchors redirect', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'settings@example.com');
    await page.goto(`${app.server.url}/settings`);
    await page.waitForURL(/\/settings\/practice$/);
    for (const [slug, title] of sections) {
      await page.goto(`${app.server.url}/settings/${slug}`);
      await page.getByRole('heading', { level: 1, name: `Settings · ${title}` }).waitFor();
      await page.getByRole('region', { name: title }).waitFor();
      // Only that section is on the page.
      expect(await page.getByRole('region', { name: 'Audit log' }).count()).toBe(
        slug === 'audit' ? 1 : 0,
      );
      const nav = page.getByRole('navigation', { name: 'Settings pages' });
      expect(await nav.getByRole('link', { name: title }).getAttribute('aria-current')).toBe(
        'page',
      );
    }
    await page.goto(`${app.server.url}/settings#letters-title`);
    await page.waitForURL(/\/settings\/letters$/);
    await page
      .getByRole('navigation', { name: 'Settings pages' })
      .getByRole('link', { name: 'Email (SMTP)' })
      .click();
    await page.waitForURL(/\/settings\/email$/);
    // A page, not 6,000 px of every section.
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThan(2000);
  });

  it('says "set up" only after a test went through; a failed test in words, the detail folded', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'mail@example.com');
    await page.goto(`${app.server.url}/settings/email`);
    const section = page.getByRole('region', { name: 'Email (SMTP)' });
    await section.getByText('Email is not set up yet').waitFor();

    // A port out of range is refused in the form, not turned into 65535.
    await section.getByLabel('Mail server').fill('127.0.0.1');
    await section.getByLabel('Port').fill('99999');
    await section.getByLabel('From address').fill('office@example.com');
    await section.getByRole('button', { name: 'Save email settings' }).click();
    await section.getByText('Must be a whole number from 1 to 65,535.').waitFor();
    expect(await section.getByLabel('Port').inputValue()).toBe('99999');

    const port = await closedPort();
    await section.getByLabel('Port').fill(String(port));
    await section.getByLabel('Security').selectOption('none');
    await section.getByRole('button', { name: 'Save email settings' }).click();
    await section.getByText('Saved, not tested yet').waitFor();
    expect(await section.getByText('Email is set up').count()).toBe(0);

    await section.getByRole('button', { name: 'Send a test email' }).click();
    const failed = section.getByRole('status').filter({ hasText: 'The test failed' });
    await failed
      .getByText(`Could not reach 127.0.0.1 on port ${port} — check the host and port.`)
      .waitFor();
    const detail = failed.getByText(/ECONNREFUSED/);
    expect(await detail.isVisible()).toBe(false);
    await failed.getByText('Technical detail').click();
    await detail.waitFor({ state: 'visible' });
    expect(await section.getByText('Email is set up').count()).toBe(0);
    await page.screenshot({
      path: path.join(testOutput, 'settings-email-failed-test.png'),
      fullPage: true,
    });
  });

  it('previews a letter as it is typed, on sample data', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'letters@example.com');
    await page.goto(`${app.server.url}/settings/letters`);
    await page.getByRole('button', { name: /Thank you for a referral/ }).click();
    // The opened letter's own editor and preview (the other letters' are folded away).
    const preview = page.locator('[aria-labelledby="tpl-thanks_referral-preview"]');
    await preview.getByTestId('letter-preview-body').waitFor();
    const body = page.locator('#tpl-thanks_referral-body');
    // The sample referrer is a doctor; letters are formal unless the practice says otherwise.
    await body.fill('{{referrer.salutation}} thank you from {{practice.name}}!');
    await expect
      .poll(() => preview.getByTestId('letter-preview-body').textContent())
      .toBe('Dear Dr. Reyes, thank you from Clear Path Coaching!');
    await body.fill('Hello {{referrer.firstName}}');
    await expect
      .poll(() => preview.getByTestId('letter-preview-body').textContent())
      .toBe('Hello Dr. Reyes');
    await body.fill('Hello {{client.secret}}');
    await preview
      .getByRole('alert')
      .getByText(/\{\{client\.secret\}\} is not a merge field/)
      .waitFor();
    await page.screenshot({
      path: path.join(testOutput, 'settings-letter-preview.png'),
      fullPage: true,
    });
    // Nothing was saved by previewing.
    const templates = await page.request.get(`${app.server.url}/api/v1/letter-templates`);
    const items = ((await templates.json()) as { items: { key: string; isEdited: boolean }[] })
      .items;
    expect(items.find((t) => t.key === 'thanks_referral')?.isEdited).toBe(false);
  });

  // Skipped until the practice form (web/src/practice/practice-form.tsx, helper "firstrun")
  // uses <TimeZonePicker>: the lead's one-line swap. Passed with the swap applied locally.
  it('finds a time zone by typing, with the local time there', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'zones@example.com');
    await page.goto(`${app.server.url}/settings/practice`);
    const zone = page
      .getByRole('region', { name: 'Practice' })
      .getByRole('combobox', { name: 'Time zone' });
    expect(await zone.inputValue()).toMatch(/^America\/Chicago — \d\d:\d\d$/);
    await zone.click();
    await zone.fill('berl');
    const options = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toMatch(/^Europe\/Berlin — \d\d:\d\d$/);
    await zone.fill('new york');
    await expect.poll(() => options.first().textContent()).toMatch(/^America\/New_York — /);
    await options.first().click();
    await page.getByRole('button', { name: 'Save practice' }).click();
    await page.getByText('Practice saved.').waitFor();
    const me = await page.request.get(`${app.server.url}/api/v1/practice`);
    expect(((await me.json()) as { timeZone: string }).timeZone).toBe('America/New_York');
  });
});
