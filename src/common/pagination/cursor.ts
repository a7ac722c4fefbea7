import { invalidInput } from '../errors/domain-error';

export type CursorValue = string | number | boolean;

const VERSION = 'v1';

/**
 * Opaque keyset cursor: the sort it belongs to and the sort-key values of the last row served.
 * base64url(JSON) keeps it URL-safe; clients must not parse it, and a cursor from one sort is
 * refused under another.
 */
export function encodeCursor(sort: string, values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify([VERSION, sort, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, arity: number): CursorValue[] {
  const refuse = (message: string) => invalidInput([{ path: 'cursor', message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a cursor issued by this API');
  }
  if (!Array.isArray(parsed) || parsed[0] !== VERSION || parsed.length !== arity + 2) {
    throw refuse('not a cursor issued by this API');
  }
  if (parsed[1] !== sort) {
    throw refuse(
      `this cursor belongs to sort "${String(parsed[1])}"; repeat the same sort or start over`,
    );
  }
  const values = parsed.slice(2) as unknown[];
  if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    throw refuse('not a cursor issued by this API');
  }
  return values as CursorValue[];
}
