import { AppShell, Box, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { SignOutButton } from '../auth/sign-out-button';
import { useMe } from '../auth/use-auth';
import { DemoBanner, DemoEntry } from '../practice/demo';
import { AddReferralButton, QuickAddProvider } from '../referrals/quick-add-referral';
import classes from './app-layout.module.css';

type Section = {
  to: string;
  label: string;
  description: string;
  /** Paths that belong to the section besides its own. */
  alsoActive?: readonly string[];
  pages?: readonly { to: string; label: string; exact?: boolean }[];
};

/** Only sections that exist are listed. */
const SECTIONS: readonly Section[] = [
  {
    to: '/',
    label: 'Today',
    description: 'What to do now',
    alsoActive: ['/today'],
  },
  {
    to: '/referrals',
    label: 'Referrals',
    description: 'Pipeline and follow-up',
    pages: [
      { to: '/referrals', label: 'Pipeline', exact: true },
      { to: '/referrals/given', label: 'Given to partners' },
      { to: '/commitments', label: 'Commitments' },
      { to: '/incentives', label: 'Incentives' },
    ],
    alsoActive: ['/commitments', '/incentives'],
  },
  {
    to: '/network/most-wanted',
    label: 'Network',
    description: 'People and where they gather',
    alsoActive: ['/network', '/contacts', '/survey'],
    pages: [
      { to: '/contacts', label: 'Contacts' },
      { to: '/network/most-wanted', label: 'Most-wanted list' },
      { to: '/network/circles', label: 'Circles' },
      { to: '/network/reciprocity', label: 'Reciprocity ledger' },
      { to: '/survey', label: 'Messaging survey' },
    ],
  },
  {
    to: '/kit',
    label: 'Kit',
    description: 'Links, card, what to say',
  },
  {
    to: '/goals',
    label: 'Goals',
    description: 'This year’s target and pace',
  },
  {
    to: '/insights',
    label: 'Insights',
    description: 'Where referrals come from',
  },
  {
    to: '/outbox',
    label: 'Letters',
    description: 'Outbox: emails and letters',
  },
  {
    to: '/settings',
    label: 'Settings',
    description: 'Practice, ethics, email, letters',
  },
];

function isUnder(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The page of a section that the path belongs to: the longest matching one. */
function activePage(pathname: string, section: Section): string | undefined {
  const pages = section.pages ?? [];
  const matches = pages.filter((p) =>
    p.exact
      ? pathname === p.to ||
        (isUnder(pathname, p.to) && !pages.some((o) => o !== p && isUnder(pathname, o.to)))
      : isUnder(pathname, p.to),
  );
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to;
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const me = useMe();
  // A collapsed phone menu is only moved off-screen by AppShell; hide it from
  // keyboard and screen readers too.
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const isNavHidden = Boolean(isPhone) && !opened;

  return (
    // A quick-add draft belongs to the practice it was typed in: switching to or from the demo
    // practice starts a fresh one.
    <QuickAddProvider key={me.data?.practice.id}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <a href="#main" className={classes.skipLink}>
          Skip to content
        </a>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={opened}
                aria-controls="app-navigation"
              />
              <UnstyledButton component={Link} to="/" aria-label="Vouch, go to Today">
                <Text fw={800} fz="xl" c="teal.8">
                  Vouch
                </Text>
              </UnstyledButton>
              <Text c="dimmed" truncate visibleFrom="xs" maw={260}>
                {me.data?.practice.name}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <AddReferralButton />
              <Text size="sm" visibleFrom="md" truncate maw={200}>
                {me.data?.user.name}
              </Text>
              <SignOutButton compact={Boolean(isPhone)} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar
          p="sm"
          id="app-navigation"
          aria-label="Main navigation"
          component="nav"
          inert={isNavHidden}
          style={{ overflowY: 'auto', ...(isNavHidden ? { visibility: 'hidden' } : {}) }}
        >
          {SECTIONS.map((section) => {
            const isActive = [section.to, ...(section.alsoActive ?? [])].some((to) =>
              isUnder(location.pathname, to),
            );
            const current = activePage(location.pathname, section);
            return (
              <Box key={section.to} mb={4}>
                <NavLink
                  component={Link}
                  to={section.to}
                  label={section.label}
                  description={section.description}
                  active={isActive && !section.pages}
                  fw={600}
                  aria-current={isActive && !section.pages ? 'page' : undefined}
                  onClick={close}
                />
                {section.pages ? (
                  <Box pl="md" component="ul" m={0} style={{ listStyle: 'none' }}>
                    {section.pages.map((page) => {
                      const isPage = current === page.to;
                      return (
                        <li key={page.to}>
                          <NavLink
                            component={Link}
                            to={page.to}
                            label={page.label}
                            active={isPage}
                            aria-current={isPage ? 'page' : undefined}
                            onClick={close}
                            py={6}
                          />
                        </li>
                      );
                    })}
                  </Box>
                ) : null}
              </Box>
            );
          })}
          <DemoEntry onDone={close} />
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
          <Box maw={1200}>
            <DemoBanner />
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </QuickAddProvider>
  );
}
