import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IDEMPOTENCY_KEY_IGNORED = 'idempotency:ignored';

/**
 * A POST whose response must never be stored, because it carries a secret shown once (a new
 * API token): the Idempotency-Key header is ignored there, and the OpenAPI document says so
 * (`x-idempotency-key: ignored`) instead of offering the header.
 */
export function IdempotencyKeyIgnored(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENCY_KEY_IGNORED, true),
    ApiExtension('x-idempotency-key', 'ignored'),
  );
}
