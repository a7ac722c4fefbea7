import { DomainError } from '../errors/domain-error';
import {
  canonicalJson,
  fingerprintKey,
  parseIdempotencyKey,
  requestFingerprint,
} from './idempotency-key';

describe('Idempotency-Key', () => {
  const key = fingerprintKey('a signing secret for the tests, long enough');
  const post = (body: unknown, path = '/api/v1/users') => ({ method: 'POST', path, body });

  it('writes canonical JSON: sorted keys at every level, array order kept, no undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date('2025-01-02T03:04:05Z'))).toBe('"2025-01-02T03:04:05.000Z"');
    // A body member named toJSON is data, not a method.
    expect(canonicalJson({ toJSON: 1 })).toBe('{"toJSON":1}');
  });

  it('fingerprints method, path and body; key order does not matter', () => {
    const first = requestFingerprint(
      post({ name: 'A', role: 'admin', nested: { x: 1, y: 2 } }),
      key,
    );
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(
      requestFingerprint(post({ nested: { y: 2, x: 1 }, role: 'admin', name: 'A' }), key),
    ).toBe(first);
    expect(
      requestFingerprint(post({ name: 'B', role: 'admin', nested: { x: 1, y: 2 } }), key),
    ).not.toBe(first);
    expect(
      requestFingerprint(
        post({ name: 'A', role: 'admin', nested: { x: 1, y: 2 } }, '/api/v1/x'),
        key,
      ),
    ).not.toBe(first);
    expect(requestFingerprint({ ...post({}), method: 'PUT' }, key)).not.toBe(
      requestFingerprint(post({}), key),
    );
  });

  it('keys the fingerprint with the signing secret', () => {
    const body = post({ password: 'guessable' });
    expect(requestFingerprint(body, key)).not.toBe(
      requestFingerprint(body, fingerprintKey('another signing secret, also long enough')),
    );
  });

  it('accepts 1 to 255 visible ASCII characters and refuses anything else, naming the header', () => {
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('x'.repeat(255))).toBe('x'.repeat(255));
    expect(parseIdempotencyKey('7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe(
      '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    );
    for (const bad of ['', 'x'.repeat(256), 'has space', 'tab\there', 'ключ', 'a, b', ['a', 'b']]) {
      let error: unknown;
      try {
        parseIdempotencyKey(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).options.errors?.[0]?.path).toBe('Idempotency-Key');
    }
  });
});
