export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * "2026-03" → "Mar 2026": a month on a chart always carries its year, written in full ("Mar 26"
 * reads as the 26th of March, and a range can span two years).
 */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  const name = MONTH_NAMES[Number(m) - 1] ?? m;
  return y ? `${name} ${y}` : String(name);
}
