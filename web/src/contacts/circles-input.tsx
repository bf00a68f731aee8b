import { Combobox, Loader, Pill, PillsInput, useCombobox } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import type { Circle } from '../api/types';
import { findByName } from './use-groups';

const CREATE = '\u0000create';

type CirclesInputProps = {
  value: string[];
  onChange: (ids: string[]) => void;
  circles: readonly Circle[];
  onCreate: (name: string) => Promise<Circle>;
  isCreating?: boolean;
  error?: React.ReactNode;
};

/** Several circles; typing a name that does not exist offers to create it. */
export function CirclesInput(props: CirclesInputProps) {
  const { value, onChange, circles, onCreate, isCreating, error } = props;
  const id = useId();
  const [search, setSearch] = useState('');
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });

  // Once the options for the new text are rendered, Enter should pick the first one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the text changes; the store is a new object each render
  useEffect(() => {
    if (search.trim()) combobox.selectFirstOption();
  }, [search]);

  const wanted = search.trim().toLocaleLowerCase();
  const exact = findByName(circles, search);
  const matches = circles.filter(
    (c) => !value.includes(c.id) && c.name.toLocaleLowerCase().includes(wanted),
  );
  const selected = value.flatMap((circleId) => circles.filter((c) => c.id === circleId));

  const add = (circleId: string) => {
    if (!value.includes(circleId)) onChange([...value, circleId]);
    setSearch('');
  };
  const remove = (circleId: string) => onChange(value.filter((v) => v !== circleId));

  const submitOption = async (option: string) => {
    if (option !== CREATE) return add(option);
    try {
      const circle = await onCreate(search.trim());
      add(circle.id);
    } catch {
      // The form shows the error; keep what was typed.
    }
  };

  return (
    <Combobox store={combobox} onOptionSubmit={(option) => void submitOption(option)}>
      <Combobox.DropdownTarget>
        <PillsInput
          id={id}
          label="Circles"
          description="Groups where they gather: a chamber, a club, an association. Type to find or create one."
          error={error}
          onClick={() => combobox.openDropdown()}
          rightSection={isCreating ? <Loader size="xs" /> : null}
        >
          <Pill.Group>
            {selected.map((circle) => (
              <Pill
                key={circle.id}
                withRemoveButton
                onRemove={() => remove(circle.id)}
                removeButtonProps={{ 'aria-label': `Remove ${circle.name}` }}
              >
                {circle.name}
              </Pill>
            ))}
            <Combobox.EventsTarget>
              <PillsInput.Field
                id={id}
                value={search}
                placeholder={selected.length ? '' : 'e.g. Rotary Club'}
                autoComplete="off"
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(event) => {
                  setSearch(event.currentTarget.value);
                  combobox.openDropdown();
                }}
                onKeyDown={(event) => {
                  const last = value[value.length - 1];
                  if (event.key === 'Backspace' && search.length === 0 && last) {
                    event.preventDefault();
                    remove(last);
                  }
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown hidden={matches.length === 0 && (exact !== undefined || wanted === '')}>
        <Combobox.Options mah={240} style={{ overflowY: 'auto' }}>
          {matches.map((circle) => (
            <Combobox.Option value={circle.id} key={circle.id}>
              {circle.name}
            </Combobox.Option>
          ))}
          {!exact && wanted !== '' ? (
            <Combobox.Option value={CREATE}>+ Create circle “{search.trim()}”</Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
