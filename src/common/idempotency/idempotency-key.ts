import { createHmac } from 'node:crypto';
import { invalidInput } from '../errors/domain-error';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotency-replayed';

/** 1 to 255 visible ASCII characters (no spaces, no control characters). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key of a request, or 400 naming the header. Node joins a repeated header
 * with ", ", which contains a space, so sending it twice is refused too.
 */
export function parseIdempotencyKey(value: string | string[]): string {
  if (typeof value === 'string' && VALID_KEY.test(value)) return value;
  throw invalidInput([
    { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
  ]);
}

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order
 * (or whitespace) read the same. Values go through toJSON first, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  const toJson = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  const plain: unknown =
    typeof value === 'object' && typeof toJson === 'function'
      ? (toJson as () => unknown).call(value)
      : value;
  if (Array.isArray(plain)) {
    return `[${plain.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (plain !== null && typeof plain === 'object') {
    const members = Object.keys(plain)
      .sort()
      .filter((key) => (plain as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((plain as Record<string, unknown>)[key])}`,
      );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(plain) ?? 'null';
}

/**
 * The HMAC key for request fingerprints, derived from the service's signing secret. Keyed, so
 * that a stored fingerprint cannot be used to test guesses at a secret in the body (the
 * password of POST /users, say) at SHA-256 speed, which would bypass the scrypt password hash.
 */
export function fingerprintKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('idempotency-key fingerprint').digest();
}

/**
 * What a retry must repeat exactly: method, path (with query) and body, the body as canonical
 * JSON; HMAC-SHA-256 with `key` (see fingerprintKey), as 64 hex digits.
 */
export function requestFingerprint(
  request: { readonly method: string; readonly path: string; readonly body: unknown },
  key: Buffer,
): string {
  const body = canonicalJson(request.body ?? null);
  return createHmac('sha256', key)
    .update(`${request.method.toUpperCase()}\n${request.path}\n${body}`)
    .digest('hex');
}
