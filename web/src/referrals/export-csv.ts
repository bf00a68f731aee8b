import { buildUrl, ProblemError } from '../api';
import type { ReferralFilters, ReferralSort } from '../api/types';

/**
 * Downloads GET /referrals/export.csv with the current filters. Fetched first, so that a
 * refusal shows as a message instead of a downloaded error file.
 */
export async function downloadReferralsCsv(
  filters: ReferralFilters,
  sort: ReferralSort,
): Promise<void> {
  const response = await fetch(buildUrl('/referrals/export.csv', { query: { ...filters, sort } }), {
    credentials: 'include',
    headers: { Accept: 'text/csv' },
  });
  if (!response.ok) {
    let detail = `The export failed (${response.status}). Try again.`;
    try {
      const body: unknown = await response.json();
      if (typeof body === 'object' && body !== null && 'detail' in body) {
        detail = String(body.detail);
      }
    } catch {
      // Not JSON: keep the general sentence.
    }
    throw new ProblemError({
      status: response.status,
      title: 'Export failed',
      code: 'export',
      detail,
      errors: [],
    });
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `referrals-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
