import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { csvLine } from '../platform/csv.ts';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../platform/http.ts';
import { formatMinor } from '../platform/money.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import type { ExportQuery } from './referral.schemas.ts';
import { listReferralPage, loadLookups, resolveFilter, toReferral } from './referral.service.ts';

export const exportColumns = [
  'received_at',
  'referred',
  'referrer',
  'referrer_category',
  'channel',
  'circle',
  'need',
  'tags',
  'status',
  'first_contact_at',
  'response_minutes',
  'clock',
  'thanked_at',
  'value',
  'currency',
  'owner',
] as const;

/** Rows per page read from the database while streaming: memory stays flat however many. */
export const exportPageSize = 500;

/**
 * The filtered list as CSV, streamed page by page (a cursor walk; each page costs a fixed
 * number of queries). The export is a sensitive action (§8) and is audited when it starts.
 */
export async function exportReferralsCsv(
  deps: Deps,
  actor: Actor,
  query: ExportQuery,
  pageSize = exportPageSize,
): Promise<ReadableStream<Uint8Array>> {
  requireOwner(actor, 'export the referrals');
  const ctx = await loadPracticeContext(deps.db, actor.practiceId);
  const filter = resolveFilter(query, ctx);
  // The search text may be a person's name: the audit keeps that there was one, not what it was.
  const { q, ...filterFields } = query;
  await recordAudit(deps.db, deps.clock, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action: 'referrals.exported',
    subjectType: 'referral',
    detail: { format: 'csv', filter: filterFields, ...(q ? { textSearch: true } : {}) },
  });
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let isHeaderSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvLine(exportColumns)));
        return;
      }
      const now = deps.clock.now();
      const { rows, nextCursor } = await listReferralPage(
        deps.db,
        actor.practiceId,
        filter,
        query.sort,
        pageSize,
        cursor,
      );
      const lookups = await loadLookups(deps.db, actor.practiceId, rows);
      let chunk = '';
      for (const row of rows) {
        const r = toReferral(row, lookups, ctx, now);
        chunk += csvLine([
          r.receivedAt,
          r.referred?.name ?? 'erased',
          r.referrer?.name ?? 'unknown',
          row.referrer_id ? (lookups.categoryBy.get(row.referrer_id) ?? '') : '',
          r.channel,
          r.circle?.name ?? r.place ?? '',
          r.need ?? '',
          r.tags.join('; '),
          r.status,
          r.firstContactAt ?? '',
          r.clock.tookMinutes === null ? '' : String(r.clock.tookMinutes),
          r.clock.state,
          r.thanks.referral.thankedAt ?? '',
          r.valueMinor === null ? '' : formatMinor(r.valueMinor, r.currency),
          r.currency,
          r.owner?.name ?? '',
        ]);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (nextCursor) cursor = nextCursor;
      else controller.close();
    },
  });
}
