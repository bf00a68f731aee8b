import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testOutput, useServerAndBrowser } from './server.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('the demo practice: Today and Insights', () => {
  const app = useServerAndBrowser(() => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vouch-e2e-demo-'));
    const demo = spawnSync(process.execPath, ['src/cli.ts', 'demo'], {
      cwd: root,
      env: { ...process.env, VOUCH_DATA_DIR: dataDir, VOUCH_LOG: 'silent', DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    return dataDir;
  });

  it('shows a referral to respond to first; logging the call from the item removes it', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const signIn = await page.request.post(`${app.server.url}/api/v1/auth/sign-in`, {
      data: { email: 'demo@vouch.example', password: 'open house walkthrough' },
    });
    expect(signIn.status()).toBe(200);
    await page.goto(app.server.url);

    // Grouped by kind (issue 11 §10): the referrals to respond to come first.
    const respond = page.getByRole('region', { name: /^Respond to referrals · \d+$/ });
    const first = respond.getByRole('article').first();
    await first.waitFor();
    const title = (await first.getByRole('heading').first().textContent()) ?? '';
    expect(title).toMatch(/^Call /);
    expect(await first.textContent()).toMatch(/past your 24 h window/);
    await page.screenshot({ path: path.join(testOutput, 'today.png'), fullPage: false });

    await first.getByRole('button', { name: 'Log the call' }).click();
    await expect
      .poll(() => page.getByRole('article').filter({ hasText: title }).count(), { timeout: 10_000 })
      .toBe(0);
    // It is gone because the referral changed, not because a flag hid it.
    const agenda = await page.request.get(`${app.server.url}/api/v1/agenda`);
    const items = ((await agenda.json()) as { items: { title: string }[] }).items;
    expect(items.some((i) => i.title === title)).toBe(false);
    await context.close();
  });

  it('renders the insights charts', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.request.post(`${app.server.url}/api/v1/auth/sign-in`, {
      data: { email: 'demo@vouch.example', password: 'open house walkthrough' },
    });
    await page.goto(`${app.server.url}/insights`);
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    const charts = page.getByRole('img');
    await expect.poll(() => charts.count(), { timeout: 15_000 }).toBeGreaterThan(8);
    // recharts draws real shapes: bars, lines and areas with data.
    await expect
      .poll(() =>
        page.locator('.recharts-bar-rectangle, .recharts-line-curve, .recharts-area-area').count(),
      )
      .toBeGreaterThan(10);
    expect(await page.getByRole('link', { name: /Download CSV/ }).count()).toBeGreaterThan(8);
    await page.screenshot({ path: path.join(testOutput, 'insights.png'), fullPage: true });
    await context.close();
  });
});
