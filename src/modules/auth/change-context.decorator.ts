import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { documentHeader } from '../../common/http/if-match.decorator';
import type { WriteContext } from '../../database/audited-transactions';
import type { AuthenticatedRequest } from './access.decorator';

const MAX_REASON = 500;

/**
 * The audit context of a write request: the signed-in actor, the request id, and the
 * X-Change-Reason header (trimmed, at most 500 characters).
 */
const changeContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): WriteContext => {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.actor) throw new Error('ChangeContext used on a route without an access policy');
    const header = request.headers['x-change-reason'];
    const reason =
      (Array.isArray(header) ? header[0] : header)?.trim().slice(0, MAX_REASON) || null;
    return { actor: request.actor.userId, requestId: String(request.id), reason };
  },
);

/** The audit context of a write, with X-Change-Reason documented on the route. */
export const ChangeContext = (): ParameterDecorator => (target, key, index) => {
  changeContext()(target, key, index);
  documentHeader(target, key, {
    name: 'X-Change-Reason',
    required: false,
    description:
      'Why: stored with the change in the audit trail (at most 500 characters). Required (428 ' +
      'without) to archive, to revert, and to return or reject a pairing without a comment.',
    schema: { type: 'string', maxLength: 500 },
  });
};
