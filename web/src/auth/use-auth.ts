import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isProblem } from '../api';
import type { ChangePasswordInput, Me, SignInInput, SignUpInput } from '../api/types';
import { ME_KEY } from '../query-client';

const HAS_ACCOUNT_KEY = 'vouch.hasAccount';

/** Whether this browser has signed in before: decides between sign-in and sign-up. */
export function hasAccountHere(): boolean {
  try {
    return window.localStorage.getItem(HAS_ACCOUNT_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberAccount(): void {
  try {
    window.localStorage.setItem(HAS_ACCOUNT_KEY, '1');
  } catch {
    // Storage may be disabled; the only cost is landing on sign-up next time.
  }
}

/** GET /me; `null` when signed out (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get('/me');
  } catch (error) {
    if (isProblem(error, 401)) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    // An email that already has an account signs in to it (with its own role) when the
    // password is that account's.
    mutationFn: (input: SignUpInput) => api.post('/auth/sign-up', { body: input }),
    onSuccess: (me) => {
      rememberAccount();
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, me);
    },
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      await api.post('/auth/sign-in', { body: input });
      // /me also tells the role, which sign-in does not.
      return fetchMe();
    },
    onSuccess: (me) => {
      rememberAccount();
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/sign-out'),
    onSettled: () => {
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, null);
    },
  });
}

/** Ends every session of this user, this browser's too; API tokens stay. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/sign-out-everywhere'),
    onSuccess: () => {
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, null);
    },
  });
}

/** Changes the password; the other sessions end, this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post('/auth/password', { body: input }),
  });
}
