/** The closed set of error codes, each with its HTTP status (the one place that maps them). */
export const errorStatus = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
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
