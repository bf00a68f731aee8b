import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { EthicsOverrides, Ruling } from '../api/types';
import { useRefreshingMutation } from '../query-client';

const ETHICS_KEY = ['ethics'] as const;

export function useEthics() {
  return useQuery({
    queryKey: ETHICS_KEY,
    queryFn: ({ signal }) => api.get('/ethics', { signal }),
  });
}

export function useSaveEthicsOverrides() {
  return useRefreshingMutation(
    (overrides: EthicsOverrides) => api.put('/ethics/overrides', { body: overrides }),
    'ethics',
    (saved, _overrides, queryClient) => queryClient.setQueryData(ETHICS_KEY, saved),
  );
}

/**
 * What each ruling demands (as the server reasons, src/ethics): a ruling tightens another only
 * when it keeps every demand of it, so nominal-only and with-disclosure do not tighten each other.
 */
const DEMANDS: Record<Ruling, readonly string[]> = {
  allowed: [],
  allowed_with_disclosure: ['disclosure'],
  nominal_only: ['nominal', 'after_the_referral'],
  prohibited: ['disclosure', 'nominal', 'after_the_referral', 'nothing'],
};

export function isAtLeastAsStrict(next: Ruling, base: Ruling): boolean {
  return DEMANDS[base].every((d) => DEMANDS[next].includes(d));
}
