import { Button, type ButtonProps, Group } from '@mantine/core';

type FormActionsProps = {
  submitLabel: string;
  isPending: boolean;
  /** Shows a Cancel button before the submit button. */
  onCancel?: () => void;
  variant?: ButtonProps['variant'];
  color?: ButtonProps['color'];
};

/** The buttons at the foot of a form, at the right: Cancel (when it can be left) and submit. */
export function FormActions({
  submitLabel,
  isPending,
  onCancel,
  variant,
  color,
}: FormActionsProps) {
  return (
    <Group justify="flex-end">
      {onCancel ? (
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
      <Button type="submit" variant={variant} color={color} loading={isPending}>
        {submitLabel}
      </Button>
    </Group>
  );
}
