import { Group, type MantineSpacing, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type PanelProps = {
  /** The heading's id, which names the section for assistive tech. */
  id: string;
  title: ReactNode;
  /** Beside the heading, at the right (a button, a badge). */
  actions?: ReactNode;
  /** A smaller heading for a secondary panel. */
  fz?: 'h3' | 'h4';
  headingMb?: MantineSpacing | number;
  mt?: MantineSpacing;
  children: ReactNode;
};

/** A bordered section of a page, named by its <h2>. */
export function Panel(props: PanelProps) {
  const { id, title, actions, fz = 'h3', headingMb = 'sm', mt, children } = props;
  const heading = (
    <Title order={2} fz={fz} id={id} mb={actions ? undefined : headingMb}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder p="md" radius="md" mt={mt} component="section" aria-labelledby={id}>
      {actions ? (
        <Group justify="space-between" mb={headingMb}>
          {heading}
          {actions}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Paper>
  );
}
