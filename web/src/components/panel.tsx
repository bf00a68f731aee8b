import { Group, type MantineSpacing, Paper, type PaperProps, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type PanelProps = {
  /** The heading's id, which names the section for assistive tech. */
  id: string;
  title: ReactNode;
  /** A dimmed line under the heading saying what the section is for. */
  description?: ReactNode;
  /** Beside the heading, at the right (a button, a badge). */
  actions?: ReactNode;
  /** A smaller heading for a secondary panel. */
  fz?: 'h3' | 'h4';
  /** The space between the heading (and its description) and the content. */
  headingMb?: MantineSpacing | number;
  mt?: MantineSpacing;
  p?: PaperProps['p'];
  children: ReactNode;
};

/** A bordered section of a page, named by its <h2>. */
export function Panel(props: PanelProps) {
  const {
    id,
    title,
    description,
    actions,
    fz = 'h3',
    headingMb = 'sm',
    mt,
    p = 'md',
    children,
  } = props;
  // The last line of the head carries the space before the content.
  const headMb = description === undefined ? headingMb : undefined;
  const heading = (
    <Title order={2} fz={fz} id={id} mb={actions ? undefined : headMb}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder p={p} radius="md" mt={mt} component="section" aria-labelledby={id}>
      {actions ? (
        <Group justify="space-between" mb={headMb}>
          {heading}
          {actions}
        </Group>
      ) : (
        heading
      )}
      {description !== undefined && (
        <Text c="dimmed" mb={headingMb} mt={4}>
          {description}
        </Text>
      )}
      {children}
    </Paper>
  );
}
