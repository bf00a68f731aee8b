import { describe, expect, it } from 'vitest';
import { chainHash, detailHashOf } from '../platform/audit.ts';
import { headProblem, type Link, linkProblem } from './audit.rules.ts';

function chain(n: number): Link[] {
  const links: Link[] = [];
  for (let seq = 1; seq <= n; seq += 1) {
    const detail = seq % 2 ? JSON.stringify({ n: seq }) : null;
    const base = {
      practice_id: 'p',
      seq,
      id: `id${seq}`,
      prev_hash: links.at(-1)?.hash ?? null,
      user_id: 'u',
      action: 'a.b',
      subject_type: null,
      subject_id: null,
      created_at: '2026-01-01T00:00:00.000Z',
      detail_hash: detailHashOf(detail),
    };
    links.push({ ...base, detail, hash: chainHash(base) });
  }
  return links;
}

function firstProblem(links: Link[]): [number, string] | null {
  let prev: { seq: number; hash: string | null } | null = null;
  for (const link of links) {
    const problem = linkProblem(prev, link);
    if (problem) return [link.seq, problem];
    prev = link;
  }
  return null;
}

describe('audit chain rules', () => {
  it('an untouched chain holds, with erased details too', () => {
    expect(firstProblem(chain(5))).toBeNull();
    expect(firstProblem(chain(5).map((l) => ({ ...l, detail: null })))).toBeNull();
  });

  it('names the first changed, re-detailed, missing or re-linked row', () => {
    const changed = chain(5);
    changed[2] = { ...(changed[2] as Link), user_id: 'someone else' };
    expect(firstProblem(changed)).toEqual([3, expect.stringMatching(/content/)]);
    const detailed = chain(5);
    detailed[2] = { ...(detailed[2] as Link), detail: '{"n":99}' };
    expect(firstProblem(detailed)).toEqual([3, expect.stringMatching(/detail/)]);
    const holed = chain(5).filter((l) => l.seq !== 2 && l.seq !== 3);
    expect(firstProblem(holed)).toEqual([4, 'link 2–3 is missing (deleted?) before this row']);
    // A rewritten row with a fresh, self-consistent hash still breaks its successor's link.
    const rewritten = chain(5);
    const fake = { ...(rewritten[1] as Link), action: 'other' };
    rewritten[1] = { ...fake, hash: chainHash(fake) };
    expect(firstProblem(rewritten)).toEqual([3, expect.stringMatching(/prev_hash/)]);
  });

  it('checks the end of the chain against its head', () => {
    const [last] = chain(3).slice(-1) as [Link];
    expect(headProblem(last, { seq: 3, hash: last.hash })).toBeNull();
    expect(headProblem(last, { seq: 4, hash: 'x' })).toMatch(/ends at link 3/);
    expect(headProblem(null, undefined)).toBeNull();
    expect(headProblem(last, undefined)).toMatch(/no head/);
  });
});
