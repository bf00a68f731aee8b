/** Give to get (PRODUCT.md §3.5): the balance of referrals exchanged with each partner. */

export type LedgerEntry = {
  received: number;
  given: number;
  balance: number;
  isOwed: boolean;
  lastExchangeAt: string | null;
};

/** A partner is owed once the balance (received − given) reaches the give-back threshold. */
export function isOwed(received: number, given: number, threshold: number): boolean {
  return received - given >= threshold;
}

/** Balance = received − given; owed as `isOwed` says. */
export function ledgerEntryOf(
  received: number,
  given: number,
  lastExchangeAt: string | null,
  threshold: number,
): LedgerEntry {
  const balance = received - given;
  return { received, given, balance, isOwed: isOwed(received, given, threshold), lastExchangeAt };
}

/** The reference ledger from raw exchanges (what the SQL computes), for tests and checks. */
export function ledgerOf(
  exchanges: readonly { partnerId: string; direction: 'received' | 'given'; at: string }[],
  threshold: number,
): Map<string, LedgerEntry> {
  const acc = new Map<string, { received: number; given: number; last: string | null }>();
  for (const e of exchanges) {
    const a = acc.get(e.partnerId) ?? { received: 0, given: 0, last: null };
    if (e.direction === 'received') a.received += 1;
    else a.given += 1;
    if (a.last === null || e.at > a.last) a.last = e.at;
    acc.set(e.partnerId, a);
  }
  return new Map(
    [...acc].map(([id, a]) => [id, ledgerEntryOf(a.received, a.given, a.last, threshold)]),
  );
}
