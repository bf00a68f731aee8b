import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type RunningServer,
  sendJson,
  sendThroughSink,
  signUpPractice,
  startServer,
  testOutput,
  useSmtpSink,
} from './server.ts';

describe('a commitment, two weeks of silence, and the reminder letter', () => {
  let server: RunningServer | undefined;
  let browser: Browser;
  const smtp = useSmtpSink();

  beforeAll(async () => {
    mkdirSync(testOutput, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers the reminder two weeks later, restates both incentives, and sends it through SMTP', async () => {
    server = await startServer();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, server.url, 'jane@example.com');
    const sarah = await sendJson<{ id: string }>(page, 'POST', `${server.url}/api/v1/contacts`, {
      name: 'Sarah Chen',
      email: 'sarah@example.com',
      emailConsent: true,
      stage: 'trusts',
      roles: ['client'],
    });
    await sendThroughSink(page, server.url, smtp);

    // Record the commitment, with an incentive for her and one for the people she refers.
    await page.goto(`${server.url}/contacts/${sarah.id}`);
    await page.getByRole('button', { name: 'Record a commitment' }).click();
    await page.getByLabel('Promised referrals').fill('5');
    await page.getByLabel('Incentive for them', { exact: true }).fill('a signed copy of my book');
    await page.getByLabel('Incentive for the people they refer').fill('a free first session');
    await page.getByRole('button', { name: 'Save commitment' }).click();
    await page.getByText('0 of 5').first().waitFor();
    await expect.poll(() => page.getByText('Reminder due').count()).toBe(0);

    // Two weeks later: the same data, the server's clock 15 days ahead.
    await server.stop({ keepData: true });
    server = await startServer({ VOUCH_CLOCK_OFFSET_DAYS: '15' }, server.dataDir);
    await page.goto(`${server.url}/contacts/${sarah.id}`);
    await page.getByText('Reminder due').first().waitFor();
    await page.getByRole('button', { name: 'Draft reminder letter' }).first().click();
    const letter = page.getByLabel('Letter', { exact: true });
    await expect
      .poll(async () => letter.inputValue(), { timeout: 10_000 })
      .toMatch(/signed copy of my book/);
    const text = await letter.inputValue();
    expect(text).toMatch(/free first session/);
    await page.screenshot({ path: path.join(testOutput, 'reminder-letter.png'), fullPage: true });
    await page.getByRole('button', { name: 'Send email' }).click();

    // The outbox shows it sent, and the SMTP peer received it once, with the opt-out link.
    await page.goto(`${server.url}/outbox`);
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '', {
        timeout: 30_000,
        interval: 1000,
      })
      .toMatch(/\bsent\b/i);
    await page.screenshot({ path: path.join(testOutput, 'outbox.png'), fullPage: true });
    expect(smtp.messages).toHaveLength(1);
    const raw = smtp.messages[0]?.raw ?? '';
    expect(raw).toMatch(/^To: .*sarah@example\.com/im);
    expect(raw).toMatch(/List-Unsubscribe:/i);
    expect(raw.replace(/=\r?\n/g, '')).toMatch(/signed copy of my book/);
    await context.close();
  });
});
