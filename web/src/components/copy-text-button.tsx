import { Button, CopyButton } from '@mantine/core';

/**
 * Copies text to the clipboard and says so ("Copied") for a moment. `of` names what it copies
 * for a screen reader when several such buttons share a page ("Copy link: Maya Lindqvist").
 */
export function CopyTextButton({
  value,
  label = 'Copy',
  size = 'xs',
  of,
}: {
  value: string;
  label?: string;
  size?: 'xs' | 'sm';
  of?: string;
}) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size={size}
          variant={copied ? 'filled' : 'default'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
          aria-label={of ? `${copied ? 'Copied' : label}: ${of}` : undefined}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}
