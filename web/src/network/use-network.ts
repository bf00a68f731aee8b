import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type {
  CategoryView,
  CircleDetail,
  CircleKind,
  CircleView,
  ItemList,
  MostWanted,
  Reciprocity,
} from '../types';

const MOST_WANTED_KEY = ['most-wanted'] as const;

/** Categories with their coverage and target (same query as the contact form's list). */
export function useCategoryViews() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api.get<ItemList<CategoryView>>('/categories', undefined, signal),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useMostWanted() {
  return useQuery({
    queryKey: MOST_WANTED_KEY,
    queryFn: ({ signal }) => api.get<MostWanted>('/most-wanted', undefined, signal),
  });
}

/** Replaces the ranked list (ranks 1..n); the server refuses an 11th category. */
export function useSaveMostWanted() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (categoryIds: string[]) => api.put<MostWanted>('/most-wanted', { categoryIds }),
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
      api.patch<CategoryView>(`/categories/${encodeURIComponent(id)}`, { target }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: MOST_WANTED_KEY });
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
    },
  });
}

export function useCircleViews() {
  return useQuery({
    queryKey: ['circles'],
    queryFn: ({ signal }) => api.get<ItemList<CircleView>>('/circles', undefined, signal),
    select: (data) =>
      [...data.items].sort((a, b) =>
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      ),
  });
}

export function useCircleDetail(id: string) {
  return useQuery({
    queryKey: ['circles', 'detail', id],
    queryFn: ({ signal }) =>
      api.get<CircleDetail>(`/circles/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export type CircleInput = { name?: string; kind?: CircleKind | null; notes?: string | null };

export function useCreateCircleView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircleInput & { name: string }) => api.post<CircleView>('/circles', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}

export function useUpdateCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CircleInput) =>
      api.patch<CircleView>(`/circles/${encodeURIComponent(id)}`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['circles'] }),
  });
}

export function useDeleteCircle(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/circles/${encodeURIComponent(id)}`),
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
    queryFn: ({ signal }) => api.get<Reciprocity>('/reciprocity', undefined, signal),
  });
}
