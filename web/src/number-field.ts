/**
 * Whole-number inputs that refuse what is out of range instead of changing it (issue 11: a goal
 * of 0 was saved as 1, a cadence of −5 as 1, because Mantine's NumberInput clamps on blur).
 * The field shows what the API would say, before anything is sent; the limits are the API's
 * (the OpenAPI document shows each as minimum/maximum), and the server's own answer is mapped
 * under the field too when they ever differ.
 */

export type WholeNumberLimits = { readonly min: number; readonly max: number };

/** The API's limits for the whole numbers the forms ask for. */
export const numberLimits = {
  /** PUT /goals/{year} targetClients */
  goalClients: { min: 1, max: 10_000 },
  /** POST/PATCH /contacts keepInTouchDays */
  keepInTouchDays: { min: 1, max: 730 },
  /** POST /contacts/{id}/commitments promisedCount */
  promisedCount: { min: 1, max: 20 },
  /** POST /contacts/{id}/moments score */
  momentScore: { min: 0, max: 10 },
  /** PATCH /categories/{id} target (the most-wanted page's input) */
  categoryTarget: { min: 1, max: 100 },
  /** PUT /smtp port */
  smtpPort: { min: 1, max: 65_535 },
} as const satisfies Record<string, WholeNumberLimits>;

/** 10,000 and up with separators, as the API writes its ranges. */
const written = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));

/** "a whole number from 1 to 20": the words the API uses for the same limits. */
export const wholeNumberRange = ({ min, max }: WholeNumberLimits) =>
  `a whole number from ${written(min)} to ${written(max)}`;

/**
 * The field error for a NumberInput's value (a number, or the text while it is not one), or
 * null when it is fine. `optional`: empty is allowed (it means "none", or "the default").
 */
export function wholeNumberError(
  value: number | string,
  limits: WholeNumberLimits,
  { optional = false }: { optional?: boolean } = {},
): string | null {
  if (typeof value === 'string' && value.trim() === '')
    return optional ? null : `Enter ${wholeNumberRange(limits)}.`;
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isInteger(n) && n >= limits.min && n <= limits.max) return null;
  return `Must be ${wholeNumberRange(limits)}.`;
}

/**
 * The props that make a Mantine NumberInput keep what was typed (no clamping on blur) while the
 * browser and screen readers still learn the range.
 */
export const wholeNumberProps = (limits: WholeNumberLimits) =>
  ({
    min: limits.min,
    max: limits.max,
    allowDecimal: false,
    clampBehavior: 'none',
  }) as const;
