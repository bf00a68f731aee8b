import { QueryCache, QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { isProblem } from './api';
import { type ChangeKind, refreshAfter } from './refresh';

export const ME_KEY = ['me'] as const;

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A 401 anywhere means the session is gone: forget who we are, and the
      // route guard sends the person to sign in.
      onError: (error, query) => {
        if (isProblem(error, 401) && query.queryKey[0] !== ME_KEY[0]) {
          client.setQueryData(ME_KEY, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          failureCount < 2 && !(isProblem(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/**
 * A write that changes `change` (or the change its variables make): on success `then` runs
 * first (e.g. to put the answer in the cache), then every view that change touches is asked
 * again (refresh.ts declares which).
 */
export function useRefreshingMutation<TData, TVariables = void>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  change: ChangeKind | ((variables: TVariables) => ChangeKind),
  then?: (data: TData, variables: TVariables, queryClient: QueryClient) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (data, variables) => {
      then?.(data, variables, queryClient);
      void refreshAfter(queryClient, typeof change === 'function' ? change(variables) : change);
    },
  });
}
