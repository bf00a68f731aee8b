import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { IntroductionInput, IntroductionPreviewInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

/** The draft of a warm introduction (POST /introductions/preview): it writes nothing. */
export function usePreviewIntroduction() {
  return useMutation({
    mutationFn: (input: IntroductionPreviewInput) =>
      api.post('/introductions/preview', { body: input }),
  });
}

/**
 * Records the introduction (a new warm-handoff referral, or `referralId` marked as one) and,
 * with `send: true`, queues the email to the person with the referrer in Cc.
 */
export function useCreateIntroduction() {
  return useRefreshingMutation(
    (input: IntroductionInput) => api.post('/introductions', { body: input }),
    'introduction',
  );
}
