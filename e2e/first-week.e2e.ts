import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import { chooseTimeZone, useServerAndBrowser } from './server.ts';

/** The screenshots the issue asks for, committed beside the docs. */
const screenshots = path.resolve(import.meta.dirname, '../docs/screenshots');

const sizes = [
  { name: 'desktop', viewport: { width: 1366, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

/**
 * Issue 11, "Done when": a new practice's first week, as a practitioner walks it — sign up with
 * three fields, the checklist, quick-add with a new referrer from Today (the item appears at
 * once), log the call, undo it, thank the "Dr." referrer ("Dear Dr. Reyes,"), the board by
 * keyboard — at a laptop's size and at a phone's, with axe on every page it passes.
 */
describe('a practitioner’s first week', () => {
  const app = useServerAndBrowser();

  for (const size of sizes)
    it(`on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, async () => {
      mkdirSync(screenshots, { recursive: true });
      const context = await app.browser.newContext({
        viewport: size.viewport,
        isMobile: size.isMobile,
        hasTouch: size.isMobile,
      });
      const page = await context.newPage();
      const shot = (name: string) =>
        page.screenshot({ path: path.join(screenshots, `${name}-${size.name}.png`) });

      // Sign up: three fields.
      await page.goto(app.server.url);
      await page.getByRole('heading', { name: 'Create your account' }).waitFor();
      await page.getByLabel('Your name').fill('Sam Rivera');
      await page.getByLabel('Email').fill(`sam.${size.name}@example.com`);
      await page.getByLabel('Password').fill('correct horse battery');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Create account' }).click();

      // Setup: three fields, the time zone found by typing.
      await page.getByRole('heading', { name: 'Set up your practice' }).waitFor();
      await page.getByLabel('Practice name').fill('Rivera Physio');
      await page.getByLabel('Profession').selectOption('coach');
      await chooseTimeZone(page, 'America/Chicago');
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Today: the checklist says what is left.
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      await page.getByRole('region', { name: 'Getting started' }).waitFor();

      // Quick-add from Today, with a referrer who is not a contact yet.
      await page.getByRole('button', { name: 'Add referral' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Add referral' });
      await dialog.waitFor();
      await dialog.getByLabel('Referred person').fill('Tom Ruiz');
      const referrer = dialog.getByLabel('Referrer', { exact: true });
      await referrer.click();
      await referrer.pressSequentially('Dr. Alan Reyes');
      await dialog.getByText(/New contact: “Dr\. Alan Reyes” will be created/).waitFor();
      await dialog.getByLabel('Referrer’s email (optional)').fill('alan.reyes@example.com');
      await dialog.getByLabel('Need').fill('Back pain after a fall');
      await expectNoAxeViolations(page);
      await shot('quick-add');
      await dialog.getByRole('button', { name: 'Save referral' }).click();
      await expect.poll(() => dialog.count()).toBe(0);

      // The item appears on Today at once, without a reload; the checklist ticks itself.
      const call = agendaItem(page, 'Call Tom Ruiz');
      await call.waitFor({ timeout: 10_000 });
      const steps = page.getByRole('list', { name: 'Onboarding steps' });
      await steps.getByText('Record a referral you received (done)').waitFor({ timeout: 10_000 });
      await steps.getByText('Add or import your first contacts (done)').waitFor();
      await expectNoAxeViolations(page);
      await shot('today');

      // Log the call; Undo brings the item back; log it again.
      await call.getByRole('button', { name: 'Log the call' }).click();
      await expect.poll(() => call.count(), { timeout: 10_000 }).toBe(0);
      const toast = page.locator('.mantine-Notification-root').last();
      await toast.getByRole('button', { name: 'Undo' }).click();
      await call.waitFor({ timeout: 10_000 });
      await call.getByRole('button', { name: 'Log the call' }).click();
      await expect.poll(() => call.count(), { timeout: 10_000 }).toBe(0);

      // Thank the referrer: the letter greets the doctor as a doctor.
      const thank = page.locator('[data-agenda-item^="thank:"]').first();
      await thank.waitFor();
      await thank.focus();
      await page.keyboard.press('Enter');
      const letter = page.getByRole('dialog', { name: /Thank-you letter/ });
      await letter.waitFor();
      const body = letter.getByLabel('Letter', { exact: true });
      await expect.poll(() => body.inputValue(), { timeout: 10_000 }).toMatch(/^Dear Dr\. Reyes,/);
      // Kept as a letter (no email set up yet): the thank-you is recorded, the item leaves Today.
      await letter.getByRole('button', { name: 'Save as letter' }).click();
      await letter.getByText('Letter saved').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => thank.count(), { timeout: 10_000 }).toBe(0);

      // The board, by keyboard: Tom moves from Contacted to Meeting.
      await page.goto(`${app.server.url}/referrals`);
      const card = page.getByRole('article', { name: 'Tom Ruiz' });
      await card.waitFor();
      await card.getByRole('button', { name: 'Move Tom Ruiz to…' }).focus();
      await page.keyboard.press('Enter');
      const meeting = page.getByRole('menuitem', { name: /^Meeting/ });
      await meeting.waitFor();
      // (a string: this file is type-checked without the DOM library)
      const focused = async () =>
        String(await page.evaluate('document.activeElement?.textContent'));
      for (let i = 0; i < 8 && !(await focused()).startsWith('Meeting'); i++)
        await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const meetingColumn = page.getByRole('region', { name: /^Meeting ·/ });
      await meetingColumn.getByRole('article', { name: 'Tom Ruiz' }).waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page);
      await shot('board');
      await context.close();
    }, 300_000);
});

/** An item on Today, found by its title. */
function agendaItem(page: Page, title: string) {
  return page.locator('[data-agenda-item]', {
    has: page.getByRole('heading', { name: title, exact: true }),
  });
}
