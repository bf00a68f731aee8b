import { Button, Collapse, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { CONTACT_SORTS, type ContactQuery, ROLES, STAGES } from '../api/types';
import { ROLE_LABELS, SORT_LABELS, STAGE_LABELS } from '../labels';
import { useCategories, useCircles } from './use-groups';

type ContactFiltersProps = {
  search: string;
  onSearchChange: (value: string) => void;
  query: ContactQuery;
  onQueryChange: (patch: Partial<ContactQuery>) => void;
};

function options<T extends string>(all: readonly T[], labels: Record<T, string>, anyLabel: string) {
  return [{ value: '', label: anyLabel }, ...all.map((v) => ({ value: v, label: labels[v] }))];
}

/** Search box and the filters; empty select values mean "any". */
export function ContactFilters({
  search,
  onSearchChange,
  query,
  onQueryChange,
}: ContactFiltersProps) {
  const categories = useCategories();
  const circles = useCircles();
  // On a phone the five selects fold away behind one button; the search stays.
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const [isOpen, { toggle }] = useDisclosure(false);
  const activeCount = [query.role, query.stage, query.categoryId, query.circleId].filter(
    Boolean,
  ).length;

  const searchBox = (
    <TextInput
      label="Search contacts"
      placeholder="Name, email or organization"
      type="search"
      value={search}
      onChange={(event) => onSearchChange(event.currentTarget.value)}
    />
  );

  const selects = (
    <>
      <NativeSelect
        label="Role"
        value={query.role ?? ''}
        data={options(ROLES, ROLE_LABELS, 'Any role')}
        onChange={(e) => onQueryChange({ role: ROLES.find((r) => r === e.currentTarget.value) })}
      />
      <NativeSelect
        label="Stage"
        value={query.stage ?? ''}
        data={options(STAGES, STAGE_LABELS, 'Any stage')}
        onChange={(e) => onQueryChange({ stage: STAGES.find((s) => s === e.currentTarget.value) })}
      />
      <NativeSelect
        label="Category"
        value={query.categoryId ?? ''}
        data={[
          { value: '', label: 'Any category' },
          ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
        onChange={(e) => onQueryChange({ categoryId: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label="Circle"
        value={query.circleId ?? ''}
        data={[
          { value: '', label: 'Any circle' },
          ...(circles.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
        onChange={(e) => onQueryChange({ circleId: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label="Sort by"
        value={query.sort ?? 'name'}
        data={CONTACT_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
        onChange={(e) =>
          onQueryChange({ sort: CONTACT_SORTS.find((s) => s === e.currentTarget.value) })
        }
      />
    </>
  );

  if (!isPhone) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} mb="md" spacing="sm">
        {searchBox}
        {selects}
      </SimpleGrid>
    );
  }
  return (
    <Stack gap="xs" mb="md">
      {searchBox}
      <Button
        variant="default"
        onClick={toggle}
        aria-expanded={isOpen}
        aria-controls="contact-filters"
      >
        {isOpen ? 'Hide filters' : `Filters and sort${activeCount ? ` (${activeCount} on)` : ''}`}
      </Button>
      <Collapse expanded={isOpen} id="contact-filters">
        <Stack gap="sm">{selects}</Stack>
      </Collapse>
    </Stack>
  );
}
