// The one HTTP client of the web app: JSON in and out, session cookie included,
// every error turned into a ProblemError (RFC 9457 problem+json, see docs/API.md).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api/schema';

export type FieldError = { field: string; message: string };

export type Problem = {
  status: number;
  title: string;
  code: string;
  detail: string;
  errors: FieldError[];
};

export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.title = problem.title;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors;
  }
}

const BASE_PATH = '/api/v1';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string'
      ? [{ field: entry.field, message: entry.message }]
      : [],
  );
}

const FALLBACK_DETAIL: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'You do not have access to this.',
  404: 'This was not found. It may have been deleted.',
  413: 'That is too large to send.',
  429: 'Too many attempts. Wait a minute and try again.',
};

function toProblem(status: number, body: unknown): Problem {
  const record = isRecord(body) ? body : {};
  const title = typeof record.title === 'string' ? record.title : 'Request failed';
  const detail =
    typeof record.detail === 'string' && record.detail !== ''
      ? record.detail
      : (FALLBACK_DETAIL[status] ?? `The server answered ${status}. Try again in a moment.`);
  return {
    status,
    title,
    code: typeof record.code === 'string' ? record.code : 'internal',
    detail,
    errors: readFieldErrors(record.errors),
  };
}

/** Query strings leave out empty values, so a cleared filter is simply absent. */
function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/** The full URL of a GET path with its `{name}` parameters filled, e.g. for a download link. */
/** The paths that answer GET. */
type GetPath = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];

export function buildUrl(
  path: GetPath,
  options: { path?: Record<string, string | number>; query?: QueryParams } = {},
): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(options.path?.[name] ?? '')),
  );
  const search = queryString(options.query ?? {});
  return `${BASE_PATH}${filled}${search ? `?${search}` : ''}`;
}

// The server asks every write for a JSON body ("send {} when there is nothing to change");
// a write whose operation declares none gets `{}`.
const writes = new Set(['POST', 'PATCH', 'PUT']);
const emptyBodyForWrites: Middleware = {
  onRequest({ request }) {
    if (!writes.has(request.method) || request.headers.has('Content-Type')) return undefined;
    const headers = new Headers(request.headers);
    headers.set('Content-Type', 'application/json');
    return new Request(request, { body: '{}', headers });
  },
};

/**
 * The API client, typed by path from the server's OpenAPI document (`api/schema.d.ts`, made by
 * `npm run generate:api`): the path, its parameters, the body and the answer all come from it.
 * Wrap a call in `answer()` (or `done()` for answers without a body) to get the data or a
 * ProblemError.
 */
export const api = createClient<paths>({
  baseUrl: BASE_PATH,
  credentials: 'include',
  headers: { Accept: 'application/json' },
  querySerializer: queryString,
});
api.use(emptyBodyForWrites);

type Answered<T> = { data?: T; error?: unknown; response: Response };

const networkProblem: Problem = {
  status: 0,
  title: 'Network error',
  code: 'network',
  detail: 'Vouch could not reach the server. Check your connection and try again.',
  errors: [],
};

async function settle<T>(pending: Promise<Answered<T>>): Promise<Answered<T>> {
  let result: Answered<T>;
  try {
    result = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ProblemError(networkProblem);
  }
  if (!result.response.ok) {
    throw new ProblemError(toProblem(result.response.status, result.error ?? null));
  }
  return result;
}

/** The answer of a call, or a ProblemError for a refusal or an unreachable server. */
export async function answer<T>(pending: Promise<Answered<T>>): Promise<T> {
  return (await settle(pending)).data as T;
}

/** Waits for a call whose answer has no body (204), throwing a ProblemError on refusal. */
export async function done(pending: Promise<Answered<unknown>>): Promise<void> {
  await settle(pending);
}

/**
 * Follows an action the server itself described (an agenda item's method, path and body):
 * its path is data, not one of the typed paths.
 */
export async function sendAction(action: {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body: Record<string, unknown> | null;
}): Promise<void> {
  const hasBody = action.method !== 'DELETE';
  await settle<unknown>(
    fetch(`${BASE_PATH}${action.path}`, {
      method: action.method,
      credentials: 'include',
      headers: hasBody
        ? { Accept: 'application/json', 'Content-Type': 'application/json' }
        : { Accept: 'application/json' },
      body: hasBody ? JSON.stringify(action.body ?? {}) : undefined,
    }).then(async (response) => {
      const text = response.status === 204 ? '' : await response.text();
      let error: unknown = null;
      try {
        error = text ? JSON.parse(text) : null;
      } catch {
        error = null;
      }
      return response.ok ? { response } : { error, response };
    }),
  );
}

export function isProblem(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}

/** The sentence to show a person for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
