import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { ItemList, PublicSurvey, Survey, SurveyRecipient } from '../types';

const SURVEYS_KEY = ['surveys'] as const;

export function useSurveys() {
  return useQuery({
    queryKey: SURVEYS_KEY,
    queryFn: ({ signal }) => api.get<ItemList<Survey>>('/surveys', {}, signal),
    select: (data) => data.items,
  });
}

/** The answer carries each person's link, once: the caller keeps it to show it. */
export function useCreateSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactIds: string[]) => api.post<Survey>('/surveys', { contactIds }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SURVEYS_KEY }),
  });
}

export function useEnterAnswer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      surveyId,
      recipientId,
      answer,
    }: {
      surveyId: string;
      recipientId: string;
      answer: string;
    }) =>
      api.post<SurveyRecipient>(
        `/surveys/${encodeURIComponent(surveyId)}/recipients/${encodeURIComponent(recipientId)}/answer`,
        { answer },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: SURVEYS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['agenda'] });
    },
  });
}

// ——— The public answer page (no session) ———

const publicPath = (token: string) => `/public/survey/${encodeURIComponent(token)}`;

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public-survey', token] as const,
    queryFn: ({ signal }) => api.get<PublicSurvey>(publicPath(token), {}, signal),
    retry: false,
  });
}

export function useAnswerPublicSurvey(token: string) {
  return useMutation({
    mutationFn: (answer: string) => api.post<{ thanks: true }>(publicPath(token), { answer }),
  });
}
