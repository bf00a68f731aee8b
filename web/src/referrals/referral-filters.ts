import {
  CHANNELS,
  REFERRAL_SORTS,
  REFERRAL_STATUSES,
  type ReferralFilters,
  type ReferralSort,
} from '../api/types';

export type ReferralView = 'board' | 'list';

export type ReferralPageState = {
  view: ReferralView;
  filters: ReferralFilters;
  sort: ReferralSort;
};

const STATUS_FILTERS: readonly string[] = ['open', 'closed', ...REFERRAL_STATUSES];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The view, filters and sort live in the URL: reloads, back/forward and links keep them. */
export function readReferralParams(params: URLSearchParams): ReferralPageState {
  const get = (key: string) => params.get(key) || undefined;
  const status = get('status');
  const from = get('from');
  const to = get('to');
  return {
    view: params.get('view') === 'list' ? 'list' : 'board',
    sort: REFERRAL_SORTS.find((s) => s === params.get('sort')) ?? '-receivedAt',
    filters: {
      status: status && STATUS_FILTERS.includes(status) ? status : undefined,
      referrerId: params.get('referrer') === 'unknown' ? undefined : get('referrerId'),
      referrer: params.get('referrer') === 'unknown' ? 'unknown' : undefined,
      categoryId: get('categoryId'),
      channel: CHANNELS.find((c) => c === params.get('channel')),
      circleId: get('circleId'),
      ownerId: get('ownerId'),
      from: from && DAY.test(from) ? from : undefined,
      to: to && DAY.test(to) ? to : undefined,
      q: get('q'),
    },
  };
}

export function writeReferralParams(state: ReferralPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view === 'list') params.set('view', 'list');
  for (const [key, value] of Object.entries(state.filters)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  if (state.view === 'list' && state.sort !== '-receivedAt') params.set('sort', state.sort);
  return params;
}

/** The board has its own columns: a status filter does not apply to it. */
export function boardFilters(filters: ReferralFilters): ReferralFilters {
  const { status: _status, ...rest } = filters;
  return rest;
}

export function countActiveFilters(filters: ReferralFilters): number {
  return Object.entries(filters).filter(([key, v]) => key !== 'q' && v !== undefined).length;
}
