import { DomainError } from '../../common/errors/domain-error';
import type { WorkflowRefusal } from './review-workflow';

export const pairingNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'PAIRING_NOT_FOUND', `No pairing with id ${id}.`);

export const pairingCodeTaken = (code: string, existingId: string | null): DomainError =>
  new DomainError('conflict', 'PAIRING_CODE_TAKEN', `A pairing with code ${code} already exists.`, {
    extensions: { existingId },
  });

export const pairingArchived = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'PAIRING_ARCHIVED',
    `Pairing ${id} is archived; archived records are read-only.`,
  );

const KINDS = { 403: 'forbidden', 409: 'conflict', 428: 'precondition_required' } as const;

/** A workflow refusal as the problem the client gets. */
export const workflowRefused = (refusal: WorkflowRefusal): DomainError =>
  new DomainError(KINDS[refusal.status], refusal.code, refusal.message);
