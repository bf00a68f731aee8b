import { Button, Center, Group, Menu, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { buildUrl } from '../api';
import { CONTACT_SORTS, type ContactQuery, ROLES, STAGES } from '../api/types';
import { useMe } from '../auth/use-auth';
import { LoadMoreButton } from '../components/load-more-button';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProblemAlert } from '../components/problem-alert';
import { useSearchInUrl } from '../components/use-search-in-url';
import { ContactFilters } from './contact-filters';
import { ContactCards, ContactTable } from './contact-list-views';
import { useContactList } from './use-contacts';

function pick<T extends string>(all: readonly T[], value: string | null): T | undefined {
  return all.find((v) => v === value);
}

/** The filters live in the URL, so back/forward and reloads keep them. */
function readQuery(params: URLSearchParams): ContactQuery {
  return {
    q: params.get('q') || undefined,
    role: pick(ROLES, params.get('role')),
    stage: pick(STAGES, params.get('stage')),
    categoryId: params.get('categoryId') || undefined,
    circleId: params.get('circleId') || undefined,
    sort: pick(CONTACT_SORTS, params.get('sort')),
  };
}

function writeQuery(query: ContactQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  return params;
}

/** The whole network for a contacts app (owners: the server refuses members). */
function ExportContactsMenu() {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default">Export contacts</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={buildUrl('/contacts/export.csv', {})} download>
          Google CSV
        </Menu.Item>
        <Menu.Item component="a" href={buildUrl('/contacts/export.vcf', {})} download>
          vCard
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function ContactsPage() {
  const navigate = useNavigate();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const search = useSearchInUrl(query.q, (q) =>
    setParams(writeQuery({ ...query, q }), { replace: true }),
  );
  const isWide = useMediaQuery('(min-width: 48em)');

  const list = useContactList({ ...query, q: search.settledQ });
  const contacts = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isFiltered = Object.values(query).some((v) => v !== undefined && v !== 'name');

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone in your network, and how far along the ladder they are."
        actions={
          <Group gap="sm">
            {me.data?.role === 'owner' ? <ExportContactsMenu /> : null}
            <Button variant="default" onClick={() => navigate('/contacts/import')}>
              Import contacts
            </Button>
            <Button onClick={() => navigate('/contacts/new')}>Add contact</Button>
          </Group>
        }
      />
      <ContactFilters
        search={search.text}
        onSearchChange={search.change}
        query={query}
        onQueryChange={(patch) => setParams(writeQuery({ ...query, ...patch }), { replace: true })}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? <LoadingState label="Loading contacts…" /> : null}
      {list.isSuccess && contacts.length === 0 ? (
        <Center py="xl">
          <Text c="dimmed" ta="center" maw={420}>
            {isFiltered
              ? 'No contacts match. Try another search or clear a filter.'
              : 'No contacts yet. Add the people who know your work: clients, colleagues, partners.'}
          </Text>
        </Center>
      ) : null}
      {contacts.length > 0 ? (
        <Stack gap="md" aria-busy={list.isFetching}>
          <Text size="sm" c="dimmed" role="status">
            Showing {contacts.length} {contacts.length === 1 ? 'contact' : 'contacts'}
            {list.hasNextPage ? ' (more available)' : ''}
          </Text>
          {isWide ? (
            <ContactTable contacts={contacts} timeZone={me.data?.practice.timeZone} />
          ) : (
            <ContactCards contacts={contacts} />
          )}
          <LoadMoreButton list={list} />
        </Stack>
      ) : null}
    </>
  );
}
