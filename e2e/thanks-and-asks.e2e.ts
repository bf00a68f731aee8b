import { describe, expect, it } from 'vitest';
import { newPage, sendJson, signUpPractice, useServerAndBrowser } from './server.ts';

describe('thanking a referrer and asking for referrals, from their pages', () => {
  const app = useServerAndBrowser();

  it('an ask too early is logged with its warning; a thank-you is recorded from the referral', async () => {
    const page = await newPage(app.browser);
    await signUpPractice(page, app.server.url, 'thanks@example.com');
    const sarah = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/contacts`,
      {
        name: 'Sarah Chen',
      },
    );

    // §3.3: asking someone who only just met you is allowed, with a warning.
    await page.goto(`${app.server.url}/contacts/${sarah.id}`);
    await page.getByRole('button', { name: 'Log ask' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Logged, with a warning' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Sarah Chen/);

    // §3.1: the referral's page offers the thank-you until it is recorded.
    const referral = await sendJson<{ id: string }>(
      page,
      'POST',
      `${app.server.url}/api/v1/referrals`,
      {
        referred: { name: 'Tom Ruiz' },
        referrer: { contactId: sarah.id },
        channel: 'phone',
      },
    );
    await page.goto(`${app.server.url}/referrals/${referral.id}`);
    const record = page.getByRole('button', { name: 'Record thank-you', exact: true });
    await record.click();
    await page.getByText('Thank-you recorded.').waitFor();
    await record.waitFor({ state: 'detached' });
    // One click, one Undo: the thank-you is taken back and the button returns.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone.').waitFor();
    await record.waitFor();
    const undone = await page.request.get(`${app.server.url}/api/v1/referrals/${referral.id}`);
    expect(
      ((await undone.json()) as { thanks: { referral: { state: string } } }).thanks.referral,
    ).not.toMatchObject({ state: 'done' });
    await record.click();
    await record.waitFor({ state: 'detached' });
    const saved = await page.request.get(`${app.server.url}/api/v1/referrals/${referral.id}`);
    const body = (await saved.json()) as { thanks: { referral: { state: string } } };
    expect(body.thanks.referral.state).toBe('done');
  });
});
