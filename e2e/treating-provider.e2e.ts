import { describe, expect, it } from 'vitest';
import { newPage, sendJson, signUpPractice, useServerAndBrowser } from './server.ts';

describe('a treating provider (HIPAA, §3.2) in the contact form', () => {
  const app = useServerAndBrowser();

  it('is offered to a health practice only, and saved on the contact', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'clinic@example.com');
    const contact = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/contacts`,
      {
        name: 'Dr. Lee Wong',
      },
    );
    const checkbox = page.getByLabel('Treating provider');

    // A coaching practice has no treating providers.
    await page.goto(`${app.server.url}/contacts/${contact.id}/edit`);
    await page.getByRole('button', { name: 'Save contact' }).waitFor();
    expect(await checkbox.count()).toBe(0);

    // A health practice marks the physician who refers patients.
    const res = await page.request.patch(`${app.server.url}/api/v1/practice`, {
      data: { profession: 'health' },
    });
    expect(res.status()).toBe(200);
    await page.goto(`${app.server.url}/contacts/${contact.id}/edit`);
    await checkbox.check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Yes: may be told a person was seen or scheduled').waitFor();
    const saved = await page.request.get(`${app.server.url}/api/v1/contacts/${contact.id}`);
    expect(((await saved.json()) as { isTreatingProvider: boolean }).isTreatingProvider).toBe(true);
  });
});
