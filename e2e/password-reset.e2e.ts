import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import {
  sendThroughSink,
  signUpPractice,
  testOutput,
  useServerAndBrowser,
  useSmtpSink,
} from './server.ts';

const EMAIL = 'forgetful@example.com';
const NEW_PASSWORD = 'saffron glacier tandem';

/**
 * Issue 14 §5: "Forgot password?" on sign-in, the link by email through the practice's outbox
 * to a real SMTP server, the page the link opens, and signing in with the new password.
 */
describe('password reset: forgot password, the email, a new password, sign in', () => {
  const running = useServerAndBrowser();
  const smtp = useSmtpSink();

  it('resets a forgotten password from the link in the email', async () => {
    const base = running.server.url;
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpPractice(page, base, EMAIL);
    await sendThroughSink(page, base, smtp);
    await page.request.post(`${base}/api/v1/auth/sign-out`);

    await page.goto(`${base}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).waitFor();
    await page.screenshot({ path: path.join(testOutput, 'sign-in-forgot-password.png') });
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(/If an account uses this email, a link/).waitFor();
    await page.screenshot({ path: path.join(testOutput, 'forgot-password.png') });

    await expect.poll(() => smtp.messages.length, { timeout: 20_000 }).toBe(1);
    const received = smtp.messages[0];
    expect(received?.to).toEqual([EMAIL]);
    const mail = await simpleParser(received?.raw ?? '');
    expect(mail.subject).toBe('Choose a new password for Vouch');
    const link = /(https?:\/\/\S+\/reset-password\?token=\S+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
    // The server's base URL is localhost; the browser reaches it at 127.0.0.1.
    const { pathname, search } = new URL(link);
    await page.goto(`${base}${pathname}${search}`);

    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('New password').fill('password123');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText(/too common or too easy to guess/).waitFor();
    await page.screenshot({ path: path.join(testOutput, 'reset-password.png') });
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed. Sign in with it.').waitFor();
    await page.waitForURL(`${base}/sign-in`);

    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);

    // The link worked once: opened again, it says so plainly.
    await page.request.post(`${base}/api/v1/auth/sign-out`);
    await page.goto(`${base}${pathname}${search}`);
    await page.getByLabel('New password').fill('another quiet harbor');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText(/used already/).waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await context.close();
  });
});
