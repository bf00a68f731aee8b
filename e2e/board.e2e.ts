import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendJson, signUpPractice, testOutput, useServerAndBrowser } from './server.ts';

type Detail = {
  id: string;
  status: string;
  events: {
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    note: string | null;
  }[];
};

describe('the board: it fits the screen, cards move by keyboard and by drag, and moves undo', () => {
  const app = useServerAndBrowser();

  const api = (rest: string) => `${app.server.url}/api/v1${rest}`;
  const referral = async (page: Page, id: string) =>
    (await (await page.request.get(api(`/referrals/${id}`))).json()) as Detail;

  it('fits 1366×900, shows counts and values, moves by keyboard, drag and one click, with undo', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, app.server.url, 'board@example.com');
    const sarah = await sendJson<{ id: string }>(page, 'POST', api('/contacts'), {
      name: 'Sarah Chen',
      stage: 'trusts',
    });
    const add = (name: string, valueMinor?: number) =>
      sendJson<Detail>(page, 'POST', api('/referrals'), {
        referred: { name },
        referrer: { contactId: sarah.id },
        channel: 'phone',
        ...(valueMinor ? { valueMinor, currency: 'USD' } : {}),
      });
    // Enough cards that the old board ran far below the fold.
    for (let i = 0; i < 30; i++) await add(`Person ${String(i).padStart(2, '0')}`);
    const tom = await add('Tom Ruiz', 150_000);
    const una = await add('Una Diaz');
    await sendJson(page, 'POST', api(`/referrals/${una.id}/status`), {
      status: 'contacted',
    });
    const vic = await add('Vic Moreno');
    await sendJson(page, 'POST', api(`/referrals/${vic.id}/status`), { status: 'meeting' });
    const wes = await add('Wes Lane');

    await page.goto(`${app.server.url}/referrals`);
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name} ·`) });
    const cardIn = (columnName: string, who: string) =>
      column(columnName).getByRole('article', { name: who });
    await cardIn('New', 'Tom Ruiz').waitFor();

    // The page does not scroll; the columns do.
    // (a string: this file is type-checked without the DOM library)
    const sizes = (await page.evaluate(
      '({ page: document.documentElement.scrollHeight, viewport: window.innerHeight })',
    )) as { page: number; viewport: number };
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
    // Counts (and the value where there is one) in the column headers.
    expect(await column('New').getByRole('heading').textContent()).toMatch(/^New · 32 · \$1,500/);
    expect(await column('Contacted').getByRole('heading').textContent()).toBe('Contacted · 1');
    await page.screenshot({ path: path.join(testOutput, 'board.png') });

    // By keyboard: Tom's "Move to…" menu → Meeting, a forward move made at once.
    const moveButton = cardIn('New', 'Tom Ruiz').getByRole('button', { name: 'Move Tom Ruiz to…' });
    await moveButton.focus();
    await page.keyboard.press('Enter');
    const meetingItem = page.getByRole('menuitem', { name: /^Meeting/ });
    await meetingItem.waitFor();
    // The arrow keys move the focus through the menu's items, to Meeting.
    const focused = async () => String(await page.evaluate('document.activeElement?.textContent'));
    for (let i = 0; i < 8 && !(await focused()).startsWith('Meeting'); i++)
      await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Meeting');
    await page.keyboard.press('Enter');
    await cardIn('Meeting', 'Tom Ruiz').waitFor();
    expect((await referral(page, tom.id)).status).toBe('meeting');

    // Backwards by keyboard: Una (contacted) → New asks for the reason of the correction.
    await cardIn('Contacted', 'Una Diaz')
      .getByRole('button', { name: 'Move Una Diaz to…' })
      .focus();
    await page.keyboard.press('Enter');
    const newItem = page.getByRole('menuitem', { name: 'New (correction)' });
    await newItem.waitFor();
    await newItem.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Correct Una Diaz/ });
    await dialog.getByRole('button', { name: 'Correct status' }).click();
    await dialog.getByText(/Say why the status is corrected/).waitFor();
    await dialog.getByLabel('Reason').fill('Logged on the wrong card');
    await page.keyboard.press('Tab');
    await dialog.getByRole('button', { name: 'Correct status' }).press('Enter');
    await cardIn('New', 'Una Diaz').waitFor();
    const una2 = await referral(page, una.id);
    expect(una2.status).toBe('new');
    expect(una2.events.at(-1)).toMatchObject({
      kind: 'corrected',
      fromStatus: 'contacted',
      toStatus: 'new',
      note: 'Logged on the wrong card',
    });

    // One click: "Mark client" on Vic, then Undo in the toast puts Vic back in Meeting, with
    // the history as it was (the client step taken back, not a correction written over it).
    const vic1 = await referral(page, vic.id);
    await cardIn('Meeting', 'Vic Moreno').getByRole('button', { name: 'Mark client' }).click();
    await cardIn('Client', 'Vic Moreno').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await cardIn('Meeting', 'Vic Moreno').waitFor();
    await page.getByText('Undone.').waitFor();
    const vic2 = await referral(page, vic.id);
    expect(vic2.status).toBe('meeting');
    expect(vic2.events).toEqual(vic1.events);
    expect(vic2.events.some((e) => e.toStatus === 'client')).toBe(false);

    // By drag and drop: Wes from New to Contacted, then onto Closed (which asks which).
    await cardIn('New', 'Wes Lane').dragTo(column('Contacted'));
    await cardIn('Contacted', 'Wes Lane').waitFor();
    await cardIn('Contacted', 'Wes Lane').dragTo(column('Closed'));
    const closeDialog = page.getByRole('dialog', { name: /Close Wes Lane/ });
    await closeDialog.getByRole('radio', { name: 'Declined' }).check();
    await closeDialog.getByRole('button', { name: 'Close referral' }).click();
    await cardIn('Closed', 'Wes Lane').waitFor();
    expect((await referral(page, wes.id)).status).toBe('declined');
    await context.close();
  });

  it('quick-add on Today shows the new "Call" item at once, without a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, app.server.url, 'today@example.com');
    await sendJson(page, 'POST', api('/contacts'), { name: 'Sarah Chen', stage: 'trusts' });
    await page.goto(app.server.url);
    await page.getByText('Nothing is due right now').waitFor();
    await page.keyboard.press('r');
    await page.getByLabel('Referred person').fill('Tom Ruiz');
    await page.getByLabel('Referrer', { exact: true }).fill('Sarah');
    await page.getByRole('option', { name: /Sarah Chen/ }).click();
    await page.getByRole('button', { name: 'Save referral' }).click();
    await page.getByRole('heading', { name: 'Call Tom Ruiz' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('Nothing is due right now').count()).toBe(0);
    await context.close();
  });
});
