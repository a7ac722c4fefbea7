import { DomainError } from '../../common/errors/domain-error';

/** Also what someone else's notification looks like: its existence is not revealed. */
export const notificationNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'NOTIFICATION_NOT_FOUND', `You have no notification with id ${id}.`);
