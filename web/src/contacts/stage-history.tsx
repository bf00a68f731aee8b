import { Text, Timeline, Title } from '@mantine/core';
import type { StageChange } from '../api/types';
import { formatDateTime } from '../format';
import { STAGE_LABELS } from '../labels';

type StageHistoryProps = { history: StageChange[]; timeZone?: string };

/** Every stage change, newest first, as the API returns it. */
export function StageHistory({ history, timeZone }: StageHistoryProps) {
  return (
    <section>
      <Title order={2} fz="h3" mb="sm">
        Stage history
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed">No stage changes recorded yet.</Text>
      ) : (
        <Timeline
          bulletSize={14}
          lineWidth={2}
          active={0}
          component="ol"
          p={0}
          style={{ listStyle: 'none' }}
        >
          {history.map((change) => (
            <Timeline.Item
              key={change.id}
              component="li"
              title={
                change.fromStage
                  ? `${STAGE_LABELS[change.fromStage]} → ${STAGE_LABELS[change.toStage]}`
                  : `Added at ${STAGE_LABELS[change.toStage]}`
              }
            >
              <Text size="sm" c="dimmed">
                <time dateTime={change.changedAt}>
                  {formatDateTime(change.changedAt, timeZone)}
                </time>
                {' · '}
                {change.changedBy ? `by ${change.changedBy.name}` : 'by Vouch (automatic)'}
              </Text>
              {change.reason ? (
                <Text size="sm" c="dimmed">
                  {change.reason}
                </Text>
              ) : null}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </section>
  );
}
