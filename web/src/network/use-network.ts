import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, done } from '../api';
import type { CircleKind } from '../api/types';

const MOST_WANTED_KEY = ['most-wanted'] as const;

/** Categories with their coverage and target (same query as the contact form's list). */
export function useCategoryViews() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => answer(api.GET('/categories', { signal })),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useMostWanted() {
  return useQuery({
    queryKey: MOST_WANTED_KEY,
    queryFn: ({ signal }) => answer(api.GET('/most-wanted', { signal })),
  });
}

/** Replaces the ranked list (ranks 1..n); the server refuses an 11th category. */
export function useSaveMostWanted() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (categoryIds: string[]) =>
      answer(api.PUT('/most-wanted', { body: { categoryIds } })),
    onSuccess: (data) => {
      queryClient.setQueryData(MOST_WANTED_KEY, data);
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
}

export function useUpdateCategoryTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, target }: { id: string; target: number | null }) =>
      answer(api.PATCH('/categories/{id}', { params: { path: { id } }, body: { target } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: MOST_WANTED_KEY });
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
}

export function useCircleViews() {
  return useQuery({
    queryKey: ['circles'],
    queryFn: ({ signal }) => answer(api.GET('/circles', { signal })),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useCircleDetail(id: string) {
  return useQuery({
    queryKey: ['circles', 'detail', id],
    queryFn: ({ signal }) => answer(api.GET('/circles/{id}', { params: { path: { id } }, signal })),
  });
}

export type CircleInput = { name?: string; kind?: CircleKind | null; notes?: string | null };

export function useCreateCircleView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircleInput & { name: string }) =>
      answer(api.POST('/circles', { body: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}

export function useUpdateCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircleInput) =>
      answer(api.PATCH('/circles/{id}', { params: { path: { id } }, body: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}

export function useDeleteCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => done(api.DELETE('/circles/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['circles', 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: ['circles'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}

export function useReciprocity() {
  return useQuery({
    queryKey: ['reciprocity'],
    queryFn: ({ signal }) => answer(api.GET('/reciprocity', { signal })),
  });
}
