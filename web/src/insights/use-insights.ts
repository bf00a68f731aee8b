import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../api';
import type { InsightChart, InsightsQuery } from '../api/types';

export function useInsights(query: InsightsQuery) {
  return useQuery({
    queryKey: ['insights', query] as const,
    queryFn: ({ signal }) => api.get('/insights', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of one chart, over the same range as the page. */
export function insightCsvUrl(chart: InsightChart, range: { from: string; to: string }): string {
  return buildUrl('/insights/{chart}', { path: { chart: `${chart}.csv` }, query: range });
}
