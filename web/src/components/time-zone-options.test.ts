import { describe, expect, it } from 'vitest';
import { localTimeIn, zoneLabel, zoneMatches, zoneOptions } from './time-zone-options';

const now = new Date('2026-11-27T15:05:00.000Z');

describe('time-zone options', () => {
  it('labels a zone with its local time now', () => {
    expect(zoneLabel('Europe/Berlin', now)).toBe('Europe/Berlin — 16:05');
    expect(zoneLabel('America/New_York', now)).toBe('America/New_York — 10:05');
    expect(zoneLabel('Asia/Kolkata', now)).toBe('Asia/Kolkata — 20:35');
    expect(localTimeIn('UTC', now)).toBe('15:05');
  });
  it('leaves a zone the browser does not know without a time', () => {
    expect(zoneLabel('Mars/Olympus_Mons', now)).toBe('Mars/Olympus_Mons');
  });
  it('finds zones by part of the name, any case, spaces for underscores', () => {
    expect(zoneMatches('Europe/Berlin', 'berl')).toBe(true);
    expect(zoneMatches('America/New_York', 'new york')).toBe(true);
    expect(zoneMatches('America/New_York', 'America/New_Y')).toBe(true);
    expect(zoneMatches('Europe/Paris', 'berl')).toBe(false);
    expect(zoneMatches('Europe/Paris', '  ')).toBe(true);
    const berl = zoneOptions(Intl.supportedValuesOf('timeZone'), now).filter((o) =>
      zoneMatches(o.value, 'berl'),
    );
    expect(berl).toEqual([{ value: 'Europe/Berlin', label: 'Europe/Berlin — 16:05' }]);
  });
});
