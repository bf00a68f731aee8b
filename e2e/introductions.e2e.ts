import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import {
  type ReceivedEmail,
  sendJson,
  sendThroughSink,
  signUpPractice,
  testOutput,
  useServerAndBrowser,
  useSmtpSink,
} from './server.ts';

type Referral = {
  id: string;
  channel: string;
  status: string;
  warmHandoff: boolean;
  referrer: { id: string; name: string } | null;
  referred: { id: string; name: string } | null;
};

const BOOKING = 'https://cal.example/clear-path/first-conversation';

/**
 * Issue 12 points 6 and 7: a warm introduction from a referrer's page, sent through Vouch with the
 * referrer in Cc over real SMTP, and one from a referral's page opened in the mail app (mailto:
 * with to, cc, subject and body); the booking link set in Settings travels in both; Insights
 * shows the completion of warm introductions beside the rest.
 */
describe('warm introductions: the booking link, Introduce, the outbox and Insights', () => {
  const running = useServerAndBrowser();
  const smtp = useSmtpSink();

  it('introduces Elena from Maya’s page, and Tom from his referral in the mail app', async () => {
    const base = running.server.url;
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, base, 'intro@example.com');
    await sendThroughSink(page, base, smtp);

    // The booking link, in Settings beside the rest of the practice profile.
    await page.goto(`${base}/settings/practice`);
    const booking = page.getByLabel('Booking link');
    await booking.waitFor();
    expect(await page.getByText(/warm introductions include it/).count()).toBeGreaterThan(0);
    await booking.fill('cal.example/clear-path');
    await page.getByRole('button', { name: 'Save practice' }).click();
    await expect.poll(() => booking.getAttribute('aria-invalid')).toBe('true');
    await booking.fill(BOOKING);
    await page.getByRole('button', { name: 'Save practice' }).click();
    await page.getByText('Practice saved.').waitFor();
    const practice = await page.request.get(`${base}/api/v1/practice`);
    expect(((await practice.json()) as { bookingUrl: string }).bookingUrl).toBe(BOOKING);

    // A referrer with an email address.
    await page.goto(`${base}/contacts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Maya Lindqvist');
    await page.getByLabel('Email', { exact: true }).fill('maya@example.com');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('heading', { name: 'Maya Lindqvist', level: 1 }).waitFor();
    const mayaId = page.url().split('/').at(-1) ?? '';

    // Introduce, from her page: a new person.
    await page.getByRole('button', { name: 'Introduce', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Warm introduction from Maya Lindqvist' });
    await dialog.waitFor();
    const name = dialog.getByLabel('Their name');
    await expect
      .poll(() => page.evaluate<string>('document.activeElement?.id ?? ""'))
      .toBe(await name.getAttribute('id'));
    await expectNoAxeViolations(page);
    // The client's check, then the server's on the field.
    await dialog.getByRole('button', { name: 'Draft' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Elena Sorensen');
    await dialog.getByLabel('Their email').fill('maya@example.com');
    await dialog.getByRole('button', { name: 'Draft' }).click();
    await dialog.getByRole('alert').first().waitFor();
    // The server's refusal (the referrer's own address) lands on the field it names.
    await expect
      .poll(() => dialog.getByLabel('Their email').getAttribute('aria-invalid'))
      .toBe('true');
    await dialog.getByLabel('Their email').fill('elena.sorensen@example.com');
    await dialog
      .getByLabel('A note from you (optional)')
      .fill('Elena is growing her bakery past two shops.');
    await dialog.getByRole('button', { name: 'Draft' }).click();

    // The draft: both addresses, the booking link, the note; the subject focused to edit.
    const subject = dialog.getByLabel('Subject');
    await subject.waitFor();
    await expect
      .poll(() => page.evaluate<string>('document.activeElement?.id ?? ""'))
      .toBe(await subject.getAttribute('id'));
    const addresses = (await dialog.locator('dl').textContent()) ?? '';
    expect(addresses).toContain('Elena Sorensen <elena.sorensen@example.com>');
    expect(addresses).toContain('Maya Lindqvist <maya@example.com>');
    const text = dialog.getByLabel('Email', { exact: true });
    const drafted = await text.inputValue();
    expect(drafted).toContain(BOOKING);
    expect(drafted).toContain('Elena is growing her bakery past two shops.');
    expect(drafted).toContain('Maya');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(testOutput, 'introduction-draft.png') });
    await subject.fill('Elena, meet Jane (Maya suggested it)');
    await text.fill(`${drafted}\n\nP.S. Tuesdays suit me best.`);
    await dialog.getByRole('button', { name: 'Send through Vouch' }).click();

    // Sent: the toast leads to the referral, recorded as a warm handoff and contacted.
    await expect.poll(() => dialog.count()).toBe(0);
    const toast = page.locator('.mantine-Notification-root', {
      hasText: 'Introduction sent through Vouch',
    });
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/To Elena Sorensen, with Maya Lindqvist in Cc/);
    await toast.getByRole('button', { name: 'Open the referral' }).click();
    await page.waitForURL(/\/referrals\/[^/]+$/);
    await page.getByRole('heading', { name: 'Referral: Elena Sorensen', level: 1 }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    const warmField = details.locator('div', { has: page.getByText('Warm hand-off') }).last();
    await expect.poll(async () => warmField.textContent()).toBe('Warm hand-offYes');
    const elenaId = page.url().split('/').at(-1) ?? '';
    const elena = (await (
      await page.request.get(`${base}/api/v1/referrals/${elenaId}`)
    ).json()) as Referral;
    expect(elena).toMatchObject({
      warmHandoff: true,
      status: 'contacted',
      referrer: { id: mayaId, name: 'Maya Lindqvist' },
      referred: { name: 'Elena Sorensen' },
    });

    // The outbox lists the email with Maya in Cc; the SMTP peer gets it addressed to both.
    await page.goto(`${base}/outbox`);
    const email = page.getByRole('article', { name: 'Elena, meet Jane (Maya suggested it)' });
    await email.waitFor();
    expect(await email.textContent()).toContain(
      'Email to Elena Sorensen <elena.sorensen@example.com>, Cc Maya Lindqvist <maya@example.com>',
    );
    await expect
      .poll(async () => (await email.textContent()) ?? '', { timeout: 30_000, interval: 1000 })
      .toMatch(/\bsent\b/);
    await email.getByRole('button', { name: /^Open:/ }).click();
    const opened = page.getByRole('dialog', { name: 'Elena, meet Jane (Maya suggested it)' });
    await opened.getByText('Tuesdays suit me best.', { exact: false }).waitFor();
    expect(await opened.textContent()).toMatch(/Cc Maya Lindqvist <maya@example\.com>/);
    await page.keyboard.press('Escape');
    expect(smtp.messages).toHaveLength(1);
    const sent = smtp.messages[0] as ReceivedEmail;
    expect(sent.to.sort()).toEqual(['elena.sorensen@example.com', 'maya@example.com']);
    expect(sent.raw).toMatch(/^To: .*elena\.sorensen@example\.com/im);
    expect(sent.raw).toMatch(/^Cc: .*maya@example\.com/im);
    expect(sent.raw.replace(/=\r?\n/g, '')).toContain(BOOKING);

    // From a referral's page: the person prefilled, then opened in the mail app.
    const tom = await sendJson<Referral>(page, 'POST', `${base}/api/v1/referrals`, {
      referred: { name: 'Tom Ruiz', email: 'tom.ruiz@example.com' },
      referrer: { contactId: mayaId },
      channel: 'phone',
      // Tom agreed that Maya may hear how it goes: an introduction is such news (§3.2).
      consentToUpdate: true,
    });
    expect(tom.warmHandoff).toBe(false);
    await page.goto(`${base}/referrals/${tom.id}`);
    await page.getByRole('heading', { name: 'Referral: Tom Ruiz', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Introduce', exact: true }).click();
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('Their name').inputValue()).toBe('Tom Ruiz');
    expect(await dialog.getByLabel('Their email').inputValue()).toBe('tom.ruiz@example.com');
    await dialog.getByRole('button', { name: 'Draft' }).click();
    await subject.waitFor();
    await subject.fill('Tom, meet Jane');
    // The mail app is outside the browser: the navigation to mailto: is seen as a request, and
    // the address is read back from the link the dialog leaves to open it again.
    const mailtoRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith('mailto:')) mailtoRequests.push(request.url());
    });
    await dialog.getByRole('button', { name: 'Open in my mail app' }).click();
    await dialog.getByText('Recorded as a warm introduction').waitFor();
    const again = dialog.getByRole('link', { name: 'Open the email in my mail app again' });
    const mailto = (await again.getAttribute('href')) ?? '';
    expect(mailto).toMatch(/^mailto:tom\.ruiz@example\.com\?/);
    // Chromium asked for the same address (it writes ' as %27).
    await expect
      .poll(() => mailtoRequests.map(decodeURIComponent))
      .toEqual([decodeURIComponent(mailto)]);
    const query = new URLSearchParams(mailto.slice(mailto.indexOf('?') + 1));
    expect(query.get('cc')).toBe('maya@example.com');
    expect(query.get('subject')).toBe('Tom, meet Jane');
    expect(query.get('body')).toContain(BOOKING);
    expect(query.get('body')).toContain('Tom');
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(async () => warmField.textContent()).toBe('Warm hand-offYes');
    await expect
      .poll(async () => {
        const res = await page.request.get(`${base}/api/v1/referrals/${tom.id}`);
        return ((await res.json()) as Referral).warmHandoff;
      })
      .toBe(true);
    // Nothing was sent for Tom: the mail app sends it. The outbox, not the SMTP peer (whose
    // worker might not have run yet), says nothing was even queued.
    expect(smtp.messages).toHaveLength(1);
    const outbox = (await (await page.request.get(`${base}/api/v1/messages`)).json()) as {
      items: { to: { email: string | null } }[];
    };
    expect(outbox.items.filter((m) => m.to.email === 'tom.ruiz@example.com')).toEqual([]);

    // Insights: warm introductions beside the rest.
    await page.goto(`${base}/insights`);
    const card = page.getByRole('region', { name: 'Warm introductions' });
    await card
      .getByText(
        'Warm introductions: 0 of 1 contacted became clients (0 %). Other referrals: none contacted yet.',
      )
      .first()
      .waitFor({ timeout: 15_000 });
    await card.getByText(/about three times as often/).waitFor();
    const warmRow = card.getByRole('row', { name: /Warm introductions/ });
    expect(await warmRow.getByRole('cell').allTextContents()).toEqual(['1', '0', '0 %']);
    expect(
      await card
        .getByRole('link', { name: 'Download CSV: Warm introductions' })
        .getAttribute('href'),
    ).toMatch(/^\/api\/v1\/insights\/warmHandoff\.csv\?/);
    await expectNoAxeViolations(page);
    await card.screenshot({ path: path.join(testOutput, 'warm-introductions-card.png') });
    await context.close();
  }, 300_000);
});
