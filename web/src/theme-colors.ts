/**
 * Colours that pass WCAG 2.1 AA (issue 11, point 18). Mantine's palettes are kept, except the
 * shades that text, filled buttons, badges and focus rings use in the light scheme, which are
 * darkened (hue kept) just enough:
 * - shades 7–9 (8 is `filled`, `text`, links and outlines; 9 is the light variant's text):
 *   4.5:1 on white, on the greys rows and hovers use, and on the colour's own light shades;
 *   white on shade 8 (filled buttons, badges) is 4.5:1 by the same measure;
 * - the dimmed grey (gray-6): 4.5:1 on white, the light greys and every colour's light
 *   backgrounds (alerts, light badges);
 * - the primary colour's shade 6 (Today's focus ring): 3:1 on white, as non-text contrast asks.
 */

export type Palette = readonly string[];

const channel = (hex: string, at: number) => Number.parseInt(hex.slice(at, at + 2), 16);

function rgbOf(hex: string): [number, number, number] {
  const full = hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;
  return [channel(full, 1), channel(full, 3), channel(full, 5)];
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

const hex2 = (n: number) =>
  Math.round(Math.max(0, Math.min(255, n)))
    .toString(16)
    .padStart(2, '0');

/** The colour moved towards black by `amount` (0–1), its hue kept. */
function darker(hex: string, amount: number): string {
  const [r, g, b] = rgbOf(hex);
  const k = 1 - amount;
  return `#${hex2(r * k)}${hex2(g * k)}${hex2(b * k)}`;
}

/** The lightest darkening of `hex` with at least `ratio` against every background. */
export function darkenUntil(hex: string, backgrounds: readonly string[], ratio: number): string {
  for (let amount = 0; amount <= 1; amount += 0.01) {
    const candidate = amount === 0 ? hex : darker(hex, amount);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= ratio)) return candidate;
  }
  return '#000000';
}

/** Text: 4.5:1 (WCAG 1.4.3). Graphics and focus rings: 3:1 (1.4.11). Small margins kept. */
export const textContrast = 4.6;
export const graphicContrast = 3.1;

/** The palettes with the shades above darkened; `primary` names the primary colour. */
export function accessiblePalettes(
  palettes: Readonly<Record<string, Palette>>,
  primary: string,
): Record<
  string,
  [string, string, string, string, string, string, string, string, string, string]
> {
  const gray = palettes.gray ?? [];
  const greys = ['#ffffff', gray[0], gray[1], gray[2]].filter((c): c is string => !!c);
  const out: Record<
    string,
    [string, string, string, string, string, string, string, string, string, string]
  > = {};
  for (const [name, palette] of Object.entries(palettes)) {
    const shades = [...palette] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (name !== 'dark') {
      const own = [shades[0], shades[1], shades[2]];
      if (name === primary) shades[6] = darkenUntil(shades[6], greys, graphicContrast);
      for (const i of [7, 8, 9] as const) {
        const needed = darkenUntil(shades[i], [...greys, ...own], textContrast);
        // Each shade a step darker than the one before it, so hovers stay visible.
        const step = i === 7 ? needed : darker(shades[i - 1] as string, 0.1);
        shades[i] = relativeLuminance(needed) <= relativeLuminance(step) ? needed : step;
      }
    }
    out[name] = shades;
  }
  const lightBackgrounds = Object.entries(palettes)
    .filter(([name]) => name !== 'dark')
    .flatMap(([, p]) => [p[0], p[1]])
    .filter((c): c is string => !!c);
  const grayOut = out.gray;
  if (grayOut) grayOut[6] = darkenUntil(grayOut[6], [...greys, ...lightBackgrounds], textContrast);
  return out;
}
