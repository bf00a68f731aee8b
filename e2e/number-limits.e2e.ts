/**
 * A number out of range is refused in the form, never changed (issue 11 point 4): a goal of 0
 * was saved as 1 ("Goal reached", "4200 %") and a keep-in-touch cadence of −5 as 1, because the
 * number input clamped what was typed when it lost focus.
 */
import { describe, expect, it } from 'vitest';
import { newPage, signUpPractice, useServerAndBrowser } from './server.ts';

describe('number inputs keep what was typed and say what is allowed', () => {
  const app = useServerAndBrowser();

  it('a goal of 0 and a cadence of −5 are refused with the range, and nothing is saved', async () => {
    const page = await newPage(app.browser);
    const url = app.server.url;
    await signUpPractice(page, url, 'limits@example.com');

    await page.goto(`${url}/goals`);
    const goal = page.getByLabel('New clients from referrals this year');
    await goal.fill('0');
    await goal.blur();
    expect(await goal.inputValue()).toBe('0');
    await page.getByRole('button', { name: 'Save goal' }).click();
    await page.getByText('Must be a whole number from 1 to 10,000.').waitFor();
    await expect.poll(async () => await goal.getAttribute('aria-invalid')).toBe('true');
    const current = await page.request.get(`${url}/api/v1/goals/current`);
    expect(await current.json()).toBeNull();

    await page.goto(`${url}/contacts`);
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Lee Wong');
    const cadence = page.getByLabel('Keep in touch every (days)');
    await cadence.fill('-5');
    await cadence.blur();
    expect(await cadence.inputValue()).toBe('-5');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Must be a whole number from 1 to 730.').waitFor();
    const contacts = await page.request.get(`${url}/api/v1/contacts?q=wong`);
    expect(((await contacts.json()) as { items: unknown[] }).items).toEqual([]);
    await page.close();
  });
});
