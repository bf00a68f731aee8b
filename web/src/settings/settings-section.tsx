import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type SettingsSectionProps = {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
};

export function SettingsSection({ id, title, description, children }: SettingsSectionProps) {
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby={id}
    >
      <Title order={2} id={id} fz="h3">
        {title}
      </Title>
      <Text c="dimmed" mb="md" mt={4}>
        {description}
      </Text>
      {children}
    </Paper>
  );
}
