import { DomainError } from '../../common/errors/domain-error';

export const notAuthenticated = (detail = 'Sign in or send a valid Bearer token.'): DomainError =>
  new DomainError('unauthenticated', 'UNAUTHENTICATED', detail);

/** One message for a wrong email and a wrong password alike. */
export const invalidCredentials = (): DomainError =>
  new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Email or password is incorrect.');

export const roleForbidden = (role: string): DomainError =>
  new DomainError('forbidden', 'ROLE_FORBIDDEN', `The ${role} role may not do this.`);

export const countryForbidden = (countryCode: string): DomainError =>
  new DomainError(
    'forbidden',
    'COUNTRY_SCOPE_FORBIDDEN',
    `Your account may not act for country ${countryCode}.`,
  );

export const policyMissing = (): DomainError =>
  new DomainError('forbidden', 'ACCESS_POLICY_MISSING', 'This route declares no access policy.');

export const apiTokenNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'API_TOKEN_NOT_FOUND', `No API token ${id} of yours.`);

/** Over a sign-in limit (see login-throttle.ts); the answer carries Retry-After. */
export const loginThrottled = (retryAfterSeconds: number): DomainError =>
  new DomainError(
    'throttled',
    'TOO_MANY_REQUESTS',
    `Too many sign-in attempts; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
