/**
 * The time-zone picker's pure half: each IANA zone with the local time there now
 * ("Europe/Berlin — 16:05"), and a search that forgives case, spaces for underscores and
 * the region prefix ("berl", "new york", "kolkata").
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "16:05": the wall-clock time in `zone` at `now`, 24-hour; "" for a zone the browser lacks. */
export function localTimeIn(zone: string, now: Date): string {
  let format = formatters.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return '';
    }
    formatters.set(zone, format);
  }
  return format.format(now);
}

/** The label shown for a zone: "Europe/Berlin — 16:05". */
export function zoneLabel(zone: string, now: Date): string {
  const time = localTimeIn(zone, now);
  return time ? `${zone} — ${time}` : zone;
}

const normal = (text: string) =>
  text
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();

/** Whether typing `search` should keep `zone` in the list. */
export function zoneMatches(zone: string, search: string): boolean {
  const wanted = normal(search);
  if (!wanted) return true;
  return normal(zone).includes(wanted);
}

/** Every zone as a select option, labelled with its local time now. */
export function zoneOptions(
  zones: readonly string[],
  now: Date,
): { value: string; label: string }[] {
  return zones.map((zone) => ({ value: zone, label: zoneLabel(zone, now) }));
}
