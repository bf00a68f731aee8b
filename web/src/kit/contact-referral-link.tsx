import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { ContactRef } from '../api/types';
import { LoadingState } from '../components/loading-state';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { LinkBody } from './link-parts';
import { linkOfContact } from './referral-links';
import { useReferralLinks } from './use-referral-links';

/**
 * A contact's personal referral link (§3.9) on their page: made with one click, then its
 * address to send them, its numbers, and the way to the Kit page where all links are.
 */
export function ContactReferralLink({ contact }: { contact: ContactRef }) {
  const links = useReferralLinks();
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
      {links.isPending ? <LoadingState label="Loading the link…" /> : null}
      <LinkBody
        link={link}
        isLoaded={links.isSuccess}
        contactId={contact.id}
        createLabel="Create referral link"
        madeMessage={`Referral link made for ${contact.name}.`}
        buttonVariant="light"
        actions={{ withRevoke: false }}
        footer={
          <Anchor component={Link} to="/kit" size="sm">
            All referral links, and what to say, on the Kit page
          </Anchor>
        }
      />
    </Panel>
  );
}
