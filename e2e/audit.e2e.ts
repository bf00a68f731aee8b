import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseTimeZone, newPage, testOutput, useServerAndBrowser } from './server.ts';

describe('an owner reads the audit log in Settings and filters it', () => {
  const app = useServerAndBrowser();

  it('shows the profession change of setup, filtered by action', async () => {
    const page = await newPage(app.browser);
    await page.goto(app.server.url);
    await page.getByLabel('Your name').fill('Ada Quill');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Practice name').fill('Ledger Law');
    await page.getByLabel('Profession').selectOption('attorney');
    await chooseTimeZone(page, 'America/New_York');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();

    await page.goto(`${app.server.url}/settings/audit`);
    const section = page.getByRole('region', { name: 'Audit log' });
    await section.getByRole('table', { name: 'Audit log entries' }).waitFor();
    await section.getByLabel('Action').selectOption('practice.profession_changed');
    const rows = section.getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(async () => (await rows.nth(1).textContent()) ?? '').toMatch(/Ada Quill/);
    expect(await rows.nth(1).textContent()).toContain('"to":"attorney"');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: path.join(testOutput, 'settings-audit-log.png'),
      fullPage: true,
    });
  });
});
