import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { LetterSubject, MessageInput, TemplateKey } from '../api/types';
import { refreshCommitments } from '../commitments/use-commitments';
import { messageKeys } from '../outbox/use-outbox';
import { useRefreshingMutation } from '../query-client';
import { refreshAfterReferralChange } from '../referrals/use-referrals';

const TEMPLATES_KEY = ['letter-templates'] as const;

export function useLetterTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: ({ signal }) => api.get('/letter-templates', { signal }),
    select: (data) => data.items,
  });
}

export function useSaveTemplate() {
  return useRefreshingMutation(
    ({ key, subject, body }: { key: TemplateKey; subject: string; body: string }) =>
      api.put('/letter-templates/{key}', { path: { key }, body: { subject, body } }),
    TEMPLATES_KEY,
  );
}

export function useResetTemplate() {
  return useRefreshingMutation(
    (key: TemplateKey) => api.delete('/letter-templates/{key}', { path: { key } }),
    TEMPLATES_KEY,
  );
}

/** Renders a template for one referral, commitment, referral given or contact. */
export function useLetterDraft(templateKey: TemplateKey, subject: LetterSubject, enabled: boolean) {
  return useQuery({
    queryKey: ['letter-draft', templateKey, subject] as const,
    enabled,
    queryFn: () => api.post('/letters/draft', { body: { templateKey, ...subject } }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** Sends (email) or keeps (letter) a message; the change it causes is saved with it. */
export function useCreateMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MessageInput) => api.post('/messages', { body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: messageKeys.all });
      refreshAfterReferralChange(queryClient);
      refreshCommitments(queryClient);
      void queryClient.invalidateQueries({ queryKey: ['referrals-given'] });
      // A letter with a cause completes its agenda item.
      void queryClient.invalidateQueries({ queryKey: ['agenda'] });
    },
  });
}
