import { DomainError } from '../../../common/errors/domain-error';
import type { ImportError } from './import-format';

/** Errors listed in one 422 (the count says how many there were in all). */
const MAX_LISTED_ERRORS = 1000;

export const importTooLarge = (what: string): DomainError =>
  new DomainError('payload_too_large', 'IMPORT_TOO_LARGE', `The import is too large: ${what}.`);

/** 422 listing line, column and message of every problem; nothing was written. */
export const importInvalid = (errors: readonly ImportError[]): DomainError =>
  new DomainError(
    'rule_violated',
    'IMPORT_INVALID',
    `${errors.length} problem(s) in the file; nothing was written. Fix them and send the whole file again.`,
    { extensions: { errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) } },
  );
