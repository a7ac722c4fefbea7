/** Network-level failures of the driver while the server is unreachable. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
/** SQLSTATEs that mean "the database is not available right now", not "your query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);
/**
 * TypeORM releases a transaction's query runner when its connection dies (the server stopped
 * mid-transaction); the next statement, often the COMMIT, then fails with these. The outcome of
 * that transaction is unknown to us, which is what a 503 says (retry with an Idempotency-Key).
 */
const CONNECTION_LOST_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'connection timeout',
  'Connection ended unexpectedly',
];

/**
 * True when an error (possibly wrapped by TypeORM as `driverError` or in `cause`) means the
 * database cannot be reached: the request deserves a 503 and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (NETWORK_ERRORS.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) {
    return true;
  }
  if (error instanceof Error && CONNECTION_LOST_ERRORS.has(error.name)) return true;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment))) return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
  ) {
    return true;
  }
  return (
    isDatabaseUnavailable(candidate.driverError, depth + 1) ||
    isDatabaseUnavailable(candidate.cause, depth + 1)
  );
}

/** The SQLSTATE of a PostgreSQL error, whether raw from pg or wrapped by TypeORM. */
export function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}
