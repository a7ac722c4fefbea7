import { DomainError } from '../../common/errors/domain-error';

export const countryNotFound = (code: string): DomainError =>
  new DomainError('not_found', 'COUNTRY_NOT_FOUND', `No country with code ${code}.`);
