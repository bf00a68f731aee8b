import { describe, expect, it } from 'vitest';
import { settingsPathFor, settingsSectionOf, settingsSections } from './settings-sections';

describe('settings sections', () => {
  it('sends /settings to the first page, and old #…-title links to their page', () => {
    expect(settingsPathFor('')).toBe('/settings/practice');
    expect(settingsPathFor('#letters-title')).toBe('/settings/letters');
    expect(settingsPathFor('#smtp-title')).toBe('/settings/email');
    expect(settingsPathFor('#security-title')).toBe('/settings/security');
    expect(settingsPathFor('#nowhere')).toBe('/settings/practice');
  });
  it('has one page per section, each with its own slug', () => {
    const slugs = settingsSections.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual([
      'practice',
      'program',
      'ethics',
      'email',
      'letters',
      'calendar',
      'tokens',
      'webhooks',
      'security',
      'audit',
      'data',
    ]);
    expect(settingsSectionOf('email')?.label).toBe('Email (SMTP)');
    expect(settingsSectionOf('nope')).toBeUndefined();
  });
});
