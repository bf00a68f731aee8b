import { describe, expect, it } from 'vitest';
import { defaultSettings, readSettings, settingsMeta, ZSettingsPatch } from './settings.rules.ts';

describe('practice settings', () => {
  it('default to the numbers of PRODUCT.md §10', () => {
    expect(defaultSettings).toMatchObject({
      responseWindowHours: 24,
      thankWithinHours: 48,
      askWindowDays: 7,
      askCooldownDays: 90,
      commitmentReminderDays: 14,
      commitmentMaxReminders: 2,
      quietSourceDays: 90,
      giveBackThreshold: 2,
      checkInDays: 14,
      defaultConversionPercent: 67,
      conversionMinClosed: 10,
      mostWantedTarget: 5,
      surveyMaxPeople: 6,
      alignmentThresholdPercent: 50,
      keepInTouchMetDays: 0,
      keepInTouchKnowsDays: 0,
      keepInTouchLikesDays: 0,
      keepInTouchTrustsDays: 60,
      keepInTouchRefersDays: 60,
      keepInTouchPartnerDays: 30,
      keepInTouchClientDays: 0,
      keepInTouchFormerClientDays: 0,
      keepInTouchColleagueDays: 0,
      keepInTouchFriendDays: 0,
      keepInTouchProspectDays: 0,
      nominalGiftMinor: 10000,
    });
  });
  it('each has a label and a meaning', () => {
    for (const m of settingsMeta) {
      expect(m.label.length).toBeGreaterThan(3);
      expect(m.meaning.length).toBeGreaterThan(20);
      expect(m.default).toBeGreaterThanOrEqual(m.min);
      expect(m.default).toBeLessThanOrEqual(m.max);
    }
  });
  it('fill missing or invalid stored values with defaults', () => {
    const read = readSettings(
      JSON.stringify({ responseWindowHours: 12, askWindowDays: -3, junk: 1 }),
    );
    expect(read.responseWindowHours).toBe(12);
    expect(read.askWindowDays).toBe(7);
    expect(read).not.toHaveProperty('junk');
    expect(readSettings('not json')).toEqual(defaultSettings);
  });
  it('refuse out-of-range and fractional values, and unknown keys', () => {
    expect(ZSettingsPatch.safeParse({ responseWindowHours: 0 }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ responseWindowHours: 1.5 }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ currency: 'usd' }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ bogus: 1 }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ keepInTouchTrustsDays: -1 }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ keepInTouchTrustsDays: 731 }).success).toBe(false);
    expect(ZSettingsPatch.safeParse({ keepInTouchTrustsDays: 0 }).success).toBe(true);
    expect(ZSettingsPatch.safeParse({ responseWindowHours: 12, currency: 'EUR' }).success).toBe(
      true,
    );
  });
});
