import { Badge } from '@mantine/core';
import type { Stage } from '../api/types';
import { STAGE_COLORS, STAGE_LABELS } from '../labels';

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={STAGE_COLORS[stage]} variant="light" radius="sm">
      {STAGE_LABELS[stage]}
    </Badge>
  );
}
