import { DomainError } from '../../common/errors/domain-error';

export const mailDeliveryNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'MAIL_DELIVERY_NOT_FOUND', `No mail ${id} in the outbox.`);

export const mailAlreadyPending = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'MAIL_ALREADY_PENDING',
    `The mail ${id} is already queued; the worker will send it.`,
  );
