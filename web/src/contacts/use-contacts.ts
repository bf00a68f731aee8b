import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, buildUrl } from '../api';
import type { ContactInput, ContactQuery } from '../api/types';
import { useRefreshingMutation } from '../query-client';

const PAGE_SIZE = 50;

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => ['contacts', 'list'] as const,
  list: (query: ContactQuery) => ['contacts', 'list', query] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
};

export function useContactList(query: ContactQuery) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      api.get('/contacts', {
        query: { ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string, enabled = true) {
  return useQuery({
    queryKey: contactKeys.detail(id),
    enabled: enabled && id !== '',
    queryFn: ({ signal }) => api.get('/contacts/{id}', { path: { id }, signal }),
  });
}

export function useCreateContact() {
  return useRefreshingMutation(
    (input: ContactInput) => api.post('/contacts', { body: input }),
    'contact',
    (contact, _input, queryClient) =>
      queryClient.setQueryData(contactKeys.detail(contact.id), contact),
  );
}

export function useUpdateContact(id: string) {
  return useRefreshingMutation(
    (input: Partial<ContactInput>) => api.patch('/contacts/{id}', { path: { id }, body: input }),
    'contact',
    (contact, _input, queryClient) =>
      queryClient.setQueryData(contactKeys.detail(contact.id), contact),
  );
}

export function useDeleteContact(id: string) {
  return useRefreshingMutation(
    () => api.delete('/contacts/{id}', { path: { id } }),
    'contact',
    (_none, _input, queryClient) => queryClient.removeQueries({ queryKey: contactKeys.detail(id) }),
  );
}

/** A contact's card (vCard), for the practitioner's address book: a download link. */
export const contactVcardUrl = (contactId: string): string =>
  buildUrl('/contacts/{id}/vcard', { path: { id: contactId } });
