import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { problem } from './to-problem';

/**
 * Errors Fastify's router answers before any Nest code runs (a path it cannot decode, a path
 * parameter over its length limit): answered as problem documents like every other error.
 */
export function frameworkErrorProblem(
  error: { code?: string; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const [status, code, detail] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'URI_TOO_LONG', 'A path segment of the URL is too long.']
      : [400, 'BAD_URL', 'The URL cannot be decoded.'];
  void reply
    .code(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(
      problem(
        // No `instance`: the URL is what could not be read (or is megabytes long).
        { requestId: String(request.id) },
        status,
        code,
        detail,
      ),
    );
}
