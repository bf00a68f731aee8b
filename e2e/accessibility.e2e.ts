import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signOptOutToken } from '../src/outbox/outbox.rules.ts';
import { contrastRatio } from '../web/src/theme-colors.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { sendJson, useServerAndBrowser } from './server.ts';

const root = path.resolve(import.meta.dirname, '..');
const demoUser = { email: 'demo@vouch.example', password: 'open house walkthrough' };

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** Waits until the page has its heading and nothing is loading any more. */
async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ timeout: 15_000 });
  // What is still loading: visible loaders, skeletons and busy regions, by their text.
  const busy = () =>
    page
      .locator('[aria-busy="true"], .mantine-Loader-root, .mantine-Skeleton-root')
      .evaluateAll((els) =>
        els
          .filter((el) => (el as unknown as { checkVisibility: () => boolean }).checkVisibility())
          .map((el) => {
            const e = el as unknown as { outerHTML: string; parentElement: { outerHTML: string } };
            return (e.parentElement?.outerHTML ?? e.outerHTML).slice(0, 300);
          }),
      );
  await expect
    .poll(busy, { timeout: 60_000, message: `still loading on ${page.url()}` })
    .toEqual([]);
  // Transitions (Mantine's fade-ins) end before colours are measured.
  await page.waitForTimeout(400);
}

/**
 * Issue 11 point 18: axe-core (WCAG 2.1 A and AA) on every page of the app, with the demo
 * practice loaded, at desktop and phone sizes, the public pages included: zero violations.
 */
describe('accessibility: every page passes axe-core WCAG 2.1 AA', () => {
  const app = useServerAndBrowser(() => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vouch-e2e-a11y-'));
    const demo = spawnSync(process.execPath, ['src/cli.ts', 'demo'], {
      cwd: root,
      env: { ...process.env, VOUCH_DATA_DIR: dataDir, VOUCH_LOG: 'silent', DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    return dataDir;
  });

  /** Visits each path (or runs each step) and collects axe's findings, labelled. */
  async function audit(
    browser: Browser,
    signIn: boolean,
    steps: { name: string; visit: (page: Page) => Promise<void> }[],
    only: readonly (typeof sizes)[number][] = sizes,
  ): Promise<string[]> {
    const found: string[] = [];
    for (const size of only) {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await context.newPage();
      if (signIn) {
        const res = await page.request.post(`${app.server.url}/api/v1/auth/sign-in`, {
          data: demoUser,
        });
        expect(res.status()).toBe(200);
      }
      for (const step of steps) {
        await step.visit(page);
        const violations = await axeViolations(page);
        if (violations.length > 0)
          found.push(`${step.name} (${size.name}):\n${describeViolations(violations)}`);
      }
      await context.close();
    }
    return found;
  }

  const open = (url: string) => async (page: Page) => {
    await page.goto(`${app.server.url}${url}`);
    await settle(page);
  };

  // One test per size: each walks every page, which takes minutes on a loaded machine.
  it.each(sizes)(
    'the signed-in pages of the demo practice ($name)',
    async (size) => {
      const setupPage = await app.browser.newPage();
      await setupPage.request.post(`${app.server.url}/api/v1/auth/sign-in`, { data: demoUser });
      const referrals = (await (
        await setupPage.request.get(`${app.server.url}/api/v1/referrals?limit=1`)
      ).json()) as { items: { id: string }[] };
      const contacts = (await (
        await setupPage.request.get(`${app.server.url}/api/v1/contacts?limit=1`)
      ).json()) as { items: { id: string }[] };
      const circles = (await (
        await setupPage.request.get(`${app.server.url}/api/v1/circles`)
      ).json()) as { items: { id: string }[] };
      const referral = referrals.items[0]?.id;
      const contact = contacts.items[0]?.id;
      expect(referral && contact).toBeTruthy();
      await setupPage.close();

      const pages: [string, string][] = [
        ['Today', '/today'],
        ['referrals board', '/referrals'],
        ['referrals list', '/referrals?view=list'],
        ['referral detail', `/referrals/${referral}`],
        ['referrals given', '/referrals/given'],
        ['contacts list', '/contacts'],
        ['contact detail', `/contacts/${contact}`],
        ['new contact', '/contacts/new'],
        ['import contacts', '/contacts/import'],
        ['circles', '/network/circles'],
        ['most wanted', '/network/most-wanted'],
        ['reciprocity', '/network/reciprocity'],
        ['commitments', '/commitments'],
        ['incentives', '/incentives'],
        ['goals', '/goals'],
        ['insights', '/insights'],
        ['survey', '/survey'],
        ['referral kit', '/kit'],
        ['outbox', '/outbox'],
        ['settings', '/settings'],
        ['settings: your data', '/settings/data'],
        ['settings: webhooks', '/settings/webhooks'],
        ['not found', '/no-such-page'],
      ];
      const circle = circles.items[0]?.id;
      if (circle) pages.push(['circle detail', `/network/circles/${circle}`]);
      const steps = pages.map(([name, url]) => ({ name, visit: open(url) }));
      steps.push({
        name: 'quick-add dialog',
        visit: async (page) => {
          await page.goto(`${app.server.url}/today`);
          await settle(page);
          await page
            .getByRole('button', { name: /Add referral/ })
            .first()
            .click();
          const dialog = page.getByRole('dialog');
          await dialog.waitFor();
          await page.waitForTimeout(400);
          // The dialog's close button has a name; the contact pickers are comboboxes.
          expect(await dialog.getByRole('button', { name: 'Close' }).count()).toBeGreaterThan(0);
          const pickers = dialog.locator('input[role="combobox"][aria-autocomplete="list"]');
          expect(await pickers.count()).toBeGreaterThan(0);
        },
      });
      steps.push({
        name: "Today's focused card",
        visit: async (page) => {
          await page.goto(`${app.server.url}/today`);
          await settle(page);
          const card = page.locator('article[data-agenda-item]').first();
          await card.focus();
          // The focus ring has 3:1 against the page (WCAG 1.4.11); axe does not measure it.
          const outline = await card.evaluate((el) => {
            const style = (
              globalThis as unknown as {
                getComputedStyle: (e: unknown) => { outlineColor: string; outlineStyle: string };
              }
            ).getComputedStyle(el);
            return { color: style.outlineColor, style: style.outlineStyle };
          });
          expect(outline.style).not.toBe('none');
          const [r, g, b] = (outline.color.match(/\d+/g) ?? []).map(Number);
          const hex = `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
          expect(contrastRatio(hex, '#ffffff'), `focus ring ${hex}`).toBeGreaterThanOrEqual(3);
        },
      });
      const found = await audit(app.browser, true, steps, [size]);
      expect(found.join('\n\n')).toBe('');
    },
    900_000,
  );

  it('the signed-out, first-run and public pages', async () => {
    // A survey link and an opt-out link of the demo practice, as their recipients get them.
    const setupPage = await app.browser.newPage();
    await setupPage.request.post(`${app.server.url}/api/v1/auth/sign-in`, { data: demoUser });
    const contacts = (await (
      await setupPage.request.get(`${app.server.url}/api/v1/contacts?limit=1`)
    ).json()) as { items: { id: string }[] };
    const contactId = contacts.items[0]?.id ?? '';
    const survey = await sendJson<{ recipients: { link?: string }[] }>(
      setupPage,
      'POST',
      `${app.server.url}/api/v1/surveys`,
      { contactIds: [contactId] },
    );
    const surveyLink = new URL(survey.recipients[0]?.link ?? '');
    const session = (await (await setupPage.request.get(`${app.server.url}/api/v1/me`)).json()) as {
      practice: { id: string };
    };
    await setupPage.close();
    const secret = readFileSync(path.join(app.server.dataDir, 'secret'), 'utf8').trim();
    const optOut = signOptOutToken(secret, {
      practiceId: session.practice.id,
      contactId,
      issuedAt: new Date().toISOString(),
    });

    const openPlain = (url: string) => async (page: Page) => {
      await page.goto(`${app.server.url}${url}`);
      await page.locator('h1').first().waitFor();
    };
    const steps = [
      { name: 'sign-in', visit: open('/sign-in') },
      { name: 'sign-up', visit: open('/sign-up') },
      { name: 'public survey', visit: open(surveyLink.pathname) },
      { name: 'opt-out', visit: openPlain(`/api/v1/public/opt-out/${optOut}`) },
      { name: 'opt-out, a bad link', visit: openPlain('/api/v1/public/opt-out/nonsense') },
      {
        name: 'setup',
        visit: async (page: Page) => {
          const email = `new-${Math.random().toString(36).slice(2)}@example.com`;
          const res = await page.request.post(`${app.server.url}/api/v1/auth/sign-up`, {
            data: {
              practiceName: 'Harbor Counseling',
              name: 'Ana Torres',
              email,
              password: 'correct horse battery',
            },
          });
          expect(res.status()).toBe(201);
          await page.goto(`${app.server.url}/setup`);
          await settle(page);
        },
      },
    ];
    const found = await audit(app.browser, false, steps);
    expect(found.join('\n\n')).toBe('');
  }, 300_000);
});
