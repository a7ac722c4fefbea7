import { DomainError, type FieldError, invalidInput } from '../../common/errors/domain-error';

export const parkNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'PARK_NOT_FOUND', `No park with id ${id}.`);

export const parkCodeTaken = (code: string, existingId: string | null): DomainError =>
  new DomainError('conflict', 'PARK_CODE_TAKEN', `A park with code ${code} already exists.`, {
    extensions: { existingId },
  });

export const parkArchived = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'PARK_ARCHIVED',
    `Park ${id} is archived; archived records are read-only.`,
  );

export const invalidPark = (errors: readonly FieldError[]): DomainError => invalidInput(errors);

export const parkInLivePairing = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'PARK_IN_LIVE_PAIRING',
    `Park ${id} is on a side of a live pairing; take it out of the pairing (or terminate the pairing) first.`,
  );
