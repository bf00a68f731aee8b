/**
 * The one owner of "how we address this person" (PRODUCT.md §2): the name after "Dear" in
 * letters, the ask script and the agenda's sentences, from the parts of a contact's name
 * (platform/person-name.ts parses them), the contact's own choice and the practice's. Pure.
 */
import { composeName, isNeverAName, type NameParts, parseName } from '../platform/person-name.ts';

export type { NameParts };

/** How letters greet: "Dear Dr. Reyes," (formal) or "Dear Alan," (informal). */
export const salutationStyles = ['formal', 'informal'] as const;
export type SalutationStyle = (typeof salutationStyles)[number];

/** Everything the addressing rules need of a contact. */
export type AddressableName = NameParts & {
  /** The full display name, the fallback when no part is known. */
  name: string;
  preferredName: string | null;
  /** The contact's own choice; null takes the practice's. */
  salutation: SalutationStyle | null;
};

/** The contact's own style, else the practice's. */
export const styleFor = (person: Pick<AddressableName, 'salutation'>, practice: SalutationStyle) =>
  person.salutation ?? practice;

/**
 * How we address this person (what follows "Dear", and what the agenda calls them):
 * informal — the preferred name, else the first given name; formal — "Dr. Reyes" with an honorific,
 * else the given and family name ("Alan Reyes"). Never a bare title; the display name when
 * nothing better is known.
 */
export function addressNameOf(someone: AddressableName, practiceStyle: SalutationStyle): string {
  // A row written without its parts (bulk data) is addressed by the parts of its name.
  const person =
    someone.givenName?.trim() || someone.familyName?.trim()
      ? someone
      : { ...someone, ...parseName(someone.name) };
  const given = person.givenName?.trim() || null;
  const family = person.familyName?.trim() || null;
  const preferred = person.preferredName?.trim() || null;
  const honorific = person.honorific?.trim() || null;
  const style = styleFor(person, practiceStyle);
  if (style === 'informal') {
    // "Alan James" are given names: a friend says the first (a preferred name says otherwise).
    const first = preferred ?? given?.split(' ')[0];
    if (first) return first;
  }
  if (honorific && (family || given)) return `${honorific} ${family ?? given}`;
  const full = [given, family].filter(Boolean).join(' ');
  return full || preferred || person.name.replace(/\s+/g, ' ').trim() || 'there';
}

/** The opening line of a letter: "Dear Dr. Reyes," or "Dear Alan,". */
export const salutationOf = (person: AddressableName, practiceStyle: SalutationStyle): string =>
  `Dear ${addressNameOf(person, practiceStyle)},`;

/** A person known only by a display name (a team member): addressed by its parsed parts. */
export function addressableFromName(name: string): AddressableName {
  return { ...parseName(name), name, preferredName: null, salutation: null };
}

/**
 * The words that name a person: every word of the name, its parts and the preferred name but
 * the ones that never name anybody ("Dr.", "PhD"). What typed text about a referred person must
 * not contain (§3.2): a word the parser took for a title ("Justice Smith") stays in.
 */
export function namingWordsOf(
  person: Pick<AddressableName, 'name' | 'givenName' | 'familyName' | 'preferredName'>,
): string {
  const words = [person.name, person.givenName, person.familyName, person.preferredName]
    .filter(Boolean)
    .join(' ')
    .split(/[\s,]+/)
    .filter((word) => word !== '' && !isNeverAName(word));
  return [...new Set(words)].join(' ');
}

export type NameInput = {
  name?: string | undefined;
  honorific?: string | null | undefined;
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  suffix?: string | null | undefined;
};

const partKeys = ['honorific', 'givenName', 'familyName', 'suffix'] as const;

/**
 * The name a create or an edit stores: parts sent win over the current ones (or over the
 * parts of a `name` sent with them) and make the display name; a plain `name` is kept as typed
 * and split by `parseName`. Null when the input touches no name; `missing` when what results
 * has neither a given nor a family name.
 */
export function resolveName(
  current: (NameParts & { name: string }) | null,
  input: NameInput,
): { name: string; parts: NameParts } | 'missing' | null {
  const hasParts = partKeys.some((k) => input[k] !== undefined);
  if (!hasParts && input.name === undefined) return null;
  const base: NameParts =
    input.name !== undefined
      ? parseName(input.name)
      : (current ?? { honorific: null, givenName: null, familyName: null, suffix: null });
  const parts: NameParts = { ...base };
  for (const k of partKeys) {
    const value = input[k];
    if (value !== undefined) parts[k] = value?.trim() || null;
  }
  if (!parts.givenName && !parts.familyName) return 'missing';
  const name = hasParts ? composeName(parts) : (input.name ?? '').trim();
  return { name, parts };
}
