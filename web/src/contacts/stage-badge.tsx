import { Badge } from '@mantine/core';
import { STAGE_COLORS, STAGE_LABELS } from '../labels';
import type { Stage } from '../types';

export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge color={STAGE_COLORS[stage]} variant="light" radius="sm">
      {STAGE_LABELS[stage]}
    </Badge>
  );
}
