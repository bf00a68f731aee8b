import { Badge, Button, Checkbox, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ApiToken, CreatedApiToken } from '../api/types';
import { useMe } from '../auth/use-auth';
import { DataTable } from '../components/data-table';
import { ProblemAlert } from '../components/problem-alert';
import { QueryContent } from '../components/query-content';
import { submitWithServerErrors } from '../form-errors';
import { formatDateTime } from '../format';
import { ConfirmOnItem, OneTimeSecret, RevocableStatus } from './revocable-secrets';
import { SettingsSection } from './settings-section';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from './use-settings';

export function ApiTokensSection() {
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useRevokeApiToken();

  return (
    <SettingsSection
      id="tokens-title"
      title="API tokens"
      description={
        <>
          Tokens let other tools use the Vouch API on behalf of your practice. Send one as{' '}
          <Code>Authorization: Bearer &lt;token&gt;</Code>.
        </>
      }
    >
      <Stack>
        {created ? (
          <NewTokenSecret token={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateTokenForm onCreated={setCreated} />
        )}
        <QueryContent query={tokens}>
          {(rows) =>
            rows.length === 0 ? (
              <Text c="dimmed">No tokens yet.</Text>
            ) : (
              <TokenTable tokens={rows} onRevoke={setRevoking} />
            )
          }
        </QueryContent>
      </Stack>
      <ConfirmOnItem
        item={revoking}
        onClose={() => setRevoking(null)}
        action={revoke}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        onDone={(_, token) =>
          notifications.show({ color: 'teal', message: `Token “${token.name}” revoked.` })
        }
      >
        Anything using this token stops working at once. This cannot be undone.
      </ConfirmOnItem>
    </SettingsSection>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const create = useCreateApiToken();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', readOnly: false },
    validate: { name: (v) => (v.trim() ? null : 'Name the token after what will use it.') },
  });
  const submit = submitWithServerErrors(form, create, {
    fields: ['name', 'readOnly'],
    toInput: (values) => ({ name: values.name.trim(), readOnly: values.readOnly }),
    onSuccess: (token) => {
      form.reset();
      onCreated(token);
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Token name"
            placeholder="e.g. Zapier"
            style={{ flex: '1 1 220px' }}
            {...form.getInputProps('name')}
          />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
        <Checkbox
          label="Read-only: it can read the practice's data but not change anything"
          {...form.getInputProps('readOnly', { type: 'checkbox' })}
        />
        <ProblemAlert error={create.error} />
      </Stack>
    </form>
  );
}

function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  return (
    <OneTimeSecret
      title={`Token “${token.name}” created`}
      warning="Copy it now: this is the only time Vouch shows it. Store it somewhere safe; if you lose it, revoke it and create another."
      value={token.token}
      valueLabel="New API token"
      copyLabel="Copy token"
      doneLabel="I have stored it"
      onDone={onDone}
    />
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (t: ApiToken) => void }) {
  const me = useMe();
  const timeZone = me.data?.practice.timeZone;
  return (
    <DataTable
      minWidth={560}
      verticalSpacing="sm"
      columns={['Name', 'Starts with', 'Created', 'Last used', 'Status']}
    >
      {tokens.map((token) => (
        <Table.Tr key={token.id}>
          <Table.Td>
            {token.name}{' '}
            {token.readOnly && (
              <Badge size="xs" variant="light" color="gray">
                read-only
              </Badge>
            )}
          </Table.Td>
          <Table.Td>
            <Code>{token.prefix}…</Code>
          </Table.Td>
          <Table.Td>{formatDateTime(token.createdAt, timeZone)}</Table.Td>
          <Table.Td>
            {token.lastUsedAt ? formatDateTime(token.lastUsedAt, timeZone) : 'Never'}
          </Table.Td>
          <Table.Td>
            <RevocableStatus revokedAt={token.revokedAt} timeZone={timeZone}>
              <Button
                size="xs"
                color="red"
                variant="light"
                onClick={() => onRevoke(token)}
                aria-label={`Revoke token ${token.name}`}
              >
                Revoke
              </Button>
            </RevocableStatus>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
