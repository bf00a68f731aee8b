import {
  Button,
  Checkbox,
  Collapse,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import {
  CHANNELS,
  REFERRAL_SORTS,
  REFERRAL_STATUSES,
  type ReferralFilters,
  type ReferralSort,
} from '../api/types';
import { useMe } from '../auth/use-auth';
import { ContactPicker, type PersonValue } from '../contacts/contact-picker';
import { useContact } from '../contacts/use-contacts';
import { useCategories, useCircles } from '../contacts/use-groups';
import { CHANNEL_LABELS, REFERRAL_SORT_LABELS, STATUS_LABELS } from '../labels';
import { useMembers } from '../team/use-members';
import { countActiveFilters } from './referral-filters';

type FilterBarProps = {
  filters: ReferralFilters;
  onChange: (patch: Partial<ReferralFilters>) => void;
  onClear: () => void;
  showStatus: boolean;
  sort?: ReferralSort;
  onSortChange?: (sort: ReferralSort) => void;
  /** The search box, shown first. */
  search?: React.ReactNode;
};

/** The sender filter: a contact picker, showing the chosen contact's name from its id. */
function SenderFilter({
  referrerId,
  onPick,
  disabled,
}: {
  referrerId?: string;
  onPick: (id: string | undefined) => void;
  disabled: boolean;
}) {
  const picked = useContact(referrerId ?? '');
  const pickedName = referrerId && picked.data ? picked.data.name : '';
  const [value, setValue] = useState<PersonValue>({ text: '', contact: null });
  useEffect(() => {
    setValue(
      referrerId && pickedName
        ? { text: pickedName, contact: { id: referrerId, name: pickedName } }
        : referrerId
          ? (old) => old
          : { text: '', contact: null },
    );
  }, [referrerId, pickedName]);
  return (
    <ContactPicker
      label="Sent by"
      placeholder="Anyone"
      value={value}
      disabled={disabled}
      onChange={(next) => {
        setValue(next);
        if (next.contact) onPick(next.contact.id);
        else if (next.text.trim() === '' && referrerId) onPick(undefined);
      }}
    />
  );
}

export function ReferralFilterBar(props: FilterBarProps) {
  const { filters, onChange, onClear, showStatus } = props;
  const me = useMe();
  const categories = useCategories();
  const circles = useCircles();
  const isPhone = useMediaQuery('(max-width: 47.99em)');
  const [isOpen, { toggle }] = useDisclosure(false);
  const active = countActiveFilters(filters);
  const userId = me.data?.user.id;
  const members = useMembers();

  const fields = (
    <>
      {isPhone ? null : props.search}
      {showStatus ? (
        <NativeSelect
          label="Status"
          value={filters.status ?? ''}
          data={[
            { value: '', label: 'Any status' },
            { value: 'open', label: 'Open (new, contacted, meeting)' },
            { value: 'closed', label: 'Closed (not a fit, declined, no response)' },
            ...REFERRAL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
          onChange={(e) => onChange({ status: e.currentTarget.value || undefined })}
        />
      ) : null}
      <Stack gap={4}>
        <SenderFilter
          referrerId={filters.referrerId}
          disabled={filters.referrer === 'unknown'}
          onPick={(id) => onChange({ referrerId: id })}
        />
        <Checkbox
          size="xs"
          label="Sender unknown only"
          checked={filters.referrer === 'unknown'}
          onChange={(e) =>
            onChange(
              e.currentTarget.checked
                ? { referrer: 'unknown', referrerId: undefined }
                : { referrer: undefined },
            )
          }
        />
      </Stack>
      <NativeSelect
        label="Sender’s category"
        value={filters.categoryId ?? ''}
        data={[
          { value: '', label: 'Any category' },
          ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
        onChange={(e) => onChange({ categoryId: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label="Received via"
        value={filters.channel ?? ''}
        data={[
          { value: '', label: 'Any channel' },
          ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
        ]}
        onChange={(e) => onChange({ channel: CHANNELS.find((c) => c === e.currentTarget.value) })}
      />
      <NativeSelect
        label="Circle"
        value={filters.circleId ?? ''}
        data={[
          { value: '', label: 'Any circle' },
          ...(circles.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
        onChange={(e) => onChange({ circleId: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label="Owner"
        value={filters.ownerId ?? ''}
        data={[
          { value: '', label: 'Anyone' },
          ...(userId ? [{ value: userId, label: 'Me' }] : []),
          ...(members.data ?? [])
            .filter((m) => m.id !== userId)
            .map((m) => ({ value: m.id, label: m.name })),
          ...(filters.ownerId &&
          filters.ownerId !== userId &&
          !(members.data ?? []).some((m) => m.id === filters.ownerId)
            ? [{ value: filters.ownerId, label: 'Another team member' }]
            : []),
        ]}
        onChange={(e) => onChange({ ownerId: e.currentTarget.value || undefined })}
      />
      <TextInput
        label="Received on or after"
        type="date"
        value={filters.from ?? ''}
        onChange={(e) => onChange({ from: e.currentTarget.value || undefined })}
      />
      <TextInput
        label="Received on or before"
        type="date"
        value={filters.to ?? ''}
        onChange={(e) => onChange({ to: e.currentTarget.value || undefined })}
      />
      {props.sort && props.onSortChange ? (
        <NativeSelect
          label="Sort by"
          value={props.sort}
          data={REFERRAL_SORTS.map((s) => ({ value: s, label: REFERRAL_SORT_LABELS[s] }))}
          onChange={(e) => {
            const sort = REFERRAL_SORTS.find((s) => s === e.currentTarget.value);
            if (sort) props.onSortChange?.(sort);
          }}
        />
      ) : null}
    </>
  );

  const clear =
    active > 0 ? (
      <Group>
        <Button variant="subtle" size="xs" onClick={onClear}>
          Clear {active} {active === 1 ? 'filter' : 'filters'}
        </Button>
      </Group>
    ) : null;

  if (!isPhone) {
    return (
      <Stack gap="xs" mb="md">
        <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="sm">
          {fields}
        </SimpleGrid>
        {clear}
      </Stack>
    );
  }
  return (
    <Stack gap="xs" mb="md">
      {props.search}
      <Button
        variant="default"
        onClick={toggle}
        aria-expanded={isOpen}
        aria-controls="referral-filters"
      >
        {isOpen ? 'Hide filters' : `Filters${active ? ` (${active} on)` : ''}`}
      </Button>
      <Collapse expanded={isOpen} id="referral-filters">
        <Stack gap="sm">{fields}</Stack>
      </Collapse>
      {clear}
    </Stack>
  );
}
