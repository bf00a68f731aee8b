import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { Me, PasswordResetRequest, ResetPasswordInput } from '../api/types';
import { ME_KEY } from '../query-client';

/** "Forgot password": the answer is the same for every email. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: PasswordResetRequest) => api.post('/auth/password-reset', { body: input }),
  });
}

/** A new password with the emailed link; every session of the account ends, this browser's too. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ResetPasswordInput) =>
      api.post('/auth/password-reset/confirm', { body: input }),
    onSuccess: () => {
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, null);
    },
  });
}
