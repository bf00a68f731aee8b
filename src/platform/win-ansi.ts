/**
 * Text for PDFs set in the built-in fonts (Helvetica, Times…), which encode WinAnsi only:
 * pdfkit writes any other character as garbage ("😀" came out as "Ø=Þ"). What cannot be shown
 * is replaced, never left to crash or print noise: an accented letter outside the set loses
 * its accent ("Ł" → "L", "ő" → "o"), pictographs and emoji are left out, and anything else
 * becomes "?".
 */

/** Windows-1252's characters in 0x80–0x9F; the rest of it is 0x20–0x7E and 0xA0–0xFF. */
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const isWinAnsi = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(ch);
};

/** Letters and marks with no decomposition, by the nearest character that can be shown. */
const nearest: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
  ĸ: 'k',
  Ŋ: 'N',
  ŋ: 'n',
  ẞ: 'SS',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '−': '-',
  '′': "'",
  '″': '"',
  '\u2028': ' ',
  '\u2029': ' ',
  '\t': ' ',
};

/** Emoji, their modifiers, joiners and variation selectors: dropped rather than shown as "?". */
const pictographic = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f/u;

/** One character as WinAnsi can show it ('' when it is left out). */
function showable(ch: string): string {
  if (isWinAnsi(ch)) return ch;
  const mapped = nearest[ch];
  if (mapped !== undefined) return mapped;
  if (ch === '\n' || ch === '\r') return ch;
  if (pictographic.test(ch) || /\p{M}/u.test(ch)) return '';
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base !== '' && [...base].every(isWinAnsi)) return base;
  // Other control and format characters (zero-width spaces, bidi marks) show nothing.
  if (/[\p{Cc}\p{Cf}]/u.test(ch)) return '';
  return '?';
}

/**
 * `text` in characters the standard PDF fonts can show: kept where it can be, its nearest
 * form where there is one ("Ł" → "L"), emoji left out (with the space before them), other
 * characters as "?".
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const shown = showable(ch);
    // "Paaren 🌈, die" → "Paaren, die": an emoji left out takes its space with it.
    if (shown === '' && pictographic.test(ch)) out = out.replace(/ +$/, '');
    out += shown;
  }
  return out === text ? out : out.replace(/ {2,}/g, ' ').replace(/^ +| +$/gm, '');
}
