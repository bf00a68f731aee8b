import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Contact } from '../api/types';
import { DataTable } from '../components/data-table';
import { formatDate } from '../format';
import { ROLE_LABELS } from '../labels';
import { StageBadge } from './stage-badge';

function rolesText(contact: Contact): string {
  return contact.roles.map((r) => ROLE_LABELS[r]).join(', ') || '—';
}

function ContactLink({ contact }: { contact: Contact }) {
  return (
    <Anchor component={Link} to={`/contacts/${contact.id}`} fw={600}>
      {contact.name}
    </Anchor>
  );
}

/** Wide screens: one row per contact. */
export function ContactTable({ contacts, timeZone }: { contacts: Contact[]; timeZone?: string }) {
  return (
    <DataTable
      minWidth={720}
      striped
      highlightOnHover
      verticalSpacing="sm"
      columns={['Name', 'Organization', 'Category', 'Stage', 'Roles', 'Updated']}
    >
      {contacts.map((contact) => (
        <Table.Tr key={contact.id}>
          <Table.Td>
            <ContactLink contact={contact} />
            {contact.email ? (
              <Text size="xs" c="dimmed">
                {contact.email}
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td>{contact.organization ?? '—'}</Table.Td>
          <Table.Td>{contact.category?.name ?? '—'}</Table.Td>
          <Table.Td>
            <StageBadge stage={contact.stage} />
          </Table.Td>
          <Table.Td>{rolesText(contact)}</Table.Td>
          <Table.Td>{formatDate(contact.updatedAt, timeZone)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** Phone width: one stacked card per contact. */
export function ContactCards({ contacts }: { contacts: Contact[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {contacts.map((contact) => (
        <Paper key={contact.id} withBorder p="sm" radius="md" component="li">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <ContactLink contact={contact} />
            <StageBadge stage={contact.stage} />
          </Group>
          {contact.organization || contact.category ? (
            <Text size="sm">
              {[contact.organization, contact.category?.name].filter(Boolean).join(' · ')}
            </Text>
          ) : null}
          {contact.roles.length > 0 ? (
            <Text size="sm" c="dimmed">
              {rolesText(contact)}
            </Text>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
