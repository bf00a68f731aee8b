import {
  Anchor,
  createTheme,
  DEFAULT_THEME,
  Drawer,
  InputWrapper,
  Modal,
  Notification,
  TableScrollContainer,
} from '@mantine/core';
import { accessiblePalettes } from './theme-colors';

const primaryColor = 'teal';

// System fonts only: the app loads nothing from outside its own server.
export const theme = createTheme({
  primaryColor,
  primaryShade: { light: 8, dark: 5 },
  // Mantine's palettes, with the shades text, buttons, badges and focus rings use darkened to
  // WCAG 2.1 AA contrast (theme-colors.ts says which and why).
  colors: accessiblePalettes(DEFAULT_THEME.colors, primaryColor),
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  components: {
    // No " *" in labels: it becomes part of the label text ("Name *"), so the field's
    // name is no longer exactly "Name". Optional fields say so in their description.
    InputWrapper: InputWrapper.extend({ defaultProps: { withAsterisk: false } }),
    // Every dialog's close button says what it does to a screen reader.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Links are underlined: colour alone does not set them apart from the text around them
    // (WCAG 1.4.1; the dark teal that text contrast needs is close to black).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A table that scrolls sideways (on a phone) can be scrolled from the keyboard.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close' } },
    }),
  },
});
