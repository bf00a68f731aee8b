import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { LetterSubject, MessageInput, TemplateKey } from '../api/types';
import { useRefreshingMutation } from '../query-client';

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
    'template',
  );
}

export function useResetTemplate() {
  return useRefreshingMutation(
    (key: TemplateKey) => api.delete('/letter-templates/{key}', { path: { key } }),
    'template',
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
  // A letter with a cause records its thank-you or update and completes its agenda item.
  return useRefreshingMutation(
    (input: MessageInput) => api.post('/messages', { body: input }),
    'message',
  );
}
