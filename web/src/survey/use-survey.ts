import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useRefreshingMutation } from '../query-client';

const SURVEYS_KEY = ['surveys'] as const;

export function useSurveys() {
  return useQuery({
    queryKey: SURVEYS_KEY,
    queryFn: ({ signal }) => api.get('/surveys', { signal }),
    select: (data) => data.items,
  });
}

/** The answer carries each person's link, once: the caller keeps it to show it. */
export function useCreateSurvey() {
  return useRefreshingMutation(
    (contactIds: string[]) => api.post('/surveys', { body: { contactIds } }),
    'survey',
  );
}

export function useEnterAnswer() {
  return useRefreshingMutation(
    ({
      surveyId,
      recipientId,
      answer: text,
    }: {
      surveyId: string;
      recipientId: string;
      answer: string;
    }) =>
      api.post('/surveys/{id}/recipients/{recipientId}/answer', {
        path: { id: surveyId, recipientId },
        body: { answer: text },
      }),
    'survey',
  );
}

// ——— The public answer page (no session) ———

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public-survey', token] as const,
    queryFn: ({ signal }) => api.get('/public/survey/{token}', { path: { token }, signal }),
    retry: false,
  });
}

export function useAnswerPublicSurvey(token: string) {
  return useRefreshingMutation(
    (text: string) =>
      api.post('/public/survey/{token}', { path: { token }, body: { answer: text } }),
    'survey-answer',
  );
}
