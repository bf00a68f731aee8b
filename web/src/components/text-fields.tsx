import { Textarea, type TextareaProps, TextInput, type TextInputProps } from '@mantine/core';

type ValueProps = { value: string; onValueChange: (value: string) => void };

/** A local date and time (`datetime-local`), as the text the browser gives; see fromLocalInput. */
export function WhenField({
  onValueChange,
  ...props
}: Omit<TextInputProps, 'type' | 'onChange' | 'value'> & ValueProps) {
  return (
    <TextInput
      type="datetime-local"
      {...props}
      onChange={(event) => onValueChange(event.currentTarget.value)}
    />
  );
}

/** Free text that grows with what is typed (notes, summaries, reasons). */
export function GrowingTextarea({
  onValueChange,
  minRows = 2,
  ...props
}: Omit<TextareaProps, 'autosize' | 'onChange' | 'value'> & ValueProps) {
  return (
    <Textarea
      autosize
      minRows={minRows}
      {...props}
      onChange={(event) => onValueChange(event.currentTarget.value)}
    />
  );
}
