import { Button, Container, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { SignOutButton } from '../auth/sign-out-button';
import { useMe } from '../auth/use-auth';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { PracticeForm } from './practice-form';
import { useCreateDemo } from './use-practice';

/** The short step after sign-up: what Vouch needs to know about the practice. */
export function SetupPage() {
  const navigate = useNavigate();
  const me = useMe();
  const practice = me.data?.practice;
  const demo = useCreateDemo();
  if (!practice) return null;

  return (
    <>
      <Group justify="space-between" px="md" py="sm" component="header">
        <Text fw={800} fz="xl" c="teal.8">
          Vouch
        </Text>
        <SignOutButton />
      </Group>
      <Container size="sm" px="md" pb="xl" component="main">
        <PageHeader
          title="Set up your practice"
          description="Three questions to start. Everything else — your value proposition, key phrases, contacts — waits in a checklist on Today, and all of it can be changed later in Settings."
        />
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
          <PracticeForm
            practice={practice}
            submitLabel="Save and continue"
            markSetUp
            onSaved={() => {
              notifications.show({ color: 'teal', message: 'Your practice is set up.' });
              navigate('/', { replace: true });
            }}
          />
        </Paper>
        {!practice.isSetUp ? (
          <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md" mt="md">
            <Text fw={600}>Just looking around?</Text>
            <Text c="dimmed" size="sm" mb="sm">
              Open a separate demo practice with two years of a realistic referral program — a
              network of 300, the 150 people they referred, thanks, promises, letters — to see every
              page at work. Your own practice stays as it is; go back or delete the demo in one
              click.
            </Text>
            <ProblemAlert error={demo.error} title="The demo practice could not be created" />
            <Button
              variant="light"
              loading={demo.isPending}
              onClick={() =>
                demo.mutate(undefined, {
                  onSuccess: (created) => {
                    notifications.show({
                      color: 'teal',
                      message: `Demo practice opened: ${created.contacts} contacts, ${created.referrals} referrals.`,
                    });
                    navigate('/', { replace: true });
                  },
                })
              }
            >
              Explore a demo practice
            </Button>
          </Paper>
        ) : null}
        {practice.isSetUp ? (
          <Group justify="center" mt="md">
            <Button variant="subtle" onClick={() => navigate('/')}>
              Back to Today
            </Button>
          </Group>
        ) : null}
      </Container>
    </>
  );
}
