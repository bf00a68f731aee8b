import { Badge } from '@mantine/core';
import type { Ruling } from '../api/types';
import { RULING_COLORS, RULING_LABELS } from '../labels';

export function RulingBadge({ ruling }: { ruling: Ruling }) {
  return (
    <Badge
      color={RULING_COLORS[ruling]}
      variant="light"
      component="span"
      styles={{
        root: { height: 'auto', maxWidth: '100%' },
        label: { whiteSpace: 'normal', overflow: 'visible' },
      }}
    >
      {RULING_LABELS[ruling]}
    </Badge>
  );
}
