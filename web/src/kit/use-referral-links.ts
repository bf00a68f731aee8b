import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { ItemList, ReferralLink } from '../api/types';
import { useRefreshingMutation } from '../query-client';

const LINKS_KEY = ['referral-links'] as const;

/** The live links with their numbers (visits, forms sent, referrals, clients). */
export function useReferralLinks() {
  return useQuery({
    queryKey: LINKS_KEY,
    queryFn: ({ signal }) => api.get('/referral-links', { signal }),
    select: (data) => data.items,
  });
}

/**
 * A contact's link, or the practice-wide one without `contactId`: the live one if it exists.
 * The answer goes on the list at once, so the link shows before the list is asked again.
 */
export function useCreateReferralLink() {
  return useRefreshingMutation(
    (contactId: string | null) =>
      api.post('/referral-links', { body: contactId ? { contactId } : {} }),
    'referral-link',
    (link, _contactId, queryClient) =>
      queryClient.setQueryData<ItemList<ReferralLink>>(LINKS_KEY, (list) =>
        list ? { items: [link, ...list.items.filter((l) => l.id !== link.id)] } : list,
      ),
  );
}

/** Its page answers 404 at once; the referrals it brought keep their numbers. */
export function useRevokeReferralLink() {
  return useRefreshingMutation(
    (id: string) => api.delete('/referral-links/{id}', { path: { id } }),
    'referral-link',
  );
}
