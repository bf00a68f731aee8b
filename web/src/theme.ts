import { createTheme, InputWrapper } from '@mantine/core';

// System fonts only: the app loads nothing from outside its own server.
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  components: {
    // No " *" in labels: it becomes part of the label text ("Name *"), so the field's
    // name is no longer exactly "Name". Optional fields say so in their description.
    InputWrapper: InputWrapper.extend({ defaultProps: { withAsterisk: false } }),
  },
});
