import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../api';
import type { Contact, ContactDetail, ContactInput, ContactQuery, Page } from '../types';

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
      api.get<Page<Contact>>(
        '/contacts',
        { ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string, enabled = true) {
  return useQuery({
    queryKey: contactKeys.detail(id),
    enabled: enabled && id !== '',
    queryFn: ({ signal }) =>
      api.get<ContactDetail>(`/contacts/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactInput) => api.post<ContactDetail>('/contacts', input),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}

export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<ContactInput>) =>
      api.patch<ContactDetail>(`/contacts/${encodeURIComponent(id)}`, input),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}

export function useDeleteContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/contacts/${encodeURIComponent(id)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}
