import { DomainError, invalidInput } from '../../common/errors/domain-error';

export const countryNotFound = (code: string): DomainError =>
  new DomainError('not_found', 'COUNTRY_NOT_FOUND', `No country with code ${code}.`);

export const unknownCurrency = (code: string): DomainError =>
  invalidInput([{ path: 'currencyCode', message: `${code} is not an ISO 4217 currency` }]);
