import { describe, expect, it } from 'vitest';
import { newPage, signUpPractice, useServerAndBrowser } from './server.ts';

describe('the app under its Content-Security-Policy, and the sessions section', () => {
  const app = useServerAndBrowser();

  it('runs without CSP violations; changes the password and signs out everywhere', async () => {
    const page = await newPage(app.browser);
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await signUpPractice(page, app.server.url, 'secure@example.com');

    const res = await page.goto(`${app.server.url}/settings#security-title`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    const section = page.getByRole('region', { name: 'Sign-in and sessions' });
    await section.getByLabel('Current password').fill('correct horse battery');
    await section.getByLabel('New password').fill('password');
    await section.getByRole('button', { name: 'Change password' }).click();
    await section.getByText(/^is too common or too easy to guess/).waitFor();
    await section.getByLabel('New password').fill('seven quiet lanterns drift');
    await section.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.', { exact: false }).waitFor();

    await section.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect((await page.request.get(`${app.server.url}/api/v1/me`)).status()).toBe(401);
    const again = await page.request.post(`${app.server.url}/api/v1/auth/sign-in`, {
      data: { email: 'secure@example.com', password: 'seven quiet lanterns drift' },
    });
    expect(again.status()).toBe(200);
    expect(violations).toEqual([]);
  });
});
