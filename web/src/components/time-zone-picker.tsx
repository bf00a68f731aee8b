import { type ComboboxItem, type ComboboxParsedItem, Select } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { timeZoneOptions } from '../practice/time-zones';
import { zoneMatches, zoneOptions } from './time-zone-options';

type TimeZonePickerProps = {
  label?: string;
  description?: string;
  value?: string | null | undefined;
  /** Takes the zone; `{...form.getInputProps('timeZone')}` fits as well. */
  onChange: (zone: string) => void;
  error?: React.ReactNode;
  required?: boolean;
  onFocus?: () => void;
  onBlur?: () => void;
};

/** Every minute, so the local times in the list stay right while it is open. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

const isItem = (item: ComboboxParsedItem): item is ComboboxItem => 'value' in item;

/**
 * A searchable list of the ~400 IANA time zones, each with the local time there now
 * ("Europe/Berlin — 16:05"): type "berl" or "new york" to find one. Use it wherever a time
 * zone is chosen.
 */
export function TimeZonePicker({
  label = 'Time zone',
  description,
  value,
  onChange,
  error,
  required,
  onFocus,
  onBlur,
}: TimeZonePickerProps) {
  const now = useMinute();
  const minute = Math.floor(now.getTime() / 60_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: relabel once a minute, not per render
  const data = useMemo(
    () => zoneOptions(timeZoneOptions(value ?? undefined), now),
    [value, minute],
  );
  return (
    <Select
      label={label}
      description={description ?? 'Type part of a city or region, like “berl” or “new york”.'}
      searchable
      required={required}
      value={value || null}
      data={data}
      allowDeselect={false}
      limit={400}
      maxDropdownHeight={320}
      nothingFoundMessage="No time zone matches. Try a big city nearby."
      filter={({ options, search }) =>
        options.filter((item) => isItem(item) && zoneMatches(item.value, search))
      }
      onChange={(zone) => {
        if (zone) onChange(zone);
      }}
      onFocus={onFocus}
      onBlur={onBlur}
      error={error}
    />
  );
}
