/**
 * What is wrong with a booking link as typed, or null: empty (no link) or an absolute http(s)
 * address. The server checks it again and answers the same field.
 */
export function bookingUrlProblem(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a web address starting with https://, like https://cal.com/you.';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    return 'Enter a web address starting with https://, like https://cal.com/you.';
  return null;
}
