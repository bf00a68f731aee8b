import { Alert, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { GoalProgress } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { useCurrentGoal, useMarkCelebrationSeen } from './use-goals';

const WORDS: Record<number, string> = {
  25: 'A quarter of the way there',
  50: 'Halfway there',
  75: 'Three quarters of the way',
  100: 'Goal reached',
};

/** The newest milestone this person has not seen yet, or none. */
export function unseenCelebration(goal: GoalProgress | null | undefined) {
  if (!goal) return null;
  const unseen = goal.celebrations.filter((c) => !c.seenByMe);
  return unseen.sort((a, b) => b.threshold - a.threshold)[0] ?? null;
}

/**
 * Reaching 25/50/75/100 % of the year's goal is shown once to each person; closing it
 * marks every reached milestone seen, so an old one never comes back after a newer one.
 */
export function CelebrationBanner({ showLink = true }: { showLink?: boolean }) {
  const goal = useCurrentGoal();
  const seen = useMarkCelebrationSeen();
  const data = goal.data;
  const celebration = unseenCelebration(data);
  if (!data || !celebration) return null;
  const dismiss = () => {
    for (const c of data.celebrations.filter((c) => !c.seenByMe)) {
      seen.mutate({ year: data.year, threshold: c.threshold });
    }
  };
  return (
    <Alert
      color="teal"
      variant="filled"
      mb="lg"
      role="status"
      title={`${WORDS[celebration.threshold] ?? 'Milestone'}: ${celebration.threshold} % of your ${data.year} goal`}
    >
      <Text size="sm" mb="sm">
        {data.clientsThisYear} of {data.targetClients} new clients from referrals this year. Every
        one of them started with someone who vouched for you — thank them, and tell the team.
      </Text>
      <ProblemAlert error={seen.error} />
      <Group gap="sm">
        <Button variant="white" color="teal" size="xs" onClick={dismiss} loading={seen.isPending}>
          Thank you, close
        </Button>
        {showLink ? (
          <Button component={Link} to="/goals" variant="outline" color="white" size="xs">
            See the goal
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
