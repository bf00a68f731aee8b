import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CreateApiTokenInput, Me, Settings } from '../api/types';
import { ME_KEY, useRefreshingMutation } from '../query-client';

const SETTINGS_KEY = ['practice', 'settings'] as const;
const TOKENS_KEY = ['tokens'] as const;

export function usePracticeSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => api.get('/practice/settings'),
  });
}

export function useUpdatePracticeSettings() {
  return useRefreshingMutation(
    (patch: Partial<Settings>) => api.patch('/practice/settings', { body: patch }),
    'practice',
    (saved, _patch, queryClient) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      queryClient.setQueryData<Me | null>(ME_KEY, (me) =>
        me ? { ...me, practice: { ...me.practice, settings: saved.values } } : me,
      );
    },
  );
}

export function useApiTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => api.get('/tokens'),
    select: (data) => data.items,
  });
}

export function useCreateApiToken() {
  return useRefreshingMutation(
    (body: CreateApiTokenInput) => api.post('/tokens', { body }),
    'token',
  );
}

export function useRevokeApiToken() {
  return useRefreshingMutation(
    (id: string) => api.delete('/tokens/{id}', { path: { id } }),
    'token',
  );
}
