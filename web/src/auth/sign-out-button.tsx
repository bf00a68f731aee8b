import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { describeError } from '../api';
import { useSignOut } from './use-auth';

export function SignOutButton({ compact = false }: { compact?: boolean }) {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Button
      variant="default"
      size={compact ? 'compact-sm' : 'sm'}
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          onSuccess: () => notifications.show({ message: 'You are signed out.' }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: 'Sign-out failed',
              message: describeError(error),
            }),
          onSettled: () => navigate('/sign-in', { replace: true }),
        })
      }
    >
      Sign out
    </Button>
  );
}
