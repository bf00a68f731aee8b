import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  AppError,
  databaseFaultError,
  type FieldError,
  foreignKeyError,
  toProblem,
} from './errors.ts';
import { type Checked, fieldErrorsOf } from './validation-messages.ts';

/** Who is calling: resolved from the session cookie or an API token. */
export type Actor = {
  userId: string;
  practiceId: string;
  role: 'owner' | 'member';
  via: 'session' | 'token';
  /** The session behind a cookie-authenticated actor (kept when the others are ended). */
  sessionId?: string;
  /** A read-only API token: only GET and HEAD pass (requireActor). */
  readOnly?: boolean;
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

export function validationError(errors: FieldError[]): AppError {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join(' ');
  return new AppError('validation', detail, errors);
}

/**
 * Checks a value that arrived inside a request's body (an action's own `body`) against its
 * schema, as the routes check theirs: problems name each field under `prefix`.
 */
export function parseNested<S extends z.ZodType>(schema: S, input: unknown, prefix: string) {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.infer<S>;
  throw validationError(fieldErrorsOf(result.error, prefix, { schema, input }));
}

type ValidationTarget = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';
type RouteSchemas = Partial<Record<ValidationTarget, Checked['schema']>>;
type ValidationResult = { success: boolean; target: string; data?: unknown; error?: unknown };

/** The zod schemas a route checks its request against, by the validator's target. */
function schemasOf(route: RouteConfig): RouteSchemas {
  const zod = (s: unknown) => (s instanceof z.ZodType ? s : undefined);
  const json = route.request?.body?.content?.['application/json'];
  return {
    query: zod(route.request?.query),
    param: zod(route.request?.params),
    json: zod(json && 'schema' in json ? json.schema : undefined),
  };
}

/**
 * A failed validation as problem+json naming each field and what was wrong with it; the route's
 * schemas (when known) give the kind each field wants and its bounds.
 */
function validationHook(schemas: RouteSchemas) {
  return (result: ValidationResult): undefined => {
    if (result.success || !(result.error instanceof z.ZodError)) return;
    const target = result.target as ValidationTarget;
    const prefix = target === 'json' || target === 'param' || target === 'query' ? '' : target;
    throw validationError(
      fieldErrorsOf(result.error, prefix, {
        schema: schemas[target],
        input: result.data,
        textual: target === 'query' || target === 'param',
      }),
    );
  };
}

/** A router whose zod validation failures become problem+json naming each field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook({}) });
  const register = router.openapi;
  // Each route's own hook knows its schemas, so a message can say "from 1 to 20".
  router.openapi = ((route: RouteConfig, handler: unknown, hook: unknown) =>
    register(
      route,
      handler as Parameters<typeof register>[1],
      (hook ?? validationHook(schemasOf(route))) as Parameters<typeof register>[2],
    )) as typeof register;
  return router;
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

/** The refusal of an owner-only route to a member (`requireOwner` in actor.ts). */
export const ownerOnlyResponses = {
  403: problem('Only an owner of the practice may do this: the answer names the role needed'),
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

/**
 * `Content-Disposition: attachment` naming the file as every browser can (RFC 6266): `filename`
 * an ASCII stand-in ("Zoë Müller" → "Zoe Muller"), `filename*` the name itself in UTF-8.
 */
export function attachmentDisposition(baseName: string, extension: string): string {
  // No path separators, quotes or control characters in either form.
  const name = baseName
    .replace(/[\p{Cc}\p{Cf}/\\"]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const ascii =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9 ._,()&'+-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-. ]+|[-. ]+$/g, '') || 'download';
  // RFC 5987's attr-char: encodeURIComponent leaves ' ( ) * and ! bare.
  const utf8 = encodeURIComponent(`${name || ascii}.${extension}`).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${utf8}`;
}

/** A vCard file: UTF-8, downloaded under the person's name. */
export function vcardResponse(vcard: string, fileName: string): Response {
  return new Response(vcard, {
    status: 200,
    headers: {
      'content-type': 'text/vcard; charset=utf-8',
      'content-disposition': attachmentDisposition(fileName, 'vcf'),
      'cache-control': 'no-store',
    },
  });
}

/** A PDF shown in the browser (a letter, a sheet of referral cards), saved under `fileName`. */
export function pdfResponse(pdf: Uint8Array, fileName: string): Response {
  return new Response(pdf, {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${fileName}.pdf"`,
    },
  });
}

/** The OpenAPI entry of a PDF answer. */
export const pdfContent = {
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
  description: 'The PDF',
};
