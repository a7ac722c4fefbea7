import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDetails } from '../../common/problem/problem-details';
import { isConsoleRequest } from './console-http';
import { renderPage } from './console-view';
import type { MessageKey } from './i18n/messages-en';

const KNOWN_STATUSES = new Set([400, 401, 403, 404, 409, 412, 429, 500, 503]);

/** The path and query to come back to after signing in: local paths only (no open redirect). */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (value.includes('\\')) return '/';
  return value;
}

/** @fastify/csrf-protection's refusals (FST_CSRF_*), however the framework passed them on. */
function isCsrfRefusal(exception: unknown): boolean {
  if (typeof exception !== 'object' || exception === null) return false;
  const { code, message } = exception as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^(FST_CSRF|CSRF_)/.test(code)) return true;
  return typeof message === 'string' && /^(Missing csrf secret|Invalid csrf token)$/.test(message);
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

/**
 * How the console shows an error (the API shows the same problem as JSON): a page in the
 * reader's language, with the problem's detail and field list, and its request id. A console
 * request without a session goes to the sign-in page and comes back afterwards.
 */
export async function renderConsoleError(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemDetails,
  exception: unknown,
): Promise<boolean> {
  // Pages for browsers (they ask for text/html); scripts and images keep the problem document.
  if (!isConsoleRequest(request) || !acceptsHtml(request)) return false;
  if (problem.status === 401 && request.url !== '/sign-in') {
    const next = request.method === 'GET' ? safeNext(request.url) : '/';
    await reply.redirect(`/sign-in?flash=ended&next=${encodeURIComponent(next)}`, 303);
    return true;
  }
  const csrf = isCsrfRefusal(exception);
  const status = KNOWN_STATUSES.has(problem.status) ? problem.status : 500;
  await renderPage(
    request,
    reply,
    'error',
    {
      problem,
      summaryKey: csrf ? 'error.csrf' : (`error.${status}` as MessageKey),
    },
    problem.status,
  );
  return true;
}
