import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import {
  AppError,
  databaseFaultError,
  type FieldError,
  foreignKeyError,
  toProblem,
} from './errors.ts';

/** Who is calling: resolved from the session cookie or an API token. */
export type Actor = {
  userId: string;
  practiceId: string;
  role: 'owner' | 'member';
  via: 'session' | 'token';
  /** The session behind a cookie-authenticated actor (kept when the others are ended). */
  sessionId?: string;
};

export type AppEnv = { Variables: { actor: Actor } };

export const maxBodyBytes = 1024 * 1024;

export function problemResponse(error: AppError): Response {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  // The rest of a too-large body is never read, so the socket cannot carry another request.
  if (error.code === 'payload_too_large') headers.connection = 'close';
  if (error.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  return new Response(JSON.stringify(toProblem(error)), { status: error.status, headers });
}

type Issue = ZodError['issues'][number];

/** A message a person understands, for one zod issue. */
function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required.'
        : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty.'
          : `must be at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} items.`;
      return `must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `allows at most ${issue.maximum} items.`;
      return `must be at most ${issue.maximum}.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address, like name@example.com.';
      return `is not a valid ${issue.format}.`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}.`;
    default:
      return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
}

export function fieldErrorsOf(error: ZodError, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          field: base ? `${base}.${key}` : key,
          message: 'is not a known field; remove it.',
        });
      }
    } else {
      out.push({ field: base || '(body)', message: describeIssue(issue) });
    }
  }
  return out;
}

export function validationError(errors: FieldError[]): AppError {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join(' ');
  return new AppError('validation', detail, errors);
}

/** A router whose zod validation failures become problem+json naming each field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'json' ? '' : result.target;
        throw validationError(
          fieldErrorsOf(result.error, where === 'param' || where === 'query' ? '' : where),
        );
      }
    },
  });
}

/** Turns any thrown error into problem+json; nothing unexpected leaks a stack trace. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return problemResponse(err);
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return problemResponse(
        new AppError(
          'payload_too_large',
          'The request body is larger than 1 MB. Send less data at a time.',
        ),
      );
    const message = err.message.startsWith('Malformed JSON')
      ? 'The request body is not valid JSON. Check quotes, commas and brackets.'
      : err.message || 'The request could not be read.';
    return problemResponse(
      new AppError(err.status === 401 ? 'unauthenticated' : 'validation', message),
    );
  }
  const fault = databaseFaultError(err);
  if (fault) {
    // The driver's own error is the cause worth reading in the log (SQLITE_FULL, 55P03, ...).
    console.error(`[vouch] ${c.req.method} ${c.req.path}: ${fault.message}`, err);
    return problemResponse(fault);
  }
  const lost = foreignKeyError(err);
  if (lost) {
    console.error(`[vouch] ${c.req.method} ${c.req.path}: ${lost.message}`, err);
    return problemResponse(lost);
  }
  console.error(`[vouch] ${c.req.method} ${c.req.path} failed:`, err);
  return problemResponse(
    new AppError('internal', 'An unexpected error occurred. It has been logged; please try again.'),
  );
}

/**
 * POST, PATCH and PUT carry a JSON body under 1 MB (`{}` when there is nothing to say);
 * `bodyless` lists the few POST paths that take none (sign-out).
 */
export function jsonBodyGuard(bodyless: readonly string[] = []): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () =>
      problemResponse(
        new AppError(
          'payload_too_large',
          'The request body is larger than 1 MB. Send less data at a time.',
        ),
      ),
  });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      const type = c.req.header('content-type') ?? '';
      const hasBody = c.req.raw.body !== null && c.req.header('content-length') !== '0';
      if (!hasBody && !bodyless.includes(c.req.path)) {
        return problemResponse(
          new AppError(
            'validation',
            'This request needs a JSON body (send {} when there is nothing to change).',
            [{ field: '(body)', message: 'is required.' }],
          ),
        );
      }
      if (hasBody && !/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
        return problemResponse(
          new AppError(
            'unsupported_media_type',
            'Send the body as JSON with the header Content-Type: application/json.',
          ),
        );
      }
    }
    return limit(c, next);
  };
}

const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  content: { 'application/problem+json': { schema: ZProblem } },
  description,
});

/** The error answers every route can give, for the OpenAPI document. */
export const problemResponses = {
  400: problem('Invalid input: the fields and what to do'),
  401: problem('Sign-in or an API token is required'),
  404: problem('Not found in this practice'),
  409: problem('Conflicts with the current state'),
  415: problem('The body is not JSON'),
  422: problem('Understood, but not allowed'),
  503: problem('The database is busy; nothing was changed. Retry after Retry-After seconds'),
  507: problem('The disk is full; nothing was saved'),
} as const;

/** A JSON response entry for createRoute. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON request body for createRoute (required: a wrong content type is not skipped). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
