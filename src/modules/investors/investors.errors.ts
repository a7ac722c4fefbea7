import { DomainError, invalidInput } from '../../common/errors/domain-error';

export const investorNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'INVESTOR_NOT_FOUND', `No investor with id ${id}.`);

/** Same normalised name and home country as a live investor: likely the same organisation. */
export const investorDuplicate = (name: string, existingId: string | null): DomainError =>
  new DomainError(
    'conflict',
    'INVESTOR_DUPLICATE',
    `An investor named like "${name}" already exists in this country; use it (existingId) or tell the names apart.`,
    { extensions: { existingId } },
  );

export const investorArchived = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'INVESTOR_ARCHIVED',
    `Investor ${id} is archived; archived records are read-only.`,
  );

export const unknownInvestorCountry = (): DomainError =>
  invalidInput([{ path: 'countryCode', message: 'is not an ISO 3166-1 country' }]);
