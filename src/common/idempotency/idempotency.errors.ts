import { DomainError } from '../errors/domain-error';

export const idempotencyKeyReused = (): DomainError =>
  new DomainError(
    'rule_violated',
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was used for a different request (method, path or body); use a new key for a new request.',
  );

export const idempotencyKeyInProgress = (): DomainError =>
  new DomainError(
    'conflict',
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry shortly to get its response.',
  );
