/**
 * CSV cells a spreadsheet opens safely: quoted when needed (RFC 4180), and text that a
 * spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe (OWASP).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Minor units as a plain decimal in the currency's own precision (1234 USD → "12.34"). */
export function formatMinor(minor: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  if (digits === 0) return String(minor);
  const factor = 10 ** digits;
  const whole = Math.trunc(minor / factor);
  const part = String(Math.abs(minor % factor)).padStart(digits, '0');
  return `${whole}.${part}`;
}
