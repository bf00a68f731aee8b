/**
 * Issue 11 point 17 (and the names of point 1): after a save the contact page opens at the top,
 * and on a phone the phone number and email are tappable links at the top of the page.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendJson, signUpPractice, testOutput, useServerAndBrowser } from './server.ts';

const phone = { width: 390, height: 844 };

/** Whether the element is inside the first screen, without scrolling. */
async function isInFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= phone.height;
}

describe('the contact page', () => {
  const app = useServerAndBrowser();

  it('on a phone: tappable phone and email at the top; after a save it opens at the top', async () => {
    const page = await app.browser.newPage({ viewport: phone, hasTouch: true, isMobile: true });
    await signUpPractice(page, app.server.url, 'contact-page@example.com');
    const contact = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/contacts`,
      {
        name: 'Dr. Alan Reyes',
        phone: '+1 (207) 555-0101',
        email: 'alan.reyes@example.com',
        organization: 'Harbor Medical',
        notes: 'Met at the hospital fundraiser.',
      },
    );
    await page.goto(`${app.server.url}/contacts/${contact.id}`);
    await page.getByRole('heading', { name: 'Dr. Alan Reyes', level: 1 }).waitFor();
    const tel = 'a[href="tel:+12075550101"]';
    const mail = 'a[href="mailto:alan.reyes@example.com"]';
    await page.locator(tel).first().waitFor();
    expect(await isInFirstScreen(page, tel)).toBe(true);
    expect(await isInFirstScreen(page, mail)).toBe(true);
    await expect.poll(() => page.getByText('Dear Dr. Reyes,').count()).toBeGreaterThan(0);

    // Edit at the bottom of a long form: the saved contact opens at the top, not mid-page.
    await page.goto(`${app.server.url}/contacts/${contact.id}/edit`);
    await page.getByLabel('Preferred name').fill('Al');
    await page.getByLabel('Letters greet them').selectOption('informal');
    const save = page.getByRole('button', { name: 'Save contact' });
    await save.scrollIntoViewIfNeeded();
    expect(await page.evaluate<number>('window.scrollY')).toBeGreaterThan(200);
    await save.click();
    await page.getByRole('heading', { name: 'Dr. Alan Reyes', level: 1 }).waitFor();
    await expect
      .poll(() => page.getByText('Dear Al, (their own style)').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBe(0);
    expect(await isInFirstScreen(page, tel)).toBe(true);
    await page.screenshot({ path: path.join(testOutput, 'contact-page-phone.png') });
  });
});
