import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendJson, signUpPractice, testOutput, useServerAndBrowser } from './server.ts';

/** Whether the whole element is inside the viewport as it stands (nothing scrolled to it). */
async function isInView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return (
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= viewport.height &&
    box.x + box.width <= viewport.width
  );
}

/** Issue 11 point 8: quick-add is quick, at a laptop's size and at a phone's. */
describe('quick-add: the first referral of a new practice, entered as it happened', () => {
  const app = useServerAndBrowser();

  const sizes = [
    { name: 'desktop', viewport: { width: 1366, height: 900 }, isMobile: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  ] as const;

  for (const size of sizes)
    it(`on a ${size.name} (${size.viewport.width}×${size.viewport.height}): Save in view, Escape while typing, the draft kept, a new referrer made inline`, async () => {
      const context = await app.browser.newContext({
        viewport: size.viewport,
        isMobile: size.isMobile,
        hasTouch: size.isMobile,
      });
      const page = await context.newPage();
      await signUpPractice(page, app.server.url, `first-week-${size.name}@example.com`);
      // A contact already in the network, to show the picker still finds people.
      await sendJson(page, 'POST', `${app.server.url}/api/v1/contacts`, { name: 'Sarah Chen' });
      await page.goto(`${app.server.url}/referrals?view=list`);
      await page.getByRole('heading', { level: 1 }).waitFor();

      const dialog = page.getByRole('dialog', { name: 'Add referral' });
      const save = dialog.getByRole('button', { name: 'Save referral' });
      await page.getByRole('button', { name: 'Add referral' }).first().click();
      await dialog.waitFor();
      expect(await isInView(page, save), 'Save in view when the dialog opens').toBe(true);

      // Who was referred (new: email and phone appear), and a referrer who is not a contact yet.
      await dialog.getByLabel('Referred person').fill('Tom Ruiz');
      await dialog.getByLabel('Their phone (optional)').fill('555 0100');
      const referrer = dialog.getByLabel('Referrer', { exact: true });
      await referrer.click();
      await referrer.pressSequentially('Dr. Alan Rey');
      await dialog.getByText(/New contact: “Dr\. Alan Rey” will be created/).waitFor();

      // Escape while typing in the picker closes the dialog (it used to be swallowed).
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count(), { timeout: 5_000 }).toBe(0);

      // Reopening (by the shortcut) restores what was typed.
      await page.keyboard.press('r');
      await dialog.waitFor();
      expect(await dialog.getByLabel('Referred person').inputValue()).toBe('Tom Ruiz');
      expect(await dialog.getByLabel('Their phone (optional)').inputValue()).toBe('555 0100');
      expect(await referrer.inputValue()).toBe('Dr. Alan Rey');
      await dialog.getByText('Restored what you typed before.').waitFor();

      await referrer.fill('Dr. Alan Reyes');
      await dialog.getByLabel('Referrer’s email (optional)').fill('alan.reyes@example.com');
      await dialog.getByLabel('Need').fill('Back pain after a fall');
      // The most the dialog shows unfolded: Save is still in view, nothing scrolled.
      expect(await isInView(page, save), 'Save in view with every unfolded field').toBe(true);
      expect(await dialog.getByLabel('Channel').isVisible()).toBe(false);
      await page.screenshot({ path: path.join(testOutput, `quick-add-${size.name}.png`) });
      // The rest is one click away.
      await dialog.getByRole('button', { name: 'More details' }).click();
      await dialog.getByLabel('Channel').selectOption({ label: 'Phone' });
      await save.click();

      // Saved: the toast's "Open it" stays, for a keyboard to reach.
      const toast = page.locator('.mantine-Notification-root', { hasText: 'Referral saved' });
      await toast.waitFor();
      expect(await toast.textContent()).toContain('Tom Ruiz, from Dr. Alan Reyes.');
      await expect.poll(() => dialog.count()).toBe(0);

      // The referral is on the list at once, without a reload.
      const row = page.getByRole('main').getByText('Tom Ruiz');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0);

      // The referrer is a contact now, who refers; the referral is theirs.
      const found = await page.request.get(`${app.server.url}/api/v1/contacts?q=alan`);
      const contacts = (
        (await found.json()) as {
          items: { name: string; email: string; stage: string }[];
        }
      ).items;
      expect(contacts).toMatchObject([
        { name: 'Dr. Alan Reyes', email: 'alan.reyes@example.com', stage: 'refers' },
      ]);

      await page.waitForTimeout(5_000);
      const openIt = toast.getByRole('button', { name: 'Open it' });
      expect(await openIt.isVisible(), 'the toast is still there after 5 s').toBe(true);
      await openIt.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/referrals\/[^/?]+$/);

      // After Save the draft is gone: a new quick-add starts empty.
      await page.keyboard.press('r');
      await dialog.waitFor();
      expect(await dialog.getByLabel('Referred person').inputValue()).toBe('');
      expect(await dialog.getByText('Restored what you typed before.').count()).toBe(0);

      // "Clear" drops a kept draft.
      await dialog.getByLabel('Need').fill('Something to drop');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await page.keyboard.press('r');
      await dialog.waitFor();
      expect(await dialog.getByLabel('Need').inputValue()).toBe('Something to drop');
      await dialog.getByRole('button', { name: 'Clear' }).click();
      expect(await dialog.getByLabel('Need').inputValue()).toBe('');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      await page.keyboard.press('r');
      await dialog.waitFor();
      expect(await dialog.getByLabel('Need').inputValue()).toBe('');
      await context.close();
    });
});
