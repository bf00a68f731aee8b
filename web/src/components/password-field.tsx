import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * Mantine's show/hide button is labelled "Toggle password visibility", which makes the
 * label "Password" ambiguous to assistive tech and tests; its name here avoids the word.
 */
export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': 'Show typed characters' }}
      {...props}
    />
  );
}
