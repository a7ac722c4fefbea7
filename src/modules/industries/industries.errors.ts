import { DomainError } from '../../common/errors/domain-error';

export const industryNotFound = (code: string): DomainError =>
  new DomainError('not_found', 'INDUSTRY_NOT_FOUND', `No ISIC Rev.4 entry with code ${code}.`);
