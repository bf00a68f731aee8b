/**
 * A person's name as typed, in parts (PRODUCT.md §2): honorific, given name, family name and
 * suffix. Pure text handling shared by the contacts and the migration that split the names
 * stored before (0015); how a person is addressed is contacts' (contact-name.rules.ts).
 */

export type NameParts = {
  honorific: string | null;
  givenName: string | null;
  familyName: string | null;
  /** Degrees and generations after the name ("Jr.", "PhD", "MD"): never a given name. */
  suffix: string | null;
};

const key = (token: string) => token.toLowerCase().replace(/[.,]/g, '');

/** Leading titles, keyed without dots and case, with the form letters write. */
const honorificForms: Record<string, string> = {
  dr: 'Dr.',
  doctor: 'Dr.',
  prof: 'Prof.',
  professor: 'Prof.',
  rev: 'Rev.',
  revd: 'Rev.',
  reverend: 'Rev.',
  mr: 'Mr.',
  mister: 'Mr.',
  ms: 'Ms.',
  mrs: 'Mrs.',
  miss: 'Miss',
  mx: 'Mx.',
  fr: 'Fr.',
  father: 'Fr.',
  sr: 'Sr.',
  sister: 'Sr.',
  br: 'Br.',
  brother: 'Br.',
  hon: 'Hon.',
  honorable: 'Hon.',
  honourable: 'Hon.',
  judge: 'Judge',
  justice: 'Justice',
  sir: 'Sir',
  dame: 'Dame',
  rabbi: 'Rabbi',
  imam: 'Imam',
  pastor: 'Pastor',
  capt: 'Capt.',
  captain: 'Capt.',
  col: 'Col.',
  lt: 'Lt.',
  maj: 'Maj.',
  sgt: 'Sgt.',
  atty: 'Atty.',
  mme: 'Mme',
  mlle: 'Mlle',
};

/**
 * Trailing degrees, credentials and generations (keyed without dots and case). Not the ones
 * that are also family names ("Jack Ma", "Ms").
 */
const suffixKeys = new Set(
  `jr sr ii iii iv phd md dds dmd esq cpa rn jd mba cfa cfp lcsw lpc lmft mft psyd edd dvm
  qc kc obe mbe cbe frcs facs msw msc llm llb dpm pharmd aprn pmhnp`
    .split(/\s+/)
    .filter(Boolean),
);

/** Family-name particles: "Ludwig van Beethoven" has the family name "van Beethoven". */
const particles = new Set(
  'da das de del della der des di do dos du la le van von ten ter bin ibn st'.split(' '),
);

export const isHonorific = (token: string): boolean => Object.hasOwn(honorificForms, key(token));
export const isSuffix = (token: string): boolean => suffixKeys.has(key(token));

/** Titles that are also people's names ("Justice Smith", "Hon Lam", "Sir Mix"). */
const titlesThatAreNames = new Set(
  'miss hon judge justice sir dame rabbi imam pastor father sister brother captain'.split(' '),
);

/**
 * A word that never names anybody: a title or degree that is nobody's given or family name
 * ("Dr.", "Mrs", "PhD"). What a consent check may leave out of the words that name a person.
 */
export const isNeverAName = (token: string): boolean =>
  (isHonorific(token) && !titlesThatAreNames.has(key(token))) || isSuffix(token);

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
const orNull = (text: string) => (text === '' ? null : text);

/** Splits "Alan Reyes" (or "Alan James Reyes", "Ludwig van Beethoven") into given and family. */
function splitGivenFamily(tokens: readonly string[]): Pick<NameParts, 'givenName' | 'familyName'> {
  if (tokens.length === 0) return { givenName: null, familyName: null };
  if (tokens.length === 1) return { givenName: tokens[0] ?? null, familyName: null };
  let start = tokens.length - 1;
  while (start > 1 && particles.has(key(tokens[start - 1] ?? ''))) start -= 1;
  return {
    givenName: orNull(tokens.slice(0, start).join(' ')),
    familyName: orNull(tokens.slice(start).join(' ')),
  };
}

/**
 * A typed full name in parts: leading titles ("Dr.", "prof", "Rev. Dr.") become the honorific
 * in the form letters write, trailing degrees and generations ("Jr.", "PhD", ", MD") the suffix,
 * "Reyes, Alan" is family-first. A title needs a name after it: a lone "Dean" is a given name.
 * With a title, one remaining word is the family name ("Dr. Reyes").
 */
export function parseName(fullName: string): NameParts {
  const text = clean(fullName);
  let main = text;
  let suffix: string[] = [];
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const before = clean(text.slice(0, comma));
    const after = clean(text.slice(comma + 1));
    const afterTokens = after.split(/[\s,]+/).filter(Boolean);
    if (afterTokens.length > 0 && afterTokens.every(isSuffix)) {
      main = before;
      suffix = after.split(',').map(clean).filter(Boolean);
    } else if (before !== '' && !before.includes(' ') && !isHonorific(before) && after !== '') {
      // "Reyes, Alan" (or "Reyes, Dr. Alan"): family first.
      const rest = parseName(after);
      const given = [rest.givenName, rest.familyName].filter(Boolean).join(' ');
      return { ...rest, givenName: orNull(given), familyName: before };
    } else main = clean(text.replace(/,/g, ' '));
  }
  const tokens = main.split(' ').filter(Boolean);
  const trailing: string[] = [];
  while (tokens.length > 1 && isSuffix(tokens.at(-1) ?? '')) trailing.unshift(tokens.pop() ?? '');
  const titles: string[] = [];
  while (tokens.length > 1 && isHonorific(tokens[0] ?? '')) {
    const token = tokens.shift() ?? '';
    titles.push(honorificForms[key(token)] ?? token);
  }
  const honorific = orNull(titles.join(' '));
  const names =
    honorific && tokens.length === 1
      ? { givenName: null, familyName: tokens[0] ?? null }
      : splitGivenFamily(tokens);
  return {
    honorific,
    ...names,
    suffix: orNull([...trailing, ...suffix].join(trailing.length > 0 ? ' ' : ', ')),
  };
}

const generational = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** The display name of parts: "Dr. Alan Reyes", "Alan Reyes Jr.", "Alan Reyes, PhD". */
export function composeName(parts: NameParts): string {
  const base = [parts.honorific, parts.givenName, parts.familyName]
    .map((p) => (p ? clean(p) : ''))
    .filter(Boolean)
    .join(' ');
  const suffix = parts.suffix ? clean(parts.suffix) : '';
  if (!suffix) return base;
  if (!base) return suffix;
  return generational.has(key(suffix)) ? `${base} ${suffix}` : `${base}, ${suffix}`;
}
