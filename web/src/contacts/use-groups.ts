import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isProblem } from '../api';
import type { Category, Circle, ItemList } from '../types';

type GroupKind = 'categories' | 'circles';

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

function useGroupList<T extends { name: string }>(kind: GroupKind) {
  return useQuery({
    queryKey: [kind],
    queryFn: ({ signal }) => api.get<ItemList<T>>(`/${kind}`, undefined, signal),
    select: (data) => [...data.items].sort(byName),
  });
}

export const useCategories = () => useGroupList<Category>('categories');
export const useCircles = () => useGroupList<Circle>('circles');

export function findByName<T extends { name: string }>(
  items: readonly T[],
  name: string,
): T | undefined {
  const wanted = name.trim().toLocaleLowerCase();
  return items.find((item) => item.name.trim().toLocaleLowerCase() === wanted);
}

/**
 * Creates a category or circle by name. A 409 means it already exists (someone else
 * made it meanwhile): reload the list and use that one instead of failing.
 */
function useCreateGroup<T extends { id: string; name: string }>(kind: GroupKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string): Promise<T> => {
      try {
        return await api.post<T>(`/${kind}`, { name: name.trim() });
      } catch (error) {
        if (!isProblem(error, 409)) throw error;
        const fresh = await api.get<ItemList<T>>(`/${kind}`);
        const existing = findByName(fresh.items, name);
        if (!existing) throw error;
        return existing;
      }
    },
    onSuccess: (created) => {
      queryClient.setQueryData<ItemList<T>>([kind], (old) =>
        old && !old.items.some((item) => item.id === created.id)
          ? { items: [...old.items, created] }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: [kind] });
    },
  });
}

export const useCreateCategory = () => useCreateGroup<Category>('categories');
export const useCreateCircle = () => useCreateGroup<Circle>('circles');
