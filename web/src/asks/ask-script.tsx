import { Blockquote, Group, Stack, Text } from '@mantine/core';
import type { AskScript } from '../api/types';
import { CopyTextButton } from '../components/copy-text-button';

/**
 * The ask script (§3.3): what you do, for whom, the sentence a referrer can repeat, and the
 * whole script, each ready to copy. Under its heading wherever it is shown.
 */
export function AskScriptView({ script }: { script: AskScript }) {
  return (
    <Stack gap={6}>
      <Text size="sm">
        <Text span fw={600}>
          What you do:
        </Text>{' '}
        {script.whatIDo}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          For whom:
        </Text>{' '}
        {script.forWhom}
      </Text>
      <Text size="sm" fw={600}>
        What they can say about you:
      </Text>
      <Blockquote p="sm" m={0} color="teal" style={{ overflowWrap: 'anywhere' }}>
        {script.sayThis}
      </Blockquote>
      <Group gap="xs">
        <CopyTextButton value={script.sayThis} label="Copy" />
        <CopyTextButton value={script.full} label="Copy the whole script" />
      </Group>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
        {script.full}
      </Text>
    </Stack>
  );
}
