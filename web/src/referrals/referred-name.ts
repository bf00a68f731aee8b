import type { Referral } from '../api/types';

/** The referred person's name, or a neutral label once they were erased (PRODUCT.md §8). */
export function referredName(referral: Pick<Referral, 'referred'>): string {
  return referral.referred?.name ?? 'Erased person';
}
