// The one HTTP client of the web app: JSON in and out, session cookie included,
// every error turned into a ProblemError (RFC 9457 problem+json, see docs/API.md).

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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
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

/** The full URL of an API path, e.g. for a download link. */
export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE_PATH}${path}${search ? `?${search}` : ''}`;
}

async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; query?: QueryParams; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'include',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) throw new ProblemError(toProblem(response.status, body));
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
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
