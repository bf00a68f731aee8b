/**
 * Alignment of a survey answer with the practice's key phrases (PRODUCT.md §3.7): the share
 * of phrases the answer conveys, tolerant to case, punctuation, word order and word forms.
 * A phrase is conveyed when every one of its content words occurs in the answer as a stem.
 */

/** Words that carry no idea of their own: ignored in phrases and answers alike. */
export const stopWords = new Set(
  `a an the and or but of to in on at for with by from as into about over under than then
  that this these those it its is are was were be been being am do does did done has have had
  i me my we our us you your he him his she her they them their who whom which what how
  will would can could should may might must shall so very just also not no`.split(/\s+/),
);

const vowel = /[aeiouy]/;

/**
 * A light stemmer for English word forms: plurals, -ing, -ed, -ly and a final silent e, so
 * that coach/coaches/coaching, business/businesses and double/doubled/doubling meet.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  const strip = (suffix: string): boolean => {
    const base = w.slice(0, -suffix.length);
    if (!w.endsWith(suffix) || base.length < 3 || !vowel.test(base)) return false;
    w = base;
    return true;
  };
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (strip('ing') || strip('ed')) {
    // planning → plann → plan; but keep -ll, -ss, -zz (calling → call)
    if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
  } else strip('ly');
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Lower case, accents and punctuation gone, split into words. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** The stems of the content words of a text. */
export function contentStems(text: string): string[] {
  return wordsOf(text)
    .filter((w) => !stopWords.has(w))
    .map(stem);
}

export type Alignment = { scorePercent: number | null; matched: string[]; missed: string[] };

/**
 * Scores an answer: the whole-percent share of key phrases conveyed, with the phrases matched
 * and missed. Without key phrases there is nothing to score against: null.
 */
export function scoreAlignment(answer: string, keyPhrases: readonly string[]): Alignment {
  const present = new Set(contentStems(answer));
  const matched: string[] = [];
  const missed: string[] = [];
  for (const phrase of keyPhrases) {
    const needed = contentStems(phrase);
    const isConveyed = needed.length > 0 && needed.every((s) => present.has(s));
    (isConveyed ? matched : missed).push(phrase);
  }
  const scorable = keyPhrases.length;
  return {
    scorePercent: scorable === 0 ? null : Math.round((matched.length * 100) / scorable),
    matched,
    missed,
  };
}

/** An answer needs explaining when its score is under the practice's alignment threshold. */
export function isBelowAlignment(scorePercent: number, thresholdPercent: number): boolean {
  return scorePercent < thresholdPercent;
}
