import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../api';

/** The charts of the insights page, each with its CSV at /insights/<chart>.csv. */
export type InsightChart =
  | 'byChannel'
  | 'byCircle'
  | 'topReferrers'
  | 'byCategory'
  | 'byRole'
  | 'byTag'
  | 'byMonth'
  | 'byWeekday'
  | 'metToFirstReferral'
  | 'askToReferral'
  | 'conversion'
  | 'responsiveness'
  | 'reciprocity'
  | 'mostWanted'
  | 'networkGrowth'
  | 'momentum'
  | 'goal';

export type InsightsQuery = { from?: string; to?: string; sections?: string };

export function useInsights(query: InsightsQuery) {
  return useQuery({
    queryKey: ['insights', query] as const,
    queryFn: ({ signal }) => api.get('/insights', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of one chart, over the same range as the page. */
export function insightCsvUrl(chart: InsightChart, range: { from: string; to: string }): string {
  return buildUrl('/insights/{section}', { path: { section: `${chart}.csv` }, query: range });
}
