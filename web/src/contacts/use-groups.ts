import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, describeError, isProblem } from '../api';
import type { ItemList } from '../api/types';
import { refreshAfter } from '../refresh';

type GroupKind = 'categories' | 'circles';

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

type GroupCalls<T> = {
  list: (signal?: AbortSignal) => Promise<ItemList<T>>;
  create: (name: string) => Promise<T>;
};

const categoryCalls = {
  list: (signal?: AbortSignal) => api.get('/categories', { signal }),
  create: (name: string) => api.post('/categories', { body: { name } }),
};
const circleCalls = {
  list: (signal?: AbortSignal) => api.get('/circles', { signal }),
  create: (name: string) => api.post('/circles', { body: { name } }),
};

function useGroupList<T extends { name: string }>(kind: GroupKind, calls: GroupCalls<T>) {
  return useQuery({
    queryKey: [kind],
    queryFn: ({ signal }) => calls.list(signal),
    select: (data) => [...data.items].sort(byName),
  });
}

export const useCategories = () => useGroupList('categories', categoryCalls);
export const useCircles = () => useGroupList('circles', circleCalls);

export function findByName<T extends { name: string }>(
  items: readonly T[],
  name: string,
): T | undefined {
  const wanted = name.trim().toLocaleLowerCase();
  return items.find((item) => item.name.trim().toLocaleLowerCase() === wanted);
}

/** A list that did not load or a group that was not made, as its field's error; null for none. */
export const groupError = (error: unknown): string | null => (error ? describeError(error) : null);

/**
 * Creates a category or circle by name. A 409 means it already exists (someone else
 * made it meanwhile): reload the list and use that one instead of failing.
 */
function useCreateGroup<T extends { id: string; name: string }>(
  kind: GroupKind,
  calls: GroupCalls<T>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string): Promise<T> => {
      try {
        return await calls.create(name.trim());
      } catch (error) {
        if (!isProblem(error, 409)) throw error;
        const fresh = await calls.list();
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
      void refreshAfter(queryClient, kind === 'categories' ? 'category' : 'circle');
    },
  });
}

export const useCreateCategory = () => useCreateGroup('categories', categoryCalls);
export const useCreateCircle = () => useCreateGroup('circles', circleCalls);

/**
 * A form's typed-in category as an id on save: the existing one of that name, else made now;
 * null for none. `isResolving` while it is being made.
 */
export function useResolveCategory() {
  const categories = useCategories();
  const create = useCreateCategory();
  const resolve = async (name: string): Promise<string | null> => {
    if (!name.trim()) return null;
    const existing = findByName(categories.data ?? [], name);
    if (existing) return existing.id;
    return (await create.mutateAsync(name)).id;
  };
  return { resolve, isResolving: create.isPending };
}
