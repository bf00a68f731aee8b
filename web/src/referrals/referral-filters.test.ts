import { describe, expect, it } from 'vitest';
import {
  boardFilters,
  countActiveFilters,
  type ReferralPageState,
  readReferralParams,
  writeReferralParams,
} from './referral-filters';

type ReferralFilters = ReferralPageState['filters'];

const read = (query: string) => readReferralParams(new URLSearchParams(query));

describe('readReferralParams', () => {
  it('reads an empty URL as the board, newest first, with no filter', () => {
    const state = read('');
    expect(state.view).toBe('board');
    expect(state.sort).toBe('-receivedAt');
    expect(Object.values(state.filters).every((v) => v === undefined)).toBe(true);
    expect(countActiveFilters(state.filters)).toBe(0);
  });

  it('reads every filter it knows', () => {
    const state = read(
      'view=list&sort=due&status=open&referrerId=c1&categoryId=k1&channel=email' +
        '&circleId=g1&ownerId=u1&from=2026-01-01&to=2026-01-31&q=ann',
    );
    expect(state).toEqual({
      view: 'list',
      sort: 'due',
      filters: {
        status: 'open',
        referrerId: 'c1',
        referrer: undefined,
        categoryId: 'k1',
        channel: 'email',
        circleId: 'g1',
        ownerId: 'u1',
        from: '2026-01-01',
        to: '2026-01-31',
        q: 'ann',
      },
    });
  });

  it('accepts open, closed and each status, and ignores any other status', () => {
    for (const status of ['open', 'closed', 'new', 'client', 'no_response'])
      expect(read(`status=${status}`).filters.status).toBe(status);
    for (const status of ['won', 'OPEN', ''])
      expect(read(`status=${status}`).filters.status).toBeUndefined();
  });

  it('ignores an unknown view, sort or channel instead of failing', () => {
    const state = read('view=grid&sort=name&channel=fax');
    expect(state.view).toBe('board');
    expect(state.sort).toBe('-receivedAt');
    expect(state.filters.channel).toBeUndefined();
  });

  it('takes only whole days for from and to', () => {
    expect(read('from=2026-1-1').filters.from).toBeUndefined();
    expect(read('to=2026-01-31T00:00').filters.to).toBeUndefined();
    expect(read('to=tomorrow').filters.to).toBeUndefined();
  });

  it('lets "unknown referrer" win over a referrer id', () => {
    const state = read('referrer=unknown&referrerId=c1');
    expect(state.filters.referrer).toBe('unknown');
    expect(state.filters.referrerId).toBeUndefined();
    expect(read('referrer=someone').filters.referrer).toBeUndefined();
  });

  it('treats empty parameters as absent', () => {
    const state = read('q=&categoryId=&ownerId=');
    expect(state.filters.q).toBeUndefined();
    expect(state.filters.categoryId).toBeUndefined();
    expect(state.filters.ownerId).toBeUndefined();
  });
});

describe('writeReferralParams', () => {
  const state = (overrides: Partial<ReferralPageState>): ReferralPageState => ({
    view: 'board',
    sort: '-receivedAt',
    filters: {},
    ...overrides,
  });

  it('writes nothing for the default page', () => {
    expect(writeReferralParams(state({})).toString()).toBe('');
  });

  it('writes the list view, and its sort only when it is not the default', () => {
    expect(writeReferralParams(state({ view: 'list' })).toString()).toBe('view=list');
    expect(writeReferralParams(state({ view: 'list', sort: 'due' })).toString()).toBe(
      'view=list&sort=due',
    );
    // The board has no sort.
    expect(writeReferralParams(state({ sort: 'due' })).toString()).toBe('');
  });

  it('leaves out empty and missing filters', () => {
    const params = writeReferralParams(
      state({ filters: { q: '', categoryId: undefined, channel: 'phone' } }),
    );
    expect(params.toString()).toBe('channel=phone');
  });

  it('round-trips through the URL', () => {
    const original = state({
      view: 'list',
      sort: 'receivedAt',
      filters: { status: 'closed', referrer: 'unknown', from: '2026-02-01', q: 'a & b' },
    });
    const back = readReferralParams(new URLSearchParams(writeReferralParams(original).toString()));
    expect(back.view).toBe('list');
    expect(back.sort).toBe('receivedAt');
    expect(back.filters).toMatchObject(original.filters);
  });
});

describe('boardFilters', () => {
  it('drops the status (the board has a column per status) and keeps the rest', () => {
    const filters: ReferralFilters = { status: 'open', channel: 'email', q: 'ann' };
    expect(boardFilters(filters)).toEqual({ channel: 'email', q: 'ann' });
    expect(filters.status).toBe('open');
    expect(boardFilters({})).toEqual({});
  });
});

describe('countActiveFilters', () => {
  it('counts each set filter, but not the search text', () => {
    expect(countActiveFilters({})).toBe(0);
    expect(countActiveFilters({ q: 'ann' })).toBe(0);
    expect(countActiveFilters({ status: 'open', channel: 'email', q: 'ann' })).toBe(2);
    expect(countActiveFilters({ status: undefined, from: '2026-01-01', to: '2026-01-31' })).toBe(2);
  });
});
