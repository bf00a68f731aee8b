// The one HTTP client of the web app: JSON in and out, session cookie included,
// every error turned into a ProblemError (RFC 9457 problem+json, see docs/API.md).
import type { components, paths } from './api/schema';

type ProblemBody = components['schemas']['Problem'];
/** One refused field, as the server's Problem lists it. */
export type FieldError = NonNullable<ProblemBody['errors']>[number];
/** The server's Problem as the app keeps it: field errors always a list, the type URI unused. */
export type Problem = Omit<ProblemBody, 'type' | 'errors'> & { errors: FieldError[] };

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

// ——— Types of a call, read from the generated `paths` (npm run generate:api) ———

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** The paths that take a method. */
type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, unknown> ? P : never;
}[keyof paths];
type OperationOf<P extends keyof paths, M extends Method> =
  paths[P] extends Record<M, infer O> ? O : never;

type ParametersOf<O> = O extends { parameters: infer X } ? X : Record<never, never>;
type PathPart<O> = ParametersOf<O> extends { path: infer A } ? { path: A } : { path?: never };
type QueryPart<O> =
  ParametersOf<O> extends { query?: infer Q }
    ? 'query' extends keyof ParametersOf<O>
      ? { query?: Q }
      : { query?: never }
    : { query?: never };
type BodyPart<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : { body?: never };

/** What a call sends besides its path: path parameters, query, JSON body, an abort signal. */
export type CallOptions<O> = PathPart<O> & QueryPart<O> & BodyPart<O> & { signal?: AbortSignal };
type RequiredKey<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
/** The options argument, optional when the operation needs neither path parameters nor a body. */
type OptionsArg<O> = [RequiredKey<PathPart<O> & BodyPart<O>>] extends [never]
  ? [options?: CallOptions<O>]
  : [options: CallOptions<O>];

type JsonOf<R> = R extends { content: { 'application/json': infer A } } ? A : undefined;
/** The JSON of the success answer (200 or 201); nothing for a 204. */
export type AnswerOf<O> = O extends { responses: infer R }
  ? R extends { 200: infer S }
    ? JsonOf<S>
    : R extends { 201: infer S }
      ? JsonOf<S>
      : R extends { 202: infer S }
        ? JsonOf<S>
        : undefined
  : never;

type Call<M extends Method> = <P extends PathOf<M>>(
  path: P,
  ...options: OptionsArg<OperationOf<P, M>>
) => Promise<AnswerOf<OperationOf<P, M>>>;

// ——— Sending ———

type QueryValue = string | number | boolean | null | undefined;
type Untyped = {
  path?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** A file sent as the body itself, its bytes as they are (an import's upload), not JSON. */
  file?: Blob;
  signal?: AbortSignal;
};

/** A path with its `{name}` parameters filled in and encoded. */
function fillPath(path: string, values: Record<string, string | number> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(values[name] ?? '')),
  );
}

/** Query strings leave out empty values, so a cleared filter is simply absent. */
function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The full URL of a GET path, its parameters filled, e.g. for a download link. */
export function buildUrl<P extends PathOf<'get'>>(
  path: P,
  options: Omit<CallOptions<OperationOf<P, 'get'>>, 'signal'>,
): string {
  const { path: values, query } = options as Untyped;
  return `${BASE_PATH}${fillPath(path, values)}${queryString(query)}`;
}

async function request(method: Method, url: string, options: Untyped): Promise<unknown> {
  // The server asks every write for a JSON body ("send {} when there is nothing to change").
  const body = method === 'get' || method === 'delete' ? undefined : (options.body ?? {});
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.file) headers['Content-Type'] = options.file.type || 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`${BASE_PATH}${url}`, {
      method: method.toUpperCase(),
      credentials: 'include',
      headers,
      body: options.file ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ProblemError({
      status: 0,
      title: 'Network error',
      code: 'network',
      detail: 'Vouch could not reach the server. Check your connection and try again.',
      errors: [],
    });
  }

  const text = response.status === 204 ? '' : await response.text();
  let answer: unknown;
  if (text) {
    try {
      answer = JSON.parse(text);
    } catch {
      answer = null;
    }
  }
  if (!response.ok) throw new ProblemError(toProblem(response.status, answer ?? null));
  return answer;
}

function callOf<M extends Method>(method: M): Call<M> {
  // The one unchecked step: `Call<M>` has already checked the path, options and answer.
  return ((path: string, options: Untyped = {}) =>
    request(
      method,
      `${fillPath(path, options.path)}${queryString(options.query)}`,
      options,
    )) as Call<M>;
}

/** The POST paths whose body is a file's own bytes (any type) rather than JSON. */
type FilePath = {
  [P in PathOf<'post'>]: OperationOf<P, 'post'> extends {
    requestBody: { content: { 'application/octet-stream': unknown } };
  }
    ? P
    : never;
}[PathOf<'post'>];

/** What an upload sends: the file, the path's parameters and query, an abort signal. */
type UploadOptions<O> = Omit<CallOptions<O>, 'body'> & { file: Blob };

/**
 * POSTs a file as the request body, as it is (e.g. `api.upload('/imports', { file, query:
 * { fileName } })`): the session cookie goes with it as with every call.
 */
function upload<P extends FilePath>(
  path: P,
  options: UploadOptions<OperationOf<P, 'post'>>,
): Promise<AnswerOf<OperationOf<P, 'post'>>> {
  const untyped = options as Untyped;
  return request(
    'post',
    `${fillPath(path, untyped.path)}${queryString(untyped.query)}`,
    untyped,
  ) as Promise<AnswerOf<OperationOf<P, 'post'>>>;
}

/**
 * The API client, typed by path from the server's OpenAPI document (`api/schema.d.ts`): the
 * path, its parameters, the body and the answer all come from it, e.g.
 * `api.post('/referrals/{id}/status', { path: { id }, body: { status: 'client' } })`.
 * Refusals and an unreachable server throw a ProblemError.
 */
export const api = {
  get: callOf('get'),
  post: callOf('post'),
  patch: callOf('patch'),
  put: callOf('put'),
  delete: callOf('delete'),
  upload,
};

export function isProblem(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}

/** The sentence to show a person for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
