import {
  Anchor,
  Box,
  Button,
  List,
  Progress,
  Text,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { useMe } from '../auth/use-auth';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { hiddenKey, isChecklistShown, progressText } from './onboarding';

export const ONBOARDING_KEY = ['checklist'] as const;

function readHidden(practiceId: string | undefined): boolean {
  if (!practiceId) return false;
  try {
    return window.localStorage.getItem(hiddenKey(practiceId)) === '1';
  } catch {
    return false;
  }
}

/**
 * "Getting started" on Today: what a new practice still has to do. Each item ticks itself when
 * its data appears (the server computes it); the panel goes away once everything is done, or
 * when its owner hides it.
 */
export function OnboardingChecklist() {
  const me = useMe();
  const practiceId = me.data?.practice.id;
  // Hidden by a click now, or earlier for this practice (read again when the practice changes).
  const [hiddenNow, setHidden] = useState(false);
  const hidden = hiddenNow || readHidden(practiceId);
  // Asked again on every visit to Today: the items follow what was done elsewhere.
  const checklist = useQuery({
    queryKey: ONBOARDING_KEY,
    queryFn: () => api.get('/onboarding'),
    // The demo practice is for looking around: it has nothing to set up. Setting up the
    // practice is its owners' work (issue 14): members are not asked to.
    enabled: me.data ? !me.data.practice.isDemo && me.data.role === 'owner' : false,
    staleTime: 0,
    refetchOnMount: 'always',
  });
  if (checklist.error) return <ProblemAlert error={checklist.error} />;
  const data = checklist.data;
  // The demo practice is for looking around: it has nothing to set up.
  if (!data || me.data?.practice.isDemo || me.data?.role !== 'owner') return null;
  if (!isChecklistShown(data, hidden)) return null;
  const done = data.items.filter((i) => i.done).length;
  const hide = () => {
    if (practiceId) {
      try {
        window.localStorage.setItem(hiddenKey(practiceId), '1');
      } catch {
        // Private windows may refuse storage: hidden for this visit only.
      }
    }
    setHidden(true);
  };
  return (
    <Box mb="md">
      <Panel
        id="onboarding-heading"
        title="Getting started"
        description={`${progressText(data.items)}. Each step ticks itself when it is done.`}
        actions={
          <Button variant="subtle" size="compact-sm" onClick={hide}>
            Hide
          </Button>
        }
      >
        <Progress
          value={(done * 100) / data.items.length}
          aria-label={progressText(data.items)}
          mb="sm"
        />
        <List spacing="xs" listStyleType="none" aria-label="Onboarding steps">
          {data.items.map((item) => (
            <List.Item
              key={item.key}
              data-done={item.done}
              icon={
                <ThemeIcon
                  size="sm"
                  radius="xl"
                  variant={item.done ? 'filled' : 'outline'}
                  color={item.done ? 'teal.8' : 'gray.7'}
                  aria-hidden
                >
                  {item.done ? '✓' : ''}
                </ThemeIcon>
              }
            >
              {item.done ? (
                <Text span td="line-through" c="gray.7">
                  {item.label}
                  <VisuallyHidden> (done)</VisuallyHidden>
                </Text>
              ) : (
                <Anchor component={Link} to={item.href}>
                  {item.label}
                </Anchor>
              )}
            </List.Item>
          ))}
        </List>
      </Panel>
    </Box>
  );
}
