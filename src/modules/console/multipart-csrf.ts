import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { CSRF_FIELD } from './console-http';

/**
 * The form's token, checked by @fastify/csrf-protection itself (multipart bodies skip the hook,
 * the token being a part of the stream). The plugin answers a refusal on the reply it is given;
 * a probe takes that answer, so the refusal becomes our own 403 page.
 */
export function csrfTokenValid(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): boolean {
  let valid = false;
  const probe = {
    unsignCookie: (value: string) => reply.unsignCookie(value),
    send: () => probe,
  } as unknown as FastifyReply;
  (request as { body: unknown }).body = { [CSRF_FIELD]: token };
  request.server.csrfProtection(request, probe, () => {
    valid = true;
  });
  return valid;
}

export const csrfRefused = (): DomainError =>
  new DomainError('forbidden', 'CSRF_TOKEN_INVALID', 'Invalid csrf token');
