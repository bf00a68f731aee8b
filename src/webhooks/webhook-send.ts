/**
 * One signed POST to a receiver, safe against server-side request forgery (issue 14 §10): the
 * host is resolved here, every address checked (no private, loopback or link-local one unless
 * the operator allows it), and the connection made to the checked address itself, so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect it. Redirects are
 * not followed; the attempt has 10 s in all; only the start of the answer is kept.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { addressRefusal, attemptTimeoutMs, excerptOf, urlRefusal } from './webhook.rules.ts';

export type ResolvedAddress = { address: string; family: number };
/** Names a host's addresses; tests inject one that answers a private address. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

export type SendOutcome = {
  statusCode: number | null;
  durationMs: number;
  excerpt: string | null;
  /** Why it did not get an answer, or why the answer is not taken (a redirect). */
  error: string | null;
};

export type SendRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  resolve?: Resolver;
  timeoutMs?: number;
};

/** The most of an answer read before the connection is dropped. */
const maxReadBytes = 4096;

/** A lookup that always answers the address we checked. */
const pinnedLookup =
  (pinned: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

async function addressesOf(host: string, resolve: Resolver): Promise<ResolvedAddress[]> {
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family }];
  return resolve(host);
}

/** Posts `body` to `url` once; never throws (every failure is in the outcome). */
export async function postWebhook(request: SendRequest): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string): SendOutcome => ({
    statusCode: null,
    durationMs: elapsed(),
    excerpt: null,
    error,
  });
  const refusal = urlRefusal(request.url, request.allowPrivate);
  if (refusal) return failed(`Refused: the URL ${refusal}`);
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  try {
    addresses = await addressesOf(host, request.resolve ?? systemResolver);
  } catch (error) {
    return failed(`Could not resolve ${host}: ${error instanceof Error ? error.message : error}`);
  }
  if (addresses.length === 0) return failed(`${host} has no address.`);
  if (!request.allowPrivate)
    for (const a of addresses) {
      const why = addressRefusal(a.address);
      if (why) return failed(`Refused: ${host} resolves to ${why}`);
    }
  const pinned = addresses[0] as ResolvedAddress;
  const timeoutMs = request.timeoutMs ?? attemptTimeoutMs;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((settle) => {
    let done = false;
    const finish = (outcome: SendOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle(outcome);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...request.headers,
          'content-length': String(Buffer.byteLength(request.body)),
        },
        lookup: pinnedLookup(pinned),
        // One connection per attempt: a pooled socket could be to an address checked earlier.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const end = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          finish({
            statusCode: status,
            durationMs: elapsed(),
            excerpt: excerptOf(text),
            error:
              status >= 300 && status < 400
                ? `Answered ${status} (a redirect): webhooks do not follow redirects; register the final URL.`
                : null,
          });
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          read += chunk.length;
          if (read >= maxReadBytes) end();
        });
        res.on('end', end);
        res.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(failed(`No answer within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    timer.unref();
    req.on('error', (error) => finish(failed(error.message || String(error))));
    req.end(request.body);
  });
}
