import {
  Anchor,
  Button,
  Code,
  Group,
  type MantineSize,
  Popover,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { LINK_STATS, type ReferralLink, type ReferralLinkStats } from '../api/types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyTextButton } from '../components/copy-text-button';
import { ProblemAlert } from '../components/problem-alert';
import { LINK_STAT_LABELS } from '../labels';
import { intakePreviewPath, linkName, referralCardUrl, referralQrUrl } from './referral-links';
import { useCreateReferralLink, useRevokeReferralLink } from './use-referral-links';

/** The link's address, whole (it wraps on a phone), with a button that copies it. */
export function LinkAddress({ link }: { link: ReferralLink }) {
  return (
    <Group gap="xs" align="center">
      <Code
        role="group"
        aria-label={`Address of ${linkName(link)}`}
        style={{ overflowWrap: 'anywhere', whiteSpace: 'normal', minWidth: 0 }}
        fz="sm"
      >
        {link.url}
      </Code>
      <CopyTextButton value={link.url} label="Copy link" of={linkName(link)} />
    </Group>
  );
}

/** The four numbers of a link, biggest first in the eye: how far people went. */
export function LinkStatsGrid({ stats }: { stats: ReferralLinkStats }) {
  return (
    <SimpleGrid cols={{ base: 2, xs: 4 }} component="dl" m={0} spacing="xs" verticalSpacing="xs">
      {LINK_STATS.map((stat) => (
        <div key={stat}>
          <Text component="dt" size="sm" c="dimmed">
            {LINK_STAT_LABELS[stat]}
          </Text>
          <Text component="dd" m={0} fw={700} fz="xl">
            {stats[stat]}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

type ActionsProps = {
  link: ReferralLink;
  size?: MantineSize;
  withRevoke?: boolean;
  /** Short labels, for a row of a table ("Preview"). */
  isCompact?: boolean;
};

/**
 * What to do with a link: open its page as visitors see it (not counted), show its QR code,
 * print its cards, revoke it. Each names the link for assistive tech where several are listed.
 */
export function LinkActions(props: ActionsProps) {
  const { link, size = 'xs', withRevoke = true, isCompact = false } = props;
  const name = linkName(link);
  return (
    <Group gap="xs" wrap="wrap">
      <Button
        component="a"
        href={intakePreviewPath(link)}
        target="_blank"
        rel="noopener"
        size={size}
        variant="default"
        aria-label={`Preview the intake page: ${name}`}
      >
        {isCompact ? 'Preview' : 'Preview the intake page'}
      </Button>
      <QrCodeButton link={link} size={size} />
      <Button
        component="a"
        href={referralCardUrl(link)}
        target="_blank"
        rel="noopener"
        size={size}
        variant="default"
        aria-label={`Card (PDF): ${name}`}
      >
        Card (PDF)
      </Button>
      {withRevoke ? <RevokeLinkButton link={link} size={size} /> : null}
    </Group>
  );
}

/** The QR code in a small popover, only fetched when opened. */
function QrCodeButton({ link, size }: { link: ReferralLink; size: MantineSize }) {
  const name = linkName(link);
  return (
    <Popover position="bottom" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Button size={size} variant="default" aria-label={`QR code: ${name}`}>
          QR code
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" align="center">
          <img
            src={referralQrUrl(link)}
            alt={`QR code that opens ${link.url}`}
            width={180}
            height={180}
            style={{ display: 'block' }}
          />
          <Text size="xs" c="dimmed" maw={200} ta="center">
            A phone’s camera opens the intake page from it.
          </Text>
          <Anchor href={referralQrUrl(link)} download size="sm">
            Download the QR code (SVG)
          </Anchor>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Revoking asks first: the page stops working for everyone who has the address. */
function RevokeLinkButton({ link, size }: { link: ReferralLink; size: MantineSize }) {
  const revoke = useRevokeReferralLink();
  const [isConfirming, setIsConfirming] = useState(false);
  const name = linkName(link);
  const whose = link.contact ? `${link.contact.name}’s link` : 'the practice-wide link';
  const close = () => {
    revoke.reset();
    setIsConfirming(false);
  };
  return (
    <>
      <Button
        size={size}
        variant="subtle"
        color="red"
        onClick={() => setIsConfirming(true)}
        aria-label={`Revoke: ${name}`}
      >
        Revoke
      </Button>
      <ConfirmDialog
        opened={isConfirming}
        title={`Revoke ${whose}?`}
        confirmLabel="Revoke link"
        isPending={revoke.isPending}
        error={revoke.error}
        onCancel={close}
        onConfirm={() =>
          revoke.mutate(link.id, {
            onSuccess: () => {
              close();
              notifications.show({ color: 'teal', message: `Revoked ${whose}.` });
            },
          })
        }
      >
        Its page stops working at once: whoever opens {link.url} (from a card, a QR code or a
        message) is told the link is not active. The referrals it brought stay, with their numbers.
        A new link gets a new address.
      </ConfirmDialog>
    </>
  );
}

type LinkBodyProps = {
  /** The live link, once there is one. */
  link: ReferralLink | undefined;
  /** Whether the links were read, so that "none yet" is known rather than still loading. */
  isLoaded: boolean;
  /** Whose link to make: a contact's id, or null for the practice-wide link. */
  contactId: string | null;
  createLabel: string;
  madeMessage: string;
  /** Said above the button while there is no link. */
  emptyText?: string;
  buttonVariant?: 'filled' | 'light';
  actions?: Omit<ActionsProps, 'link'>;
  /** Below the link's actions (a way to the Kit page). */
  footer?: ReactNode;
};

/**
 * A link's address, numbers and actions; or, while there is none, the button that makes it.
 * Once made, the focus moves to the new link's Copy button (the button pressed is gone).
 */
export function LinkBody(props: LinkBodyProps) {
  const { link, isLoaded, contactId, createLabel, madeMessage, emptyText } = props;
  const create = useCreateReferralLink();
  const bodyRef = useRef<HTMLDivElement>(null);
  const wasMade = useRef(false);
  useEffect(() => {
    if (!link || !wasMade.current) return;
    wasMade.current = false;
    bodyRef.current?.querySelector('button')?.focus();
  }, [link]);
  if (link)
    return (
      <Stack gap="sm" ref={bodyRef}>
        <LinkAddress link={link} />
        <LinkStatsGrid stats={link.stats} />
        <LinkActions link={link} {...props.actions} />
        {props.footer}
      </Stack>
    );
  if (!isLoaded) return null;
  return (
    <Stack gap="sm" align="flex-start">
      {emptyText ? <Text>{emptyText}</Text> : null}
      <ProblemAlert error={create.error} title="No link was made" />
      <Button
        variant={props.buttonVariant}
        loading={create.isPending}
        onClick={() =>
          create.mutate(contactId, {
            onSuccess: () => {
              wasMade.current = true;
              notifications.show({ color: 'teal', message: madeMessage });
            },
          })
        }
      >
        {createLabel}
      </Button>
    </Stack>
  );
}
