import { AppShell, Box, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { SignOutButton } from '../auth/sign-out-button';
import { useMe } from '../auth/use-auth';
import classes from './app-layout.module.css';

/** Only sections that exist are listed. */
const SECTIONS = [
  { to: '/contacts', label: 'Contacts', description: 'Your network' },
  { to: '/settings', label: 'Settings', description: 'Practice, defaults, API tokens' },
] as const;

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const me = useMe();
  // A collapsed phone menu is only moved off-screen by AppShell; hide it from
  // keyboard and screen readers too.
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const isNavHidden = Boolean(isPhone) && !opened;

  return (
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
            <UnstyledButton component={Link} to="/contacts" aria-label="Vouch, go to contacts">
              <Text fw={800} fz="xl" c="teal.8">
                Vouch
              </Text>
            </UnstyledButton>
            <Text c="dimmed" truncate visibleFrom="xs" maw={260}>
              {me.data?.practice.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="md" truncate maw={200}>
              {me.data?.user.name}
            </Text>
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="app-navigation"
        aria-label="Main navigation"
        component="nav"
        inert={isNavHidden}
        style={isNavHidden ? { visibility: 'hidden' } : undefined}
      >
        {SECTIONS.map((section) => {
          const isActive = location.pathname.startsWith(section.to);
          return (
            <NavLink
              key={section.to}
              component={Link}
              to={section.to}
              label={section.label}
              description={section.description}
              active={isActive}
              aria-current={isActive ? 'page' : undefined}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Box maw={1200}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
