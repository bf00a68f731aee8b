import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The WCAG 2.1 A and AA rules: what issue 11 point 18 holds every page to. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

/**
 * Runs axe-core on the page as it is now. The script comes from the npm package (nothing is
 * fetched) and is evaluated through the DevTools protocol, which the app's CSP
 * (`script-src 'self'`) rightly refuses to a script tag.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      // The browser's globals, typed here: the e2e project has no DOM library.
      const { axe, document } = globalThis as unknown as {
        axe: {
          run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }>;
        };
        document: unknown;
      };
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    },
    [...wcagTags],
  );
}

/** One line per failing element: rule, what it asks, where, and axe's summary. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
      ),
    )
    .join('\n');

/** Fails with every violation listed when axe finds any WCAG 2.1 AA problem on the page. */
export async function expectNoAxeViolations(page: Page, where = page.url()): Promise<void> {
  const violations = await axeViolations(page);
  expect(describeViolations(violations), `axe on ${where}`).toBe('');
}
