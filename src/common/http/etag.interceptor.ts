import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';

/**
 * `ETag: "<version>"` on every single-resource response that carries a version, so clients can
 * send it back as If-Match on their next PATCH or DELETE.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: unknown) => {
        if (request.method === 'DELETE' || typeof body !== 'object' || body === null) return;
        const version = (body as { version?: unknown }).version;
        if (typeof version === 'number') void reply.header('etag', `"${version}"`);
      }),
    );
  }
}
