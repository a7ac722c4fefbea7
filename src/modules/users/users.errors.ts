import { DomainError, invalidInput } from '../../common/errors/domain-error';

export const userNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'USER_NOT_FOUND', `No user ${id}.`);

export const emailTaken = (email: string): DomainError =>
  new DomainError('conflict', 'USER_EMAIL_TAKEN', `A user with email ${email} already exists.`);

export const ownRoleChange = (): DomainError =>
  new DomainError(
    'rule_violated',
    'OWN_ROLE_CHANGE',
    'You cannot change your own role or deactivate yourself.',
  );

export const countryRequired = () =>
  invalidInput([{ path: 'countryCode', message: 'is required for officers and reviewers' }]);

export const countryRefused = () =>
  invalidInput([{ path: 'countryCode', message: 'must be empty for admins and analysts' }]);

export const unknownCountry = (code: string) =>
  invalidInput([{ path: 'countryCode', message: `${code} is not an ISO 3166-1 country` }]);

export const weakPassword = (message: string) => invalidInput([{ path: 'password', message }]);
