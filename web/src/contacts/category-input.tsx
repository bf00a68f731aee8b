import { Combobox, InputBase, Loader, useCombobox } from '@mantine/core';
import { useId } from 'react';
import { findByName, groupError, useCategories, useCreateCategory } from './use-groups';

const CREATE = '\u0000create';

type CategoryInputProps = {
  value: string;
  onChange: (name: string) => void;
  error?: React.ReactNode;
};

/**
 * Category by name: pick an existing one, or type a new name and choose "Create"
 * (or simply save the form, which creates it then: `useResolveCategory`). Enter submits the
 * form unless an option was picked with the arrow keys. It loads the categories and creates
 * one itself; a failure of either shows on the field.
 */
export function CategoryInput({ value, onChange, error }: CategoryInputProps) {
  const id = useId();
  const list = useCategories();
  const create = useCreateCategory();
  const categories = list.data ?? [];
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const search = value.trim().toLocaleLowerCase();
  const exact = findByName(categories, value);
  const matches = categories.filter((c) => c.name.toLocaleLowerCase().includes(search));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(option) => {
        if (option === CREATE)
          create.mutate(value.trim(), { onSuccess: (created) => onChange(created.name) });
        else onChange(categories.find((c) => c.id === option)?.name ?? value);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <InputBase
          id={id}
          label="Category"
          description="The occupation that links them to your clients. Pick one, or type a new one."
          placeholder="e.g. Accountants"
          value={value}
          error={error ?? groupError(create.error ?? list.error)}
          autoComplete="off"
          rightSection={create.isPending ? <Loader size="xs" /> : <Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onChange={(event) => {
            create.reset();
            onChange(event.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={matches.length === 0 && (exact !== undefined || search === '')}>
        <Combobox.Options mah={240} style={{ overflowY: 'auto' }}>
          {matches.map((category) => (
            <Combobox.Option value={category.id} key={category.id} active={category === exact}>
              {category.name}
            </Combobox.Option>
          ))}
          {!exact && search !== '' ? (
            <Combobox.Option value={CREATE}>+ Create category “{value.trim()}”</Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
