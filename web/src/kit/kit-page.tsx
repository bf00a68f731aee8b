import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { LINK_STATS, type Practice, type ReferralLink } from '../api/types';
import { AskScriptView } from '../asks/ask-script';
import { useAskScript } from '../asks/use-asks';
import { CopyTextButton } from '../components/copy-text-button';
import { DataTable } from '../components/data-table';
import { PageHeader } from '../components/page-header';
import { Panel } from '../components/panel';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { ContactPicker, EMPTY_PERSON, type PersonValue } from '../contacts/contact-picker';
import { LINK_STAT_LABELS } from '../labels';
import { usePractice } from '../practice/use-practice';
import { LinkActions, LinkBody } from './link-parts';
import {
  linkName,
  linkOfContact,
  personalLinks,
  practiceVcardUrl,
  practiceWideLink,
} from './referral-links';
import { useCreateReferralLink, useReferralLinks } from './use-referral-links';

/**
 * The referral kit (§3.9, issue 12 point 10): what to say and what to hand out, in one place —
 * the message, the ask script, the practice-wide link, each referrer's link with its numbers,
 * the card, the QR code and the practitioner's vCard.
 */
export function KitPage() {
  const links = useReferralLinks();
  return (
    <>
      <PageHeader
        title="Referral kit"
        description="What to say, and what to hand out: your message, the ask script, your referral links with their cards and QR codes, and your contact card."
        actions={
          <Button component="a" href={practiceVcardUrl} download variant="default">
            Download my vCard
          </Button>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <MessagePanel />
          <AskScriptPanel />
        </SimpleGrid>
        <ProblemAlert error={links.error} />
        <PracticeLinkPanel links={links.data} />
        <PersonalLinksPanel links={links.data} />
      </Stack>
    </>
  );
}

/** The value proposition and key phrases, as the practice wrote them in Settings. */
function MessagePanel() {
  const practice = usePractice();
  return (
    <Panel
      id="kit-message-heading"
      title="Your message"
      actions={
        <Anchor component={Link} to="/settings/practice" size="sm">
          Edit in Settings
        </Anchor>
      }
    >
      <QueryContent query={practice} loadingLabel="Loading your practice…">
        {(data) => <Message practice={data} />}
      </QueryContent>
    </Panel>
  );
}

function Message({ practice }: { practice: Practice }) {
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" c="dimmed">
          Value proposition
        </Text>
        {practice.valueProposition ? (
          <Text fz="lg" fw={500}>
            {practice.valueProposition}
          </Text>
        ) : (
          <Text>
            Not written yet.{' '}
            <Anchor component={Link} to="/settings/practice">
              Say in one sentence whom you help and how
            </Anchor>
            : it heads your intake page and your card.
          </Text>
        )}
      </div>
      {practice.idealClient ? (
        <div>
          <Text size="sm" c="dimmed">
            Ideal client
          </Text>
          <Text>{practice.idealClient}</Text>
        </div>
      ) : null}
      <div>
        <Text size="sm" c="dimmed" id="kit-phrases-label">
          Key phrases
        </Text>
        {practice.keyPhrases.length ? (
          <Group
            gap={6}
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-labelledby="kit-phrases-label"
          >
            {practice.keyPhrases.map((phrase) => (
              <li key={phrase}>
                <Badge variant="light" tt="none" size="lg">
                  {phrase}
                </Badge>
              </li>
            ))}
          </Group>
        ) : (
          <Text>None yet: the words you want people to use when they describe your work.</Text>
        )}
      </div>
      <Text size="sm">
        Do people repeat them?{' '}
        <Anchor component={Link} to="/survey">
          Ask a few with the messaging survey
        </Anchor>
        .
      </Text>
    </Stack>
  );
}

function AskScriptPanel() {
  const script = useAskScript();
  return (
    <Panel
      id="kit-script-heading"
      title="The ask script"
      description="What to say when you ask for referrals, and the sentence to give people to pass on."
    >
      <QueryContent query={script} loadingLabel="Loading the script…">
        {(data) => <AskScriptView script={data} />}
      </QueryContent>
    </Panel>
  );
}

/** One link for the website, the email signature and anyone without a link of their own. */
function PracticeLinkPanel({ links }: { links: ReferralLink[] | undefined }) {
  return (
    <Panel
      id="practice-link-heading"
      title="Practice link"
      description="For your website, your email signature and anyone without a link of their own: its page asks how they heard about you."
    >
      <LinkBody
        link={links ? practiceWideLink(links) : undefined}
        isLoaded={links !== undefined}
        contactId={null}
        createLabel="Create the practice link"
        madeMessage="Practice link made."
        emptyText="No practice link yet."
        actions={{ size: 'sm' }}
      />
    </Panel>
  );
}

/** A link per referrer: people they send arrive credited to them (and they hear, if allowed). */
function PersonalLinksPanel({ links }: { links: ReferralLink[] | undefined }) {
  const rows = links ? personalLinks(links) : [];
  return (
    <Panel
      id="personal-links-heading"
      title="Personal links"
      description="One per referrer: whoever gets in touch through it arrives as their referral, on Today, with the response clock started. Numbers since each link was made."
    >
      <Stack gap="md">
        <NewLinkForm links={links} />
        {links && rows.length === 0 ? (
          <Text c="dimmed">
            No personal links yet. Make one above, or from a contact’s page (Referral link).
          </Text>
        ) : null}
        {rows.length > 0 ? (
          <DataTable
            minWidth={760}
            verticalSpacing="sm"
            columns={[
              { label: 'Referrer and link', minWidth: 220 },
              ...LINK_STATS.map((stat) => ({
                label: LINK_STAT_LABELS[stat],
                align: 'right' as const,
              })),
              { label: 'Share and manage', minWidth: 250 },
            ]}
          >
            {rows.map((link) => (
              <PersonalLinkRow key={link.id} link={link} />
            ))}
          </DataTable>
        ) : null}
      </Stack>
    </Panel>
  );
}

function PersonalLinkRow({ link }: { link: ReferralLink }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Stack gap={4} align="flex-start">
          {link.contact ? (
            <Anchor component={Link} to={`/contacts/${link.contact.id}`} fw={600}>
              {link.contact.name}
            </Anchor>
          ) : null}
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {link.url}
          </Text>
          <CopyTextButton value={link.url} label="Copy link" of={linkName(link)} />
        </Stack>
      </Table.Th>
      {LINK_STATS.map((stat) => (
        <Table.Td key={stat} ta="right" fz="md" fw={600}>
          {link.stats[stat]}
        </Table.Td>
      ))}
      <Table.Td>
        <LinkActions link={link} isCompact />
      </Table.Td>
    </Table.Tr>
  );
}

/** Picks a contact and makes their link (or shows that they have one). */
function NewLinkForm({ links }: { links: ReferralLink[] | undefined }) {
  const create = useCreateReferralLink();
  const [person, setPerson] = useState<PersonValue>(EMPTY_PERSON);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const contact = person.contact && person.contact.name === person.text ? person.contact : null;
    if (!contact) {
      setError('Choose a contact from the list.');
      return;
    }
    setError(null);
    const had = links ? linkOfContact(links, contact.id) : undefined;
    create.mutate(contact.id, {
      onSuccess: () => {
        setPerson(EMPTY_PERSON);
        notifications.show({
          color: 'teal',
          message: had
            ? `${contact.name} already has a link: it is in the table.`
            : `Referral link made for ${contact.name}.`,
        });
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-link-heading">
      <Title order={3} fz="h5" id="new-link-heading" mb={4}>
        Make a link for a referrer
      </Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <ContactPicker
          label="Contact"
          value={person}
          onChange={(value) => {
            setPerson(value);
            setError(null);
          }}
          error={error}
          placeholder="Type a name"
        />
        <Button type="submit" variant="light" loading={create.isPending}>
          Create link
        </Button>
      </Group>
      <ProblemAlert error={create.error} title="No link was made" mt="sm" />
    </form>
  );
}
