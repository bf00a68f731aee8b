import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  type RunningServer,
  sendJson,
  signUpPractice,
  startServer,
} from './server.ts';

describe('a treating provider (HIPAA, §3.2) in the contact form', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is offered to a health practice only, and saved on the contact', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signUpPractice(page, server.url, 'clinic@example.com');
    const contact = await sendJson<{ id: string }>(page, 'POST', `${server.url}/api/v1/contacts`, {
      name: 'Dr. Lee Wong',
    });
    const checkbox = page.getByLabel('Treating provider');

    // A coaching practice has no treating providers.
    await page.goto(`${server.url}/contacts/${contact.id}/edit`);
    await page.getByRole('button', { name: 'Save contact' }).waitFor();
    expect(await checkbox.count()).toBe(0);

    // A health practice marks the physician who refers patients.
    const res = await page.request.patch(`${server.url}/api/v1/practice`, {
      data: { profession: 'health' },
    });
    expect(res.status()).toBe(200);
    await page.goto(`${server.url}/contacts/${contact.id}/edit`);
    await checkbox.check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Yes: may be told a person was seen or scheduled').waitFor();
    const saved = await page.request.get(`${server.url}/api/v1/contacts/${contact.id}`);
    expect(((await saved.json()) as { isTreatingProvider: boolean }).isTreatingProvider).toBe(true);
  });
});
