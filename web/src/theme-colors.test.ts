import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { accessiblePalettes, contrastRatio } from './theme-colors';

const palettes = accessiblePalettes(DEFAULT_THEME.colors, 'teal');
const white = '#ffffff';
const names = Object.keys(palettes).filter((name) => name !== 'dark');
const shade = (name: string, i: number) => palettes[name]?.[i] ?? '';

describe('the theme colours pass WCAG 2.1 AA', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', white)).toBeCloseTo(21, 5);
    // The failures axe reported on the old theme.
    expect(contrastRatio('#868e96', white)).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#099268', white)).toBeCloseTo(3.95, 2);
    expect(contrastRatio('#087f5b', '#c3fae8')).toBeCloseTo(4.33, 2);
  });

  it('text, links and filled buttons (shade 8) read at 4.5:1 on white and the light greys', () => {
    for (const name of names)
      for (const bg of [white, shade('gray', 0), shade('gray', 1)]) {
        expect(contrastRatio(shade(name, 8), bg), `${name}-8 on ${bg}`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(shade(name, 7), bg), `${name}-7 on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
  });

  it('the light variant (shade 9 on shades 1 and 2) reads at 4.5:1', () => {
    for (const name of names)
      for (const bg of [shade(name, 1), shade(name, 2)])
        expect(contrastRatio(shade(name, 9), bg), `${name}-9 on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('dimmed text (gray-6) reads at 4.5:1 on white, the greys and every light background', () => {
    for (const bg of [white, ...names.flatMap((name) => [shade(name, 0), shade(name, 1)])])
      expect(contrastRatio(shade('gray', 6), bg), `gray-6 on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it("the primary colour's shade 6 (Today's focus ring) has 3:1 on white", () => {
    expect(contrastRatio(shade('teal', 6), white)).toBeGreaterThanOrEqual(3);
  });

  it('keeps the light shades and the hue: only what fails is darkened', () => {
    for (const name of names)
      for (const i of [0, 1, 2, 3, 4, 5])
        expect(shade(name, i)).toBe(DEFAULT_THEME.colors[name]?.[i]);
    expect(shade('dark', 7)).toBe(DEFAULT_THEME.colors.dark[7]);
  });
});
