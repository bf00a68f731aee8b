import { Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { api } from '../api';
import type { ContactRef } from '../api/types';

/** What a picker holds: the typed text, and the contact when one was picked. */
export type PersonValue = { text: string; contact: ContactRef | null };
export const EMPTY_PERSON: PersonValue = { text: '', contact: null };

const NEW_PERSON = '\u0000new';

export function useContactSearch(text: string, enabled = true) {
  const [q] = useDebouncedValue(text.trim(), 150);
  return useQuery({
    queryKey: ['contacts', 'search', q],
    queryFn: ({ signal }) => api.get('/contacts', { query: { q, limit: 8, sort: 'name' }, signal }),
    enabled: enabled && q !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

type ContactPickerProps = {
  label: string;
  value: PersonValue;
  onChange: (value: PersonValue) => void;
  /** Whether a typed name that matches nobody may stand for a new contact. */
  allowNew?: boolean;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  disabled?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  /** Contacts that may not be picked here (e.g. the referred person as referrer). */
  excludeId?: string;
};

/**
 * A contact by name: type to search, pick with the arrows or the mouse. With `allowNew`,
 * a name that matches nobody stands for a new contact, created when the form is saved.
 * Enter picks the highlighted option, or submits the form when none is highlighted.
 */
export function ContactPicker(props: ContactPickerProps) {
  const { label, value, onChange, allowNew, description, placeholder, error, disabled } = props;
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const isPicked = value.contact !== null && value.contact.name === value.text;
  const search = useContactSearch(value.text, !isPicked && !disabled);
  const matches = (search.data?.items ?? []).filter((c) => c.id !== props.excludeId);
  const typed = value.text.trim();
  const exact = matches.find((c) => c.name.toLocaleLowerCase() === typed.toLocaleLowerCase());
  const showNew = Boolean(allowNew) && typed !== '' && !isPicked;
  const hasOptions = !isPicked && typed !== '' && (matches.length > 0 || showNew);

  // Without "new", the first match is highlighted so Enter picks it at once.
  const firstId = matches[0]?.id;
  useEffect(() => {
    if (!allowNew && firstId && combobox.dropdownOpened) combobox.selectFirstOption();
  }, [allowNew, firstId, combobox]);

  const status = isPicked
    ? 'Existing contact.'
    : typed !== '' && allowNew
      ? exact
        ? `“${typed}” exists: pick it from the list, or Vouch creates another contact.`
        : `New contact: “${typed}” will be created when you save.`
      : null;

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(option) => {
        if (option === NEW_PERSON) onChange({ text: typed, contact: null });
        else {
          const contact = matches.find((c) => c.id === option);
          if (contact)
            onChange({ text: contact.name, contact: { id: contact.id, name: contact.name } });
        }
        combobox.closeDropdown();
      }}
    >
      {/* role="combobox" and aria-expanded on the input (Mantine leaves them out by default). */}
      <Combobox.Target withExpandedAttribute>
        <InputBase
          aria-autocomplete="list"
          label={label}
          required={props.required}
          description={
            description || status ? (
              <>
                {description}
                {description && status ? ' ' : null}
                {status}
              </>
            ) : undefined
          }
          placeholder={placeholder ?? 'Type a name'}
          value={value.text}
          error={error}
          disabled={disabled}
          autoComplete="off"
          data-autofocus={props.autoFocus ? true : undefined}
          rightSection={search.isFetching ? <Loader size="xs" /> : null}
          rightSectionPointerEvents="none"
          onChange={(event) => {
            const text = event.currentTarget.value;
            onChange({ text, contact: value.contact?.name === text ? value.contact : null });
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!hasOptions}>
        <Combobox.Options mah={260} style={{ overflowY: 'auto' }}>
          {matches.map((contact) => (
            <Combobox.Option value={contact.id} key={contact.id}>
              <Text size="sm" fw={500}>
                {contact.name}
              </Text>
              {contact.organization || contact.category ? (
                <Text size="xs" c="dimmed">
                  {[contact.organization, contact.category?.name].filter(Boolean).join(' · ')}
                </Text>
              ) : null}
            </Combobox.Option>
          ))}
          {showNew ? (
            <Combobox.Option value={NEW_PERSON}>+ New contact “{typed}”</Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** The API's person field: the picked contact, or a new one by name. */
export function toPersonInput(
  value: PersonValue,
  extra: { email?: string; phone?: string } = {},
): { contactId: string } | { name: string; email?: string; phone?: string } | null {
  if (value.contact && value.contact.name === value.text) return { contactId: value.contact.id };
  const name = value.text.trim();
  if (!name) return null;
  const email = extra.email?.trim();
  const phone = extra.phone?.trim();
  return { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}
