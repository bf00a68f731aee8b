/**
 * What is wrong with a booking link as typed, or null: empty (no link) or an absolute http(s)
 * address. The server checks it again and answers the same field.
 */
export function bookingUrlProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const protocol = URL.canParse(text) ? new URL(text).protocol : null;
  return protocol === 'https:' || protocol === 'http:'
    ? null
    : 'Enter a web address starting with https://, like https://cal.com/you.';
}
