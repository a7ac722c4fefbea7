import { DomainError, invalidInput } from '../errors/domain-error';

/**
 * The version a PATCH or DELETE expects to replace: `If-Match: "<version>"` or a `version` field
 * in the body. Neither gives 428; a malformed header gives 400. The repository compares it in
 * the UPDATE itself, so of two concurrent writers only one can win.
 */
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): number {
  if (ifMatch !== undefined && ifMatch !== '') {
    const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(ifMatch);
    if (!match) {
      throw invalidInput([{ path: 'If-Match', message: 'must be an ETag such as "3"' }]);
    }
    return Number(match[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new DomainError(
    'precondition_required',
    'VERSION_REQUIRED',
    'Send If-Match: "<version>" (the ETag of your last read) or a version field, so no change is silently overwritten.',
  );
}

export function staleVersion(entity: string, current: number): DomainError {
  return new DomainError(
    'precondition_failed',
    'STALE_VERSION',
    `The ${entity} was changed by someone else (now at version ${current}); read it again and reapply your change.`,
    { extensions: { currentVersion: current } },
  );
}
