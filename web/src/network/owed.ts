/**
 * The one sentence for how many the practice owes a referral back. The count is always the
 * reciprocity ledger's (`isOwed`: all time, at the give-back threshold): GET /reciprocity's
 * rows with isOwed on the ledger page, GET /insights' reciprocity.owed on Insights.
 */
export function owedSentence(count: number): string {
  if (count <= 0) return 'You owe nobody a referral right now.';
  return `You owe ${count} ${count === 1 ? 'partner' : 'partners'} a referral.`;
}
