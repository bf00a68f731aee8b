import { Alert, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type Ethics, type EthicsOverrides, RULINGS, type Ruling } from '../api/types';
import { DataTable } from '../components/data-table';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { isAtLeastAsStrict, useEthics, useSaveEthicsOverrides } from '../ethics/use-ethics';
import { formatMoney } from '../format';
import { RulingBadge } from '../incentives/ruling-badge';
import { INCENTIVE_KIND_LABELS, RULING_LABELS } from '../labels';
import { SettingsSection } from './settings-section';

export function EthicsSection() {
  const ethics = useEthics();
  return (
    <SettingsSection
      id="ethics-title"
      title="Ethics"
      description="How your profession’s rules treat each kind of incentive. Vouch checks every incentive against these before it is saved."
    >
      <QueryContent query={ethics}>
        {(data) => <EthicsTable key={JSON.stringify(data.rulings)} ethics={data} />}
      </QueryContent>
    </SettingsSection>
  );
}

/** The override a kind has now: its ruling when tightened, else none. */
function currentOverrides(ethics: Ethics): EthicsOverrides {
  const result: EthicsOverrides = {};
  for (const r of ethics.rulings) if (r.isTightened) result[r.kind] = r.ruling;
  return result;
}

function EthicsTable({ ethics }: { ethics: Ethics }) {
  const save = useSaveEthicsOverrides();
  const [overrides, setOverrides] = useState<EthicsOverrides>(() => currentOverrides(ethics));
  const isDirty = JSON.stringify(overrides) !== JSON.stringify(currentOverrides(ethics));

  /** Only stricter choices: against the profile's ruling, known when the kind is not tightened. */
  const choices = (ruling: Ruling, isTightened: boolean) => {
    const stricter = isTightened
      ? RULINGS.filter((r) => r === ruling || (r === 'prohibited' && ruling !== 'prohibited'))
      : RULINGS.filter((r) => r !== ruling && isAtLeastAsStrict(r, ruling));
    return [
      {
        value: '',
        label: isTightened ? 'Profile default' : `Profile default (${RULING_LABELS[ruling]})`,
      },
      ...stricter.map((r) => ({ value: r, label: `Tighten to: ${RULING_LABELS[r]}` })),
    ];
  };

  return (
    <Stack>
      <Alert color="gray" variant="light" title="Vouch gives no legal advice">
        {ethics.disclaimer}
      </Alert>
      <Text size="sm">
        Profile: <strong>{ethics.profile ?? ethics.profession}</strong>. Nominal gifts: up to{' '}
        {formatMoney(ethics.nominalGiftMinor, ethics.currency)} (change it under Program defaults).
        {ethics.referrerMayBeToldWithoutConsent
          ? ` Without the referred person’s consent, a referrer may be told: ${ethics.referrerMayBeToldWithoutConsent}.`
          : ''}
      </Text>
      <DataTable
        minWidth={640}
        verticalSpacing="sm"
        striped
        columns={['Incentive', 'Ruling', 'Reason and source', 'Your practice']}
      >
        {ethics.rulings.map((r) => (
          <Table.Tr key={r.kind}>
            <Table.Th scope="row" fw={500}>
              {INCENTIVE_KIND_LABELS[r.kind]}
            </Table.Th>
            <Table.Td>
              <RulingBadge ruling={r.ruling} />
              {r.isTightened ? (
                <Text size="xs" c="dimmed">
                  tightened by you
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{r.reason}</Text>
              <Text size="xs" c="dimmed">
                Source: {r.source}
              </Text>
            </Table.Td>
            <Table.Td>
              <NativeSelect
                size="xs"
                aria-label={`Ruling for ${INCENTIVE_KIND_LABELS[r.kind]} in your practice`}
                value={overrides[r.kind] ?? ''}
                data={choices(r.ruling, r.isTightened)}
                onChange={(e) => {
                  const value = RULINGS.find((x) => x === e.currentTarget.value);
                  setOverrides((prev) => {
                    const next = { ...prev };
                    if (value) next[r.kind] = value;
                    else delete next[r.kind];
                    return next;
                  });
                }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <ProblemAlert error={save.error} title="Not saved" />
      <Group justify="flex-end">
        <Button
          disabled={!isDirty}
          loading={save.isPending}
          onClick={() =>
            save.mutate(overrides, {
              onSuccess: () =>
                notifications.show({ color: 'teal', message: 'Ethics rulings saved.' }),
            })
          }
        >
          Save rulings
        </Button>
      </Group>
    </Stack>
  );
}
