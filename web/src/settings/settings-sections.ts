/**
 * The pages of Settings, one URL each (issue 11: one 6,000 px page before). The order is the
 * navigation's; /settings opens the first. `anchor` is the id the section had on the single
 * page, so old links like /settings#letters-title still land on the right page.
 */
export const settingsSections = [
  { slug: 'practice', label: 'Practice', anchor: 'practice-title' },
  { slug: 'program', label: 'Program defaults', anchor: 'defaults-title' },
  { slug: 'ethics', label: 'Ethics', anchor: 'ethics-title' },
  { slug: 'email', label: 'Email (SMTP)', anchor: 'smtp-title' },
  { slug: 'letters', label: 'Letters', anchor: 'letters-title' },
  { slug: 'calendar', label: 'Calendar feed', anchor: 'calendar-title' },
  { slug: 'tokens', label: 'API tokens', anchor: 'tokens-title' },
  { slug: 'webhooks', label: 'Webhooks', anchor: 'webhooks-title' },
  { slug: 'security', label: 'Sign-in and sessions', anchor: 'security-title' },
  { slug: 'audit', label: 'Audit log', anchor: 'audit-title' },
  { slug: 'data', label: 'Your data', anchor: 'data-title' },
] as const;

export type SettingsSlug = (typeof settingsSections)[number]['slug'];

/** Where /settings (with an old `#…-title` hash or none) goes: that section's page, else the first. */
export function settingsPathFor(hash: string): string {
  const anchor = decodeURIComponent(hash.replace(/^#/, ''));
  const section = settingsSections.find((s) => s.anchor === anchor || s.slug === anchor);
  return `/settings/${(section ?? settingsSections[0]).slug}`;
}

export function settingsSectionOf(slug: string | undefined) {
  return settingsSections.find((s) => s.slug === slug);
}
