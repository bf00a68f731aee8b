import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CircleInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

const MOST_WANTED_KEY = ['most-wanted'] as const;

/** Categories with their coverage and target (same query as the contact form's list). */
export function useCategoryViews() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api.get('/categories', { signal }),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useMostWanted() {
  return useQuery({
    queryKey: MOST_WANTED_KEY,
    queryFn: ({ signal }) => api.get('/most-wanted', { signal }),
  });
}

/** Replaces the ranked list (ranks 1..n); the server refuses an 11th category. */
export function useSaveMostWanted() {
  return useRefreshingMutation(
    (categoryIds: string[]) => api.put('/most-wanted', { body: { categoryIds } }),
    'most-wanted',
    (data, _ids, queryClient) => queryClient.setQueryData(MOST_WANTED_KEY, data),
  );
}

export function useUpdateCategoryTarget() {
  return useRefreshingMutation(
    ({ id, target }: { id: string; target: number | null }) =>
      api.patch('/categories/{id}', { path: { id }, body: { target } }),
    'category',
  );
}

export function useCircleViews() {
  return useQuery({
    queryKey: ['circles'],
    queryFn: ({ signal }) => api.get('/circles', { signal }),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useCircleDetail(id: string) {
  return useQuery({
    queryKey: ['circles', 'detail', id],
    queryFn: ({ signal }) => api.get('/circles/{id}', { path: { id }, signal }),
  });
}

export function useCreateCircleView() {
  return useRefreshingMutation(
    (input: CircleInput & { name: string }) => api.post('/circles', { body: input }),
    'circle',
  );
}

export function useUpdateCircle(id: string) {
  return useRefreshingMutation(
    (input: CircleInput) => api.patch('/circles/{id}', { path: { id }, body: input }),
    'circle',
  );
}

export function useDeleteCircle(id: string) {
  return useRefreshingMutation(
    () => api.delete('/circles/{id}', { path: { id } }),
    'circle',
    (_none, _input, queryClient) =>
      queryClient.removeQueries({ queryKey: ['circles', 'detail', id] }),
  );
}

export function useReciprocity() {
  return useQuery({
    queryKey: ['reciprocity'],
    queryFn: ({ signal }) => api.get('/reciprocity', { signal }),
  });
}
