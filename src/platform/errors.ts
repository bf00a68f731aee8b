/** The closed set of error codes, each with its HTTP status (the one place that maps them). */
export const errorStatus = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  insufficient_storage: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldError = { field: string; message: string };

const titles: Record<ErrorCode, string> = {
  validation: 'Invalid input',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'No longer valid',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported content type',
  unprocessable: 'Cannot be done',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
  unavailable: 'Temporarily unavailable',
  insufficient_storage: 'The disk is full',
};

export type AppErrorOptions = {
  /** Seconds the client should wait before trying again (429, 503): sent as Retry-After. */
  retryAfterSeconds?: number;
  /** The underlying failure, for the log (never sent to the client). */
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    errors: FieldError[] = [],
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
};

export function toProblem(error: AppError): Problem {
  const problem: Problem = {
    type: 'about:blank',
    title: titles[error.code],
    status: error.status,
    code: error.code,
    detail: error.message,
  };
  if (error.errors.length > 0) problem.errors = error.errors;
  return problem;
}

export const notFound = (what: string): AppError =>
  new AppError('not_found', `${what} was not found in this practice.`);

export function fieldError(field: string, message: string, code: ErrorCode = 'validation') {
  return new AppError(code, `${field}: ${message}`, [{ field, message }]);
}

/** Constraint violations are recognised by the driver's error code, never by message text. */
export function constraintKind(error: unknown): 'unique' | 'foreign_key' | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = String((error as { code: unknown }).code);
  if (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
    return 'unique';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
  return null;
}

/** SQLSTATEs of a PostgreSQL that is busy (lock or statement timeout, deadlock) or out of room. */
const pgBusy = new Set(['57014', '55P03', '40P01', '40001', '53300']);
const pgFull = new Set(['53100']);

/**
 * A database that is held by someone else (or timed out waiting) or out of disk space,
 * recognised by the driver's error code (better-sqlite3's extended codes, PostgreSQL's SQLSTATE),
 * here or on any error in its `cause` chain.
 */
export function databaseFault(error: unknown): 'busy' | 'full' | null {
  for (let e = error, depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const code = 'code' in e ? String((e as { code: unknown }).code) : '';
    if (/^SQLITE_(BUSY|LOCKED)/.test(code) || pgBusy.has(code)) return 'busy';
    if (code === 'SQLITE_FULL' || pgFull.has(code)) return 'full';
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** How long a client should wait after the database was busy. */
export const busyRetryAfterSeconds = 2;

/** The answer for a database fault (503 with Retry-After, or 507), or null for anything else. */
export function databaseFaultError(error: unknown): AppError | null {
  switch (databaseFault(error)) {
    case 'busy':
      return new AppError(
        'unavailable',
        'The database is busy with another task (a backup, perhaps); nothing was changed. Try again in a moment.',
        [],
        { retryAfterSeconds: busyRetryAfterSeconds, cause: error },
      );
    case 'full':
      return new AppError(
        'insufficient_storage',
        'The disk is full, so nothing was saved. Free some space on the server, then try again.',
        [],
        { cause: error },
      );
    default:
      return null;
  }
}

/**
 * The answer for a foreign key broken by a concurrent change (a person erased while a write named
 * them, say), or null: a safety net behind the row locks, so such a race is a 409, never a 500.
 */
export function foreignKeyError(error: unknown): AppError | null {
  if (constraintKind(error) !== 'foreign_key') return null;
  return new AppError(
    'conflict',
    'Something this request names was removed by another change at the same moment; nothing was saved. Reload and try again.',
    [],
    { cause: error },
  );
}
