/**
 * The pages of Settings, one URL each (issue 11: one 6,000 px page before). The order is the
 * navigation's; /settings opens the first. `anchor` is the id the section had on the single
 * page, so old links like /settings#letters-title still land on the right page. `ownerOnly`
 * sections are what only an owner may change (issue 14): members do not see them.
 */
export const settingsSections = [
  { slug: 'practice', label: 'Practice', anchor: 'practice-title', ownerOnly: true },
  { slug: 'team', label: 'Team', anchor: 'team-title', ownerOnly: true },
  { slug: 'program', label: 'Program defaults', anchor: 'defaults-title', ownerOnly: true },
  { slug: 'ethics', label: 'Ethics', anchor: 'ethics-title', ownerOnly: true },
  { slug: 'email', label: 'Email (SMTP)', anchor: 'smtp-title', ownerOnly: true },
  { slug: 'letters', label: 'Letters', anchor: 'letters-title', ownerOnly: true },
  { slug: 'calendar', label: 'Calendar feed', anchor: 'calendar-title', ownerOnly: false },
  { slug: 'tokens', label: 'API tokens', anchor: 'tokens-title', ownerOnly: false },
  { slug: 'webhooks', label: 'Webhooks', anchor: 'webhooks-title', ownerOnly: true },
  { slug: 'security', label: 'Sign-in and sessions', anchor: 'security-title', ownerOnly: false },
  { slug: 'audit', label: 'Audit log', anchor: 'audit-title', ownerOnly: true },
  { slug: 'data', label: 'Your data', anchor: 'data-title', ownerOnly: false },
] as const;

export type SettingsSlug = (typeof settingsSections)[number]['slug'];

/** The sections a person sees: all for an owner, the ones not owner-only for a member. */
export function visibleSettingsSections(isOwner: boolean) {
  return settingsSections.filter((s) => isOwner || !s.ownerOnly);
}

/**
 * Where /settings (with an old `#…-title` hash or none) goes: that section's page, else the
 * first one this person sees.
 */
export function settingsPathFor(hash: string, isOwner = true): string {
  const anchor = decodeURIComponent(hash.replace(/^#/, ''));
  const visible = visibleSettingsSections(isOwner);
  const section = visible.find((s) => s.anchor === anchor || s.slug === anchor);
  return `/settings/${(section ?? visible[0] ?? settingsSections[0]).slug}`;
}

export function settingsSectionOf(slug: string | undefined) {
  return settingsSections.find((s) => s.slug === slug);
}
