import { describe, expect, it } from 'vitest';
import {
  settingsPathFor,
  settingsSectionOf,
  settingsSections,
  visibleSettingsSections,
} from './settings-sections';

describe('settings sections', () => {
  it('sends /settings to the first page, and old #…-title links to their page', () => {
    expect(settingsPathFor('')).toBe('/settings/practice');
    expect(settingsPathFor('#letters-title')).toBe('/settings/letters');
    expect(settingsPathFor('#smtp-title')).toBe('/settings/email');
    expect(settingsPathFor('#security-title')).toBe('/settings/security');
    expect(settingsPathFor('#nowhere')).toBe('/settings/practice');
  });
  it("sends a member to the first section a member sees, never to an owner's", () => {
    expect(settingsPathFor('', false)).toBe('/settings/calendar');
    expect(settingsPathFor('#letters-title', false)).toBe('/settings/calendar');
    expect(settingsPathFor('#security-title', false)).toBe('/settings/security');
    expect(visibleSettingsSections(false).map((s) => s.slug)).toEqual([
      'calendar',
      'tokens',
      'security',
      'data',
    ]);
  });
  it('has one page per section, each with its own slug', () => {
    const slugs = settingsSections.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual([
      'practice',
      'team',
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
