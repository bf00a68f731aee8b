import { Alert, Box, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/use-auth';
import { ProblemAlert } from '../components/problem-alert';
import { useCreateDemo, useDeleteDemo, useDemoState, useSwitchDemo } from './use-practice';

/**
 * Above every page of the demo practice: it is a demo, and the way back (or out) is one click.
 */
export function DemoBanner() {
  const me = useMe();
  const navigate = useNavigate();
  const leave = useSwitchDemo();
  const remove = useDeleteDemo();
  if (!me.data?.practice.isDemo) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      mb="md"
      title={
        <Text component="span" fw={700} c="dark.9">
          This is the demo practice
        </Text>
      }
    >
      <Text size="sm" mb="xs">
        Made-up people and two years of made-up referrals, to see every page at work. Nothing here
        is sent to anyone, and your own practice is not touched.
      </Text>
      <ProblemAlert error={leave.error ?? remove.error} />
      <Group gap="sm">
        <Button
          size="compact-sm"
          loading={leave.isPending}
          onClick={() => leave.mutate(false, { onSuccess: () => navigate('/') })}
        >
          Back to my practice
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          loading={remove.isPending}
          onClick={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                notifications.show({ message: 'The demo practice was deleted.' });
                navigate('/');
              },
            })
          }
        >
          Delete the demo
        </Button>
      </Group>
    </Alert>
  );
}

/** "Open the demo practice" when there is one, "Explore a demo practice" when there is none. */
export function DemoEntry({ onDone }: { onDone?: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const state = useDemoState();
  const open = useSwitchDemo();
  const create = useCreateDemo();
  if (!state.data || me.data?.practice.isDemo) return null;
  const done = () => {
    onDone?.();
    navigate('/');
  };
  return (
    <Box mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <ProblemAlert error={open.error ?? create.error} />
      {state.data.exists ? (
        <Button
          variant="subtle"
          size="compact-sm"
          loading={open.isPending}
          onClick={() => open.mutate(true, { onSuccess: done })}
        >
          Open the demo practice
        </Button>
      ) : (
        <Button
          variant="subtle"
          size="compact-sm"
          loading={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: done })}
        >
          Explore a demo practice
        </Button>
      )}
    </Box>
  );
}
