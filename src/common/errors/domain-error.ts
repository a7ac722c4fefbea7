/**
 * What went wrong, in domain terms. The problem-details filter maps each kind to one HTTP status
 * (an exhaustive switch), so services never throw HTTP exceptions.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'precondition_failed' // 412 stale version
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'range_not_satisfiable' // 416
  | 'rule_violated' // 422
  | 'precondition_required' // 428
  | 'throttled' // 429
  | 'unavailable'; // 503

export interface FieldError {
  /** Dotted path into the request, e.g. `sides[0].countryCode`, `limit`, `cursor`. */
  readonly path: string;
  readonly message: string;
}

export interface DomainErrorOptions {
  readonly errors?: readonly FieldError[];
  /** Extra members for the problem document (RFC 9457 extensions). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Sent as the Retry-After header (seconds), e.g. with a 429. */
  readonly retryAfterSeconds?: number;
  /** Other headers the answer needs (e.g. Content-Range with a 416). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, documented code such as `COUNTRY_NOT_FOUND`. */
    readonly code: string,
    message: string,
    readonly options: DomainErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
  }
}

/** Bad input at the edge: one or more fields. */
export function invalidInput(errors: readonly FieldError[], message?: string): DomainError {
  return new DomainError(
    'invalid',
    'VALIDATION_FAILED',
    message ?? `The request is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    { errors },
  );
}

/** DELETE (archive) of a record others still depend on: 409 `STILL_REFERENCED`. */
export function stillReferenced(entity: string, id: string, by: string): DomainError {
  return new DomainError(
    'conflict',
    'STILL_REFERENCED',
    `The ${entity} ${id} still has ${by}; archive or move them first.`,
    { extensions: { referencedBy: by } },
  );
}
