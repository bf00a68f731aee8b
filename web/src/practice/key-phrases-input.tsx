import { Pill, PillsInput } from '@mantine/core';
import { useId, useState } from 'react';

type KeyPhrasesInputProps = {
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  description?: React.ReactNode;
  max: number;
  required?: boolean;
};

/**
 * A tags-style input: Enter or a comma adds the phrase, Backspace on an empty field
 * removes the last one. Built on PillsInput rather than TagsInput, whose empty option
 * list carries the same label and so makes "Key phrases" ambiguous.
 */
export function KeyPhrasesInput(props: KeyPhrasesInputProps) {
  const { value, onChange, error, description, max, required } = props;
  const id = useId();
  const [draft, setDraft] = useState('');

  const commit = (text: string) => {
    const phrases = text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const next = [...value];
    for (const phrase of phrases) {
      const isDuplicate = next.some((p) => p.toLocaleLowerCase() === phrase.toLocaleLowerCase());
      if (!isDuplicate && next.length < max) next.push(phrase);
    }
    if (next.length !== value.length) onChange(next);
    setDraft('');
  };

  return (
    <PillsInput
      id={id}
      label="Key phrases"
      description={description}
      error={error}
      required={required}
    >
      <Pill.Group>
        {value.map((phrase, index) => (
          <Pill
            key={phrase}
            withRemoveButton
            onRemove={() => onChange(value.filter((_, i) => i !== index))}
            removeButtonProps={{ 'aria-label': `Remove “${phrase}”` }}
          >
            {phrase}
          </Pill>
        ))}
        <PillsInput.Field
          id={id}
          value={draft}
          placeholder={value.length < max ? 'Type a phrase, then Enter' : ''}
          aria-required={required}
          onChange={(event) => {
            const text = event.currentTarget.value;
            if (text.includes(',')) commit(text);
            else setDraft(text);
          }}
          onBlur={() => draft.trim() && commit(draft)}
          onKeyDown={(event) => {
            const last = value[value.length - 1];
            if (event.key === 'Enter') {
              // Enter adds the phrase; with nothing typed it submits the form as usual.
              if (draft.trim()) {
                event.preventDefault();
                commit(draft);
              }
            } else if (event.key === 'Backspace' && draft === '' && last !== undefined) {
              event.preventDefault();
              onChange(value.slice(0, -1));
            }
          }}
        />
      </Pill.Group>
    </PillsInput>
  );
}
