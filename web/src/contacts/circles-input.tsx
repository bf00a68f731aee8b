import { Combobox, Loader, Pill, PillsInput, useCombobox } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { findByName, groupError, useCircles, useCreateCircle } from './use-groups';

const CREATE = '\u0000create';

type CirclesInputProps = {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: React.ReactNode;
};

/**
 * Several circles; typing a name that does not exist offers to create it. It loads the
 * circles and creates one itself (the contact form and the import's defaults alike); a
 * failure of either shows on the field and keeps what was typed.
 */
export function CirclesInput({ value, onChange, error }: CirclesInputProps) {
  const id = useId();
  const list = useCircles();
  const create = useCreateCircle();
  const circles = list.data ?? [];
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
    create.reset();
    if (!value.includes(circleId)) onChange([...value, circleId]);
    setSearch('');
  };
  const remove = (circleId: string) => {
    create.reset();
    onChange(value.filter((v) => v !== circleId));
  };

  const submitOption = (option: string) => {
    if (option !== CREATE) return add(option);
    create.mutate(search.trim(), { onSuccess: (circle) => add(circle.id) });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={submitOption}>
      <Combobox.DropdownTarget>
        <PillsInput
          id={id}
          label="Circles"
          description="Groups where they gather: a chamber, a club, an association. Type to find or create one."
          error={error ?? groupError(create.error ?? list.error)}
          onClick={() => combobox.openDropdown()}
          rightSection={create.isPending ? <Loader size="xs" /> : null}
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
                  create.reset();
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
