import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('is a version 7 UUID that starts with its time', () => {
    const id = newId(Date.UTC(2026, 10, 28));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 28));
  });

  it('never repeats, also across refills of its random pool', () => {
    const ids = Array.from({ length: 5_000 }, () => newId(0));
    expect(new Set(ids).size).toBe(ids.length);
    // Same millisecond: only the random part differs, and it does in every id.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });

  it('sorts by creation time', () => {
    const ids = [3, 1, 2].map((ms) => newId(ms * 1000));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });
});
