/**
 * Webhooks' pure decisions (issue 14, PRODUCT.md §9): the events, the retry schedule, when an
 * endpoint is paused, which addresses may be called, and what of an answer is kept.
 */
import { BlockList, isIP } from 'node:net';
import { dayMs } from '../platform/calendar.ts';

/** The events an endpoint can ask for. */
export const webhookEventTypes = [
  'referral.created',
  'referral.status_changed',
  'commitment.fulfilled',
  'contact.created',
  'intake.submitted',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const deliveryStatuses = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A delivery is retried for a day after its event (or after "send again"). */
export const retryWindowMs = dayMs;
/** An endpoint whose attempts have failed for three days without a success is paused. */
export const pauseAfterMs = 3 * dayMs;
/** The longest an attempt may take, connection to last byte. */
export const attemptTimeoutMs = 10_000;
/** Finished deliveries stay in the log this long, then go (with events none awaits). */
export const logRetentionMs = 30 * dayMs;
/** How much of a receiver's answer is kept in the delivery log. */
export const excerptChars = 256;

/** Waits after the 1st, 2nd, … failed attempt; the last repeats until the day is over. */
export const backoffSeconds = [30, 120, 600, 1800, 3600, 7200, 14_400, 28_800] as const;

/**
 * After `attempts` failed attempts: when to try again, or null when the retry window is over.
 * The last try falls at the window's end rather than past it.
 */
export function nextAttemptAfter(attempts: number, now: Date, retryUntil: string): Date | null {
  const until = Date.parse(retryUntil);
  if (now.getTime() >= until) return null;
  const wait = backoffSeconds[Math.min(attempts, backoffSeconds.length) - 1] ?? backoffSeconds[0];
  return new Date(Math.min(now.getTime() + wait * 1000, until));
}

/** An endpoint failing since `failingSince` is paused at `now` after three days (§9). */
export const isDueForPause = (failingSince: string | null, now: Date): boolean =>
  failingSince !== null && now.getTime() - Date.parse(failingSince) >= pauseAfterMs;

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

/** The start of an answer's text, for the log; the rest is never stored. */
export const excerptOf = (text: string): string | null =>
  text === '' ? null : text.slice(0, excerptChars);

// Addresses a webhook may never reach unless the operator allows private ones: this host,
// private networks, link-local (cloud metadata at 169.254.169.254), and the special ranges.
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`), else null. */
function mappedIpv4(address: string): string | null {
  const match = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match?.[1]) return match[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return null;
  const hi = Number.parseInt(hex[1], 16);
  const lo = Number.parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why this resolved address may not be called, or null when it is a public one. */
export function addressRefusal(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return `${address} is not an IP address.`;
  const v4 = family === 6 ? mappedIpv4(bare) : bare;
  const isBlocked = v4 ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
  return isBlocked
    ? `${address} is a private, loopback or link-local address; webhooks go to public addresses only.`
    : null;
}

/**
 * Why an endpoint URL is refused before any lookup, or null: http(s) only, https unless the
 * operator allows private addresses (VOUCH_WEBHOOKS_ALLOW_PRIVATE, for a local receiver), no
 * credentials in it, and no host that names this machine or a private address literally.
 * The resolved addresses are checked again at every attempt (`addressRefusal`).
 */
export function urlRefusal(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, like https://example.com/hooks/vouch.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'must start with https://.';
  if (parsed.protocol !== 'https:' && !allowPrivate)
    return 'must start with https:// (plain http is allowed only when the server operator sets VOUCH_WEBHOOKS_ALLOW_PRIVATE=1).';
  if (parsed.username || parsed.password)
    return 'may not hold a user name or password; the signature proves the sender.';
  if (allowPrivate) return null;
  const host = parsed.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '')
    return 'may not point at this server (localhost); use a public address.';
  if (isIP(host) !== 0) {
    const refusal = addressRefusal(host);
    if (refusal) return `may not point at ${refusal.replace(/; .*/, '')}; use a public address.`;
  }
  return null;
}
