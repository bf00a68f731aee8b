/**
 * `Idempotency-Key` on POST (issue 9 §2): the first request with a key claims it and runs;
 * its answer is kept for a day, and a replay with the same key and body gets that answer
 * again without running anything. The same key with another request is refused (422); a
 * replay while the first still runs is told to wait (409 with Retry-After).
 */
import { createHmac } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { dayMs } from './calendar.ts';
import type { Clock } from './clock.ts';
import { toTimestamp } from './clock.ts';
import type { Queryable } from './db.ts';
import { AppError } from './errors.ts';
import type { AppEnv } from './http.ts';
import {
  claimKey,
  dropStaleKey,
  findKey,
  purgeExpired,
  recordAnswer,
  releaseKey,
} from './idempotency.repository.ts';

export const idempotencyHeader = 'Idempotency-Key';
/** Long enough for a UUID or ULID with a prefix; the charset keeps keys printable and plain. */
export const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,255}$/;
const keepMs = dayMs;
/** A claim still unanswered after this long belongs to a request that died with its server. */
const abandonedMs = 5 * 60 * 1000;

const purgeEveryMs = 60 * 1000;
/** Statuses whose answer has no body (a Response with one cannot be built). */
const bodilessStatuses = new Set([204, 205, 304]);

/** Expired, or claimed by a request that never answered (its server died). */
const isStale = (
  row: { status: number | null; created_at: string; expires_at: string },
  now: Date,
) =>
  row.expires_at < toTimestamp(now) ||
  (row.status === null && Date.parse(row.created_at) < now.getTime() - abandonedMs);

// ---------------------------------------------------------------------------------------------
// The middleware

const headerError = (code: 'validation' | 'unprocessable' | 'conflict', message: string) =>
  new AppError(code, `${idempotencyHeader}: ${message}`, [{ field: idempotencyHeader, message }]);

/**
 * Makes POSTs carrying `Idempotency-Key` safe to repeat, per signed-in user of a practice.
 * Mount after `requireActor`. Without `keepAnswer` (routes whose answer holds a secret: a new
 * API token, a calendar feed's URL) the answer is never stored, so a replay is a 409 instead.
 */
export function idempotencyGuard(
  deps: { db: Queryable; clock: Clock; config: { secret: string } },
  { keepAnswer = true }: { keepAnswer?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  let lastPurge = 0;
  return async (c, next) => {
    const key = c.req.header(idempotencyHeader);
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!idempotencyKeyPattern.test(key))
      throw headerError(
        'validation',
        'must be 1–255 letters, digits or the characters _ . : - (a UUID is a good key).',
      );
    const actor = c.get('actor');
    const scope = { practiceId: actor.practiceId, userId: actor.userId, key };
    // The path carries the ids: the same key on another resource is another request. Keyed with
    // the server's secret: a body may hold passwords, which a plain hash would expose to guessing.
    const hash = createHmac('sha256', deps.config.secret)
      .update(`${c.req.method} ${c.req.path}\n${await c.req.text()}`)
      .digest('hex');
    const now = deps.clock.now();
    // Each write here is a commit (an fsync on SQLite): the purge runs now and then, not always.
    if (now.getTime() - lastPurge > purgeEveryMs || now.getTime() < lastPurge) {
      lastPurge = now.getTime();
      await purgeExpired(deps.db, now);
    }
    let claimed = await claimKey(deps.db, scope, hash, now, keepMs);
    if (!claimed) {
      const stale = await findKey(deps.db, scope);
      if (stale && isStale(stale, now)) {
        await dropStaleKey(deps.db, scope, stale.created_at);
        claimed = await claimKey(deps.db, scope, hash, now, keepMs);
      }
    }
    if (!claimed) {
      const first = await findKey(deps.db, scope);
      if (first && first.request_hash !== hash)
        throw headerError(
          'unprocessable',
          'this key was used for a different request; use a new key for each new request.',
        );
      if (!first || first.status === null)
        throw new AppError(
          'conflict',
          `${idempotencyHeader}: the first request with this key is still running; try again shortly.`,
          [{ field: idempotencyHeader, message: 'is in use by a request still running.' }],
          { retryAfterSeconds: 1 },
        );
      if (first.response_body === null)
        throw headerError(
          'conflict',
          'this request was already done; its answer held a secret, which is not kept. List the resource to see it.',
        );
      return new Response(bodilessStatuses.has(first.status) ? null : first.response_body, {
        status: first.status,
        headers: {
          'content-type': first.content_type ?? 'application/json',
          'idempotent-replayed': 'true',
        },
      });
    }
    try {
      await next();
    } catch (error) {
      await releaseKey(deps.db, scope);
      throw error;
    }
    const res = c.res;
    // A failure on our side or a rate limit is not an answer: the client may try again.
    if (res.status >= 500 || res.status === 429) {
      await releaseKey(deps.db, scope);
      return;
    }
    await recordAnswer(deps.db, scope, {
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: keepAnswer ? await res.clone().text() : null,
    });
  };
}

type OpenApiDocument = {
  paths?: Record<string, { post?: { parameters?: object[] } }>;
  components?: { parameters?: Record<string, object> };
};

/** Documents the header once (components/parameters) and refers to it from every listed POST. */
export function withIdempotencyKeyParameter<T extends OpenApiDocument>(
  doc: T,
  postPaths: ReadonlySet<string>,
): T {
  doc.components ??= {};
  doc.components.parameters = {
    ...doc.components.parameters,
    IdempotencyKey: {
      name: idempotencyHeader,
      in: 'header',
      required: false,
      description:
        'Makes a POST safe to repeat: a replay with the same key and body within 24 hours returns the first answer (header Idempotent-Replayed: true) and changes nothing; the same key with another request is a 422; while the first still runs, a 409 with Retry-After. Keys are per user, 1–255 of A–Z a–z 0–9 _ . : -.',
      schema: { type: 'string', pattern: idempotencyKeyPattern.source, maxLength: 255 },
    },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const post = item?.post;
    if (!post || !postPaths.has(path)) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      { $ref: '#/components/parameters/IdempotencyKey' },
    ];
  }
  return doc;
}
