import { DomainError } from '../../common/errors/domain-error';
import type { OwnerType } from './document-owner';

export const documentNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'DOCUMENT_NOT_FOUND', `No document has the id ${id}.`);

export const ownerNotFound = (type: OwnerType, id: string): DomainError =>
  new DomainError('not_found', `${type.toUpperCase()}_NOT_FOUND`, `No ${type} has the id ${id}.`);

export const ownerArchived = (type: OwnerType, id: string): DomainError =>
  new DomainError(
    'conflict',
    `${type.toUpperCase()}_ARCHIVED`,
    `The ${type} ${id} is archived; documents can no longer be attached to it.`,
  );

export const documentArchived = (id: string): DomainError =>
  new DomainError('conflict', 'DOCUMENT_ARCHIVED', `The document ${id} is archived.`);

export const fileRequired = (): DomainError =>
  new DomainError(
    'invalid',
    'FILE_REQUIRED',
    'Attach the document as a file field named "file" (multipart/form-data).',
    { errors: [{ path: 'file', message: 'file is required' }] },
  );

export const notMultipart = (): DomainError =>
  new DomainError(
    'unsupported_media_type',
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the document as multipart/form-data: the metadata fields and one file field named "file".',
  );

export const documentTooLarge = (maxBytes: number): DomainError =>
  new DomainError(
    'payload_too_large',
    'DOCUMENT_TOO_LARGE',
    `The file is larger than the limit of ${formatMegabytes(maxBytes)} (DOCUMENT_MAX_MB); nothing was stored.`,
    { extensions: { maxBytes }, errors: [{ path: 'file', message: 'file is too large' }] },
  );

export const uploadTooLarge = (what: string): DomainError =>
  new DomainError(
    'payload_too_large',
    'UPLOAD_TOO_LARGE',
    `${what}; send one file and the metadata fields only. Nothing was stored.`,
  );

export const typeNotAllowed = (
  detected: string | null,
  declared: string,
  allowed: string,
): DomainError =>
  new DomainError(
    'unsupported_media_type',
    'DOCUMENT_TYPE_NOT_ALLOWED',
    `The file's bytes are ${detected ?? 'no recognised format'}, which is not an allowed document type (it was declared as ${declared}). Allowed: ${allowed}.`,
    { extensions: { detectedType: detected, declaredType: declared } },
  );

export const typeMismatch = (detected: string, declared: string): DomainError =>
  new DomainError(
    'unsupported_media_type',
    'DOCUMENT_TYPE_MISMATCH',
    `The file's bytes are ${detected}, but it was declared as ${declared}; nothing was stored. Upload it with its real name and type.`,
    { extensions: { detectedType: detected, declaredType: declared } },
  );

export const documentInfected = (signature: string | null): DomainError =>
  new DomainError(
    'rule_violated',
    'DOCUMENT_INFECTED',
    `The virus scanner found ${signature ?? 'malware'} in the file; it was not stored.`,
    { extensions: { signature } },
  );

export const documentDuplicate = (existingId: string): DomainError =>
  new DomainError(
    'conflict',
    'DOCUMENT_DUPLICATE',
    `This file (same SHA-256) is already attached to this record as document ${existingId}.`,
    { extensions: { existingId } },
  );

export const documentNotReadable = (id: string, scan: string, detail: string | null): DomainError =>
  new DomainError(
    'conflict',
    scan === 'infected' ? 'DOCUMENT_INFECTED' : 'DOCUMENT_NOT_SCANNED',
    scan === 'infected'
      ? `The document ${id} was found infected (${detail ?? 'malware'}) and is not served.`
      : `The document ${id} waits for its virus scan; it can be downloaded once the scan finds it clean.`,
    { extensions: { scan } },
  );

export const documentContentMissing = (id: string): DomainError =>
  new DomainError(
    'unavailable',
    'DOCUMENT_CONTENT_MISSING',
    `The stored file of document ${id} is missing; an administrator must restore it (GET /api/v1/audit/verify lists such files).`,
  );

export const rangeNotSatisfiable = (size: number): DomainError =>
  new DomainError(
    'range_not_satisfiable',
    'RANGE_NOT_SATISFIABLE',
    `The requested range lies outside the file (${size} bytes).`,
    { headers: { 'content-range': `bytes */${size}` } },
  );

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
