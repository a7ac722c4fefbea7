import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../modules/auth/access.decorator';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_REPLAYED_HEADER,
  parseIdempotencyKey,
} from './idempotency-key';
import { IDEMPOTENCY_KEY_IGNORED } from './idempotency.decorator';
import { IdempotencyService } from './idempotency.service';

/** A body that can be stored as JSON and sent again (not a file or a stream). */
function isRecordable(body: unknown): boolean {
  return !(
    body instanceof StreamableFile ||
    Buffer.isBuffer(body) ||
    (typeof body === 'object' &&
      body !== null &&
      typeof (body as { pipe?: unknown }).pipe === 'function')
  );
}

/**
 * `Idempotency-Key` on every POST of a signed-in user. Runs after the access guard (so the
 * actor is known) and around validation and the handler: a repeat never reaches either.
 * Requests without the header, other methods and public routes (sign-in) pass untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const actor = request.actor;
    if (
      request.method !== 'POST' ||
      header === undefined ||
      !actor ||
      this.reflector.getAllAndOverride<boolean>(IDEMPOTENCY_KEY_IGNORED, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return next.handle();
    }
    const reply = http.getResponse<FastifyReply>();
    // A promise of our own, so the response is recorded (or the key released) even when the
    // client has gone away meanwhile.
    return defer(async () => {
      const decision = await this.idempotency.begin({
        userId: actor.userId,
        key: parseIdempotencyKey(header),
        method: request.method,
        path: request.url,
        body: request.body,
      });
      if (decision.kind === 'replay') {
        // Nest sends a route's own status code, which is the one recorded.
        void reply.status(decision.status).header(IDEMPOTENCY_REPLAYED_HEADER, 'true');
        return decision.body;
      }
      let body: unknown;
      try {
        body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        await this.idempotency.release(decision.claim);
        throw error;
      }
      if (isRecordable(body)) {
        await this.idempotency.complete(decision.claim, reply.statusCode, body);
      } else {
        await this.idempotency.release(decision.claim);
      }
      return body;
    });
  }
}
