import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

type AuthFrameProps = { title: string; intro: ReactNode; children: ReactNode; footer: ReactNode };

/** The centred card that sign-up and sign-in share. */
export function AuthFrame({ title, intro, children, footer }: AuthFrameProps) {
  useDocumentTitle(`${title} · Vouch`);
  return (
    <Container size={460} py={{ base: 'lg', sm: 48 }} px="md" component="main">
      <Stack gap="xs" mb="lg" align="center">
        <Text fw={800} fz={28} c="teal.8" aria-hidden="true">
          Vouch
        </Text>
        <Title order={1} ta="center" fz={{ base: 24, sm: 28 }}>
          {title}
        </Title>
        <Text c="dimmed" ta="center">
          {intro}
        </Text>
      </Stack>
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
        {children}
      </Paper>
      <Text ta="center" mt="md">
        {footer}
      </Text>
    </Container>
  );
}
