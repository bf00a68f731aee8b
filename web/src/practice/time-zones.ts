/** The browser's IANA time zone, e.g. "Europe/Paris". */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let cached: string[] | null = null;

/** Every IANA zone the browser knows, always including `current` so a saved value shows. */
export function timeZoneOptions(current?: string): string[] {
  if (!cached) {
    try {
      cached = Intl.supportedValuesOf('timeZone');
    } catch {
      cached = ['UTC'];
    }
    if (!cached.includes('UTC')) cached = [...cached, 'UTC'];
  }
  if (current && !cached.includes(current)) return [current, ...cached];
  return cached;
}
