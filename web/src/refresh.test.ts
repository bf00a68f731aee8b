import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  type ChangeKind,
  familiesRefreshedBy,
  type QueryFamily,
  queryFamilies,
  REFRESHES,
  refreshAfter,
} from './refresh';

/** The text of every web source file (not the tests, not the generated API types). */
const sources: Record<string, string> = import.meta.glob(
  ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./api/**'],
  { query: '?raw', import: 'default', eager: true },
);

/**
 * The first element of every query key written in web/src: an array literal after `queryKey:`,
 * or one declared `as const` (the key factories, `FEEDS_KEY = [...] as const`). A key built
 * from a variable (`[kind]` in use-groups.ts) is covered by the families it stands for.
 */
function familiesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /queryKey:\s*\[\s*'([^']+)'/g,
    /\[\s*'([a-z][a-z-]*)'(?:\s*,[^\]\n]*)?\]\s*as const/g,
  ];
  for (const [file, text] of Object.entries(sources)) {
    if (!/use(Infinite)?Query\(|queryKey|QueryClient/.test(text)) continue;
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern))
        if (match[1] && !found.has(match[1])) found.set(match[1], file);
  }
  return found;
}

/** Families only a whole-app change (settings, demo data, an agenda action) refreshes. */
const refreshedByWholeAppChangesOnly: readonly QueryFamily[] = [
  'me',
  'members',
  'professions',
  'practice',
  'demo',
  'audit-actions',
];

describe('the refresh map', () => {
  const inSource = familiesInSource();

  it('finds the query keys in the source (the scan works)', () => {
    for (const family of ['agenda', 'referrals', 'contacts', 'timeline', 'me', 'smtp'])
      expect(inSource.has(family), family).toBe(true);
  });

  it('knows every family of query key a view reads', () => {
    const unknown = [...inSource].filter(
      ([family]) => !(queryFamilies as readonly string[]).includes(family),
    );
    expect(
      unknown,
      'add these to queryFamilies in refresh.ts and to the changes that touch them',
    ).toEqual([]);
  });

  it('every family is refreshed by some named change, not only by "everything"', () => {
    const named = new Set<string>(
      Object.values(REFRESHES).flatMap((families) => (Array.isArray(families) ? families : [])),
    );
    const orphans = queryFamilies.filter(
      (f) => !named.has(f) && !refreshedByWholeAppChangesOnly.includes(f),
    );
    expect(orphans).toEqual([]);
  });

  it('a referral change refreshes the agenda, the pipeline, the contact and the numbers', () => {
    // issue 11 §5: a quick-add on Today left "Nothing is due" on screen
    expect(familiesRefreshedBy('referral')).toEqual(
      expect.arrayContaining([
        'agenda',
        'referrals',
        'contacts',
        'timeline',
        'insights',
        'goals',
        'reciprocity',
        'commitments',
      ]),
    );
    expect(familiesRefreshedBy('message')).toEqual(
      expect.arrayContaining(['agenda', 'messages', 'referrals', 'referrals-given', 'commitments']),
    );
    expect(familiesRefreshedBy('interaction')).toEqual(
      expect.arrayContaining(['agenda', 'timeline', 'contacts']),
    );
    expect(familiesRefreshedBy('practice')).toEqual(queryFamilies);
  });

  it('refreshAfter marks exactly the families of its change stale', async () => {
    const client = new QueryClient();
    const keys = [
      ['agenda', 'list', {}],
      ['referrals', 'board', {}],
      ['tokens'],
      ['letter-templates'],
    ] as const;
    for (const key of keys) client.setQueryData(key, { cached: true });
    const stale = () =>
      keys.filter((key) => client.getQueryState(key)?.isInvalidated).map((k) => k[0]);
    await refreshAfter(client, 'referral');
    expect(stale()).toEqual(['agenda', 'referrals']);
    const change: ChangeKind = 'practice';
    await refreshAfter(client, change);
    expect(stale()).toEqual(['agenda', 'referrals', 'tokens', 'letter-templates']);
  });
});
