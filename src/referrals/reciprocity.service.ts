import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../platform/http.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import { countOwed, listLedgerRows } from './reciprocity.repository.ts';
import { ledgerEntryOf } from './reciprocity.rules.ts';
import type { Reciprocity } from './reciprocity.schemas.ts';

export async function getReciprocity(
  deps: Deps,
  actor: Actor,
  query: { owed?: boolean | undefined },
): Promise<Reciprocity> {
  const { settings } = await loadPracticeContext(deps.db, actor.practiceId);
  const threshold = settings.giveBackThreshold;
  const rows = await listLedgerRows(deps.db, actor.practiceId, threshold, query.owed === true);
  return {
    threshold,
    items: rows.map((r) => {
      const entry = ledgerEntryOf(
        Number(r.received),
        Number(r.given),
        r.last_exchange_at,
        threshold,
      );
      return {
        partner: {
          id: r.id,
          name: r.name,
          organization: r.organization,
          category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
        },
        ...entry,
      };
    }),
  };
}

/** How many the ledger says are owed (`isOwed`, all time): what Insights reports. */
export const countOwedPartners = (deps: Deps, practiceId: string, threshold: number) =>
  countOwed(deps.db, practiceId, threshold);
