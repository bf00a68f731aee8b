import { Button, CopyButton } from '@mantine/core';

/** Copies text to the clipboard and says so ("Copied") for a moment. */
export function CopyTextButton({
  value,
  label = 'Copy',
  size = 'xs',
}: {
  value: string;
  label?: string;
  size?: 'xs' | 'sm';
}) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size={size}
          variant={copied ? 'filled' : 'default'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
