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
import { useState } from 'react';
import { LINK_STATS, type ReferralLink, type ReferralLinkStats } from '../api/types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyTextButton } from '../components/copy-text-button';
import { LINK_STAT_LABELS } from '../labels';
import { intakePreviewPath, linkName, referralCardUrl, referralQrUrl } from './referral-links';
import { useRevokeReferralLink } from './use-referral-links';

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
