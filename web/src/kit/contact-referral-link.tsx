import { Anchor, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import type { ContactRef } from '../api/types';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { LinkActions, LinkAddress, LinkStatsGrid } from './link-parts';
import { linkOfContact } from './referral-links';
import { useCreateReferralLink, useReferralLinks } from './use-referral-links';

/**
 * A contact's personal referral link (§3.9) on their page: made with one click, then its
 * address to send them, its numbers, and the way to the Kit page where all links are.
 */
export function ContactReferralLink({ contact }: { contact: ContactRef }) {
  const links = useReferralLinks();
  const create = useCreateReferralLink();
  const link = links.data ? linkOfContact(links.data, contact.id) : undefined;

  return (
    <Panel
      id="referral-link-heading"
      title="Referral link"
      description={
        link
          ? `Send this to ${contact.name}. People who get in touch through it are credited to them.`
          : `A page of your own for the people ${contact.name} sends you: what they write arrives as a referral from ${contact.name}, on Today, with the response clock started.`
      }
    >
      <ProblemAlert error={links.error} />
      {links.isPending ? (
        <Text c="dimmed" size="sm">
          Loading…
        </Text>
      ) : null}
      {link ? (
        <Stack gap="sm">
          <LinkAddress link={link} />
          <LinkStatsGrid stats={link.stats} />
          <LinkActions link={link} withRevoke={false} />
          <Anchor component={Link} to="/kit" size="sm">
            All referral links, and what to say, on the Kit page
          </Anchor>
        </Stack>
      ) : links.isSuccess ? (
        <Stack gap="sm" align="flex-start">
          <ProblemAlert error={create.error} title="No link was made" />
          <Button
            variant="light"
            loading={create.isPending}
            onClick={() =>
              create.mutate(contact.id, {
                onSuccess: () =>
                  notifications.show({
                    color: 'teal',
                    message: `Referral link made for ${contact.name}.`,
                  }),
              })
            }
          >
            Create referral link
          </Button>
        </Stack>
      ) : null}
    </Panel>
  );
}
