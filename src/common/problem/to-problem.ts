import { HttpException } from '@nestjs/common';
import { constraintViolation } from '../../database/constraint-errors';
import { isDatabaseUnavailable, sqlStateOf } from '../../database/database-errors';
import { DomainError } from '../errors/domain-error';
import { type ProblemDetails, statusOf, titleOf, typeOf } from './problem-details';

export interface ProblemContext {
  readonly requestId: string;
  /** The request path, reported as the problem's `instance`. */
  readonly path?: string;
}

export interface MappedProblem {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether this is our fault (log it with its stack) or the client's. */
  readonly serverFault: boolean;
}

/** Codes for errors raised by the framework (Nest, Fastify) rather than by our services. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

const RETRY_AFTER = { 'retry-after': '5' };

export function problem(
  ctx: ProblemContext,
  status: number,
  code: string,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: typeOf(code),
    title: titleOf(status),
    status,
    detail,
    code,
    requestId: ctx.requestId,
    ...(ctx.path ? { instance: ctx.path } : {}),
    ...extra,
  };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Nest re-throws Fastify's parser errors (bad JSON, empty body, body too large, unknown media
 * type) and its own routing 404 as plain HttpExceptions: status and message are all that is left.
 */
function describeFrameworkError(status: number, message: string): { code: string; detail: string } {
  if (status === 404 && /^Cannot [A-Z]+ /.test(message)) {
    return { code: 'ROUTE_NOT_FOUND', detail: `No route ${message.replace(/^Cannot /, '')}` };
  }
  if (status === 400 && /JSON|Body cannot be empty/.test(message)) {
    return { code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
  }
  return { code: CODE_BY_STATUS[status] ?? 'CLIENT_ERROR', detail: message };
}

/**
 * Turns anything thrown while serving a request into an RFC 9457 problem. Unknown errors become
 * a 500 that says nothing about internals; the caller logs them with their stack.
 */
export function toProblem(exception: unknown, ctx: ProblemContext): MappedProblem {
  if (exception instanceof DomainError) {
    const status = statusOf(exception.kind);
    const { errors, extensions, retryAfterSeconds, headers } = exception.options;
    return {
      problem: problem(ctx, status, exception.code, exception.message, {
        ...extensions,
        ...(errors ? { errors } : {}),
      }),
      headers: {
        ...(retryAfterSeconds !== undefined
          ? { 'retry-after': String(retryAfterSeconds) }
          : status === 503
            ? RETRY_AFTER
            : {}),
        ...headers,
      },
      serverFault: false,
    };
  }

  if (isDatabaseUnavailable(exception)) {
    return {
      problem: problem(
        ctx,
        503,
        'DATABASE_UNAVAILABLE',
        'The database is unavailable; retry shortly.',
      ),
      headers: RETRY_AFTER,
      serverFault: false,
    };
  }

  if (isUnstorableText(exception)) {
    // Text PostgreSQL cannot store (a NUL character in a CSV cell or a header the pipe does
    // not see): the client's input, so a 400, not a server fault.
    return {
      problem: problem(
        ctx,
        400,
        'INVALID_TEXT',
        'The input holds characters that cannot be stored (such as U+0000).',
      ),
      headers: {},
      serverFault: false,
    };
  }

  const citation = uncitableDocument(exception);
  if (citation) {
    // Raised by the sources trigger (migration Documents), for every record type alike.
    return {
      problem: problem(ctx, 422, 'SOURCE_DOCUMENT_NOT_ATTACHED', citation, {
        errors: [{ path: 'sources', message: citation }],
      }),
      headers: {},
      serverFault: false,
    };
  }

  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    const { code, detail } = describeFrameworkError(status, messageOf(exception));
    return { problem: problem(ctx, status, code, detail), headers: {}, serverFault: false };
  }

  return {
    problem: problem(
      ctx,
      500,
      'INTERNAL_ERROR',
      'An unexpected error occurred. Quote the requestId when reporting it.',
    ),
    headers: {},
    serverFault: true,
  };
}

/** The message of a source citing a document that is not the record's own, else null. */
function uncitableDocument(exception: unknown): string | null {
  const violation = constraintViolation(exception);
  if (violation?.constraint !== 'source_document_fkey') return null;
  return (exception as Error).message.replace(/^source cites/, 'A source cites');
}

/** character_not_in_repertoire, untranslatable_character: text the database cannot hold. */
function isUnstorableText(exception: unknown): boolean {
  const code = sqlStateOf(exception);
  return code === '22021' || code === '22P05';
}
