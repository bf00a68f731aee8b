import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import { signUpPractice, useServerAndBrowser } from './server.ts';

/** The screenshots of the import page, committed beside the docs. */
const screenshots = path.resolve(import.meta.dirname, '../docs/screenshots');

/**
 * The whole page in one picture: the viewport grows to the page's height first, since a
 * full-page capture would paint the fixed header halfway down.
 */
async function screenshotWholePage(page: Page, file: string): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: path.join(screenshots, file) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Data rows in the file: enough batches of the worker for the bar to be seen between its ends
 * (a few seconds of work), and for undo to have many contacts to remove.
 */
const ROWS = 20_000;
const rowsText = ROWS.toLocaleString('en-US');
/** Every row but the duplicate and the invalid one. */
const created = ROWS - 2;

/**
 * A Google Contacts export as Google writes it (its column names, " ::: " in Labels), with a
 * column of the user's own, "Work phone", that no export format names: the detector leaves it
 * out and the user maps it. Line 3 repeats the hand-made contact's email (in capitals), line 4
 * has an email that is not one; every other row is a new person whose only phone is the work one.
 */
function googleCsv(): string {
  const header =
    'First Name,Middle Name,Last Name,Name Prefix,Organization Name,Notes,Labels,' +
    'E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Work phone';
  const lines = [
    header,
    'Priya,,Natarajan,,Natarajan Law,"Met at the spring mixer.",* myContacts ::: Clients,* Work,priya.natarajan@example.com,,,+1 312 555 0100',
    'Maya,,Lindqvist,,,,* myContacts,* Home,MAYA.LINDQVIST@example.com,,,',
    'Tom,,Broken,,,,* myContacts,* Home,not-an-email,,,',
  ];
  for (let i = lines.length; i <= ROWS; i += 1)
    lines.push(
      `Person${i},,Imported,,Firm ${i},,* myContacts,* Work,person${i}@example.com,,,+1 312 555 ${String(1000 + i).padStart(4, '0')}`,
    );
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Issue 13 point 3: a Google CSV brought in through the web — the preview with its outcomes,
 * one column mapped by hand, the defaults, the progress bar (which a reload keeps), the summary
 * with the invalid row's line and why, the imported contact with the mapped phone, and undo.
 */
describe('importing contacts from a Google CSV', () => {
  const app = useServerAndBrowser();

  it('upload, fix a column, watch it run, read the summary, undo', async () => {
    mkdirSync(screenshots, { recursive: true });
    const base = app.server.url;
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, base, 'import@example.com');

    // A contact typed by hand, whom the file repeats.
    await page.goto(`${base}/contacts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Maya Lindqvist');
    await page.getByLabel('Email').fill('maya.lindqvist@example.com');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { name: 'Maya Lindqvist', level: 1 }).waitFor();

    // Contacts → Import contacts → the file.
    await page.goto(`${base}/contacts`);
    await page.getByRole('button', { name: 'Import contacts' }).click();
    await page.getByRole('heading', { name: 'Import contacts', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/contacts/import');
    await page.getByLabel('Contacts file').setInputFiles({
      name: 'google-contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(googleCsv(), 'utf8'),
    });
    await page.waitForURL(/\/contacts\/import\/[^/]+$/);
    const importPath = new URL(page.url()).pathname;
    await page.getByText(`google-contacts.csv · Google Contacts CSV · ${rowsText} rows`).waitFor();

    // The preview: what the detector chose, and what becomes of the first rows.
    const columns = page.getByRole('region', { name: 'Columns' });
    const workPhone = columns.getByLabel('Import column “Work phone” as');
    expect(await workPhone.inputValue(), 'a column of the user’s own is left out').toBe('ignore');
    expect(await columns.getByLabel('Import column “E-mail 1 - Value” as').inputValue()).toBe(
      'email',
    );
    const rows = page.getByRole('region', { name: 'The first rows' });
    const line = (n: number) =>
      rows
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
    await line(3).getByText('Duplicate', { exact: true }).waitFor();
    expect(await line(3).textContent()).toMatch(/Maya Lindqvist/);
    await line(4).getByText('Invalid', { exact: true }).waitFor();
    expect(await line(4).textContent()).toMatch(/not an email address/);
    await line(2).getByText('New', { exact: true }).waitFor();
    expect(await line(2).getByRole('cell').nth(2).textContent(), 'no phone yet').toBe('—');

    // The user's fix: "Work phone" is a phone. The first rows are asked again under it.
    await workPhone.selectOption('phone');
    await expect.poll(() => line(2).getByRole('cell').nth(2).textContent()).toBe('+1 312 555 0100');
    expect(await page.getByRole('button', { name: 'Start import' }).isEnabled()).toBe(true);
    const consent = page.getByLabel('I have their consent to email them');
    expect(await consent.isChecked(), 'off unless the user says so').toBe(false);
    await page.getByLabel('Stage').selectOption('knows');
    await page.getByRole('checkbox', { name: 'Colleague' }).check();
    // A circle made on the spot, by the field the contact form uses too; a refusal shows on
    // the field and keeps what was typed.
    const circles = page.getByLabel('Circles');
    await circles.fill('x'.repeat(201));
    await page.getByRole('option', { name: /^\+ Create circle/ }).click();
    await page.getByText(/200 characters/).waitFor();
    expect(await circles.inputValue()).toBe('x'.repeat(201));
    await circles.fill('Spring mixer');
    expect(await page.getByText(/200 characters/).count(), 'typing clears it').toBe(0);
    await page.getByRole('option', { name: '+ Create circle “Spring mixer”' }).click();
    await page.getByText('Spring mixer', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the import preview');
    await screenshotWholePage(page, 'import-preview.png');

    // Start: the progress bar moves between its ends, keeps its place over a reload, and
    // ends in the summary.
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor();
    const rowsOf = (text: string | null) =>
      Number(text?.match(/^[\d,]+/)?.[0].replaceAll(',', '') ?? Number.NaN);
    // Seen between its ends at least once, with the rows and their pace.
    let midway = '';
    await expect
      .poll(
        async () => {
          const text = (await bar.getAttribute('aria-valuetext')) ?? '';
          if (rowsOf(text) > 0 && rowsOf(text) < ROWS) midway = text;
          return midway;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toMatch(new RegExp(`^[\\d,]+ of ${rowsText} rows · [\\d,]+ rows/s$`));
    await page.reload();
    await bar.waitFor();
    expect(new URL(page.url()).pathname).toBe(importPath);
    // After the reload the bar goes on from where the import is, never from zero.
    expect(rowsOf(await bar.getAttribute('aria-valuetext'))).toBeGreaterThanOrEqual(rowsOf(midway));

    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuetext')).toBe(`${rowsText} of ${rowsText} rows`);
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const stat = async (label: string) =>
      (await summary.locator('dt', { hasText: label }).locator('+ dd').textContent()) ?? '';
    expect(await stat('Created')).toBe(created.toLocaleString('en-US'));
    expect(await stat('Merged')).toBe('0');
    expect(await stat('Skipped')).toBe('1');
    expect(await stat('Invalid')).toBe('1');
    const problems = page.getByRole('region', { name: 'Rows not imported' });
    const problem = problems.getByRole('row').filter({ hasText: 'not an email address' });
    await problem.waitFor();
    expect(await problem.getByRole('cell').first().textContent()).toBe('4');
    // The column, never the value: the reason is kept after the person could be erased.
    expect(await problem.textContent()).toContain('E-mail 1 - Value is not an email address');
    expect(await problem.textContent()).not.toContain('not-an-email');
    await expectNoAxeViolations(page, 'the import summary');
    await screenshotWholePage(page, 'import-summary.png');

    // The contacts list holds them; Priya has the phone from the column mapped by hand.
    await summary.getByRole('link', { name: 'See your contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.getByText('Showing 50 contacts (more available)').waitFor();
    await page.getByLabel('Search contacts').fill('Priya');
    await page.getByRole('link', { name: 'Priya Natarajan' }).click();
    await page.getByRole('heading', { name: 'Priya Natarajan', level: 1 }).waitFor();
    await page.getByText('+1 312 555 0100').first().waitFor();
    expect(await page.getByLabel('Stage', { exact: true }).inputValue(), 'the default chosen').toBe(
      'knows',
    );
    await page.getByText(/Spring mixer/).waitFor();

    // Undo: it asks first, then says what it removed; the hand-made contact stays.
    await page.goto(`${base}${importPath}`);
    await page.getByRole('button', { name: 'Undo this import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
    await dialog.getByText(/nothing has touched since/).waitFor();
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await page
      .getByText(
        `Removed ${created.toLocaleString('en-US')} contacts. Every contact it created is gone.`,
      )
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Undo this import' }).count()).toBe(0);

    await page.goto(`${base}/contacts`);
    await page.getByText('Showing 1 contact', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Maya Lindqvist' }).waitFor();
    await context.close();
  });
});
