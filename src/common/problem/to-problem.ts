import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../../database/database-errors';
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

/** Fastify's own client errors that deserve a more specific code than the status gives. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

function problem(
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
 * Turns anything thrown while serving a request into an RFC 9457 problem. Unknown errors become
 * a 500 that says nothing about internals; the caller logs them with their stack.
 */
export function toProblem(exception: unknown, ctx: ProblemContext): MappedProblem {
  if (exception instanceof DomainError) {
    const status = statusOf(exception.kind);
    const { errors, extensions } = exception.options;
    return {
      problem: problem(ctx, status, exception.code, exception.message, {
        ...extensions,
        ...(errors ? { errors } : {}),
      }),
      headers: status === 503 ? { 'retry-after': '5' } : {},
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
      headers: { 'retry-after': '5' },
      serverFault: false,
    };
  }

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status < 500) {
      let code = CODE_BY_STATUS[status] ?? 'CLIENT_ERROR';
      let detail = messageOf(exception);
      if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
        code = 'ROUTE_NOT_FOUND';
        detail = `No route ${detail.replace(/^Cannot /, '')}`;
      }
      return { problem: problem(ctx, status, code, detail), headers: {}, serverFault: false };
    }
  }

  const fastify = exception as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (
    typeof fastify?.statusCode === 'number' &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500 &&
    typeof fastify.code === 'string' &&
    fastify.code.startsWith('FST_')
  ) {
    const status = fastify.statusCode;
    const code = FASTIFY_CODES[fastify.code] ?? CODE_BY_STATUS[status] ?? 'CLIENT_ERROR';
    const detail =
      code === 'MALFORMED_JSON'
        ? 'The request body is not valid JSON.'
        : typeof fastify.message === 'string'
          ? fastify.message
          : titleOf(status);
    return { problem: problem(ctx, status, code, detail), headers: {}, serverFault: false };
  }

  if (
    exception instanceof SyntaxError &&
    (exception as { statusCode?: unknown }).statusCode === 400
  ) {
    return {
      problem: problem(ctx, 400, 'MALFORMED_JSON', 'The request body is not valid JSON.'),
      headers: {},
      serverFault: false,
    };
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
