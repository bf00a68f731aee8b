// Money is integer minor units plus an ISO 4217 currency everywhere (docs/ARCHITECTURE.md, Data
// rules); this is the one place that writes it for people and files.

const fractionDigits = new Map<string, number>();

/** The currency's minor-unit digits (2 for USD, 0 for JPY), read from Intl once per currency. */
function digitsOf(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/** Minor units as a plain decimal in the currency's own precision (1234 USD → "12.34"). */
export function formatMinor(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  if (digits === 0) return String(minor);
  const factor = 10 ** digits;
  const whole = Math.trunc(minor / factor);
  const part = String(Math.abs(minor % factor)).padStart(digits, '0');
  return `${whole}.${part}`;
}

/** Minor units with their currency for a sentence (1234 USD → "12.34 USD", 500 JPY → "500 JPY"). */
export function formatMoney(minor: number, currency: string): string {
  return `${formatMinor(minor, currency)} ${currency}`;
}
