import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { WriteContext } from '../../database/audited-transactions';
import type { AuthenticatedRequest } from './access.decorator';

const MAX_REASON = 500;

/**
 * The audit context of a write request: the signed-in actor, the request id, and the
 * X-Change-Reason header (trimmed, at most 500 characters).
 */
export const ChangeContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WriteContext => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) throw new Error('ChangeContext used on a route without an access policy');
    const header = request.headers['x-change-reason'];
    const reason =
      (Array.isArray(header) ? header[0] : header)?.trim().slice(0, MAX_REASON) || null;
    return { actor: request.actor.userId, requestId: String(request.id), reason };
  },
);
