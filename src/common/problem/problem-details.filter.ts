import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
import { toProblem } from './to-problem';

/**
 * Shows a problem as a page for a reader in a browser; false when the request is not one it
 * serves (the web console passes its error page here, so this layer does not import it).
 */
export type ProblemPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  problem: ProblemDetails,
  exception: unknown,
) => Promise<boolean>;

/**
 * The one place where errors become HTTP responses: RFC 9457 problem documents, or for console
 * pages the same problem as an HTML page.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly renderPage?: ProblemPageRenderer) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const { problem, headers, serverFault } = toProblem(exception, {
      requestId: String(request.id),
      path,
    });
    if (serverFault) {
      this.logger.error(
        { err: exception, requestId: request.id },
        `Unhandled error on ${request.method} ${path}`,
      );
    } else if (problem.status === 503) {
      this.logger.warn(`${problem.code} on ${request.method} ${path}`);
    }
    if (reply.sent) return;
    // Set first, so a page shown instead of the document carries them too (Retry-After).
    void reply.headers(headers);
    if (this.renderPage) {
      try {
        if (await this.renderPage(request, reply, problem, exception)) return;
      } catch (renderError) {
        this.logger.error({ err: renderError }, `Error page failed on ${request.method} ${path}`);
        if (reply.sent) return;
      }
    }
    void reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  }
}
