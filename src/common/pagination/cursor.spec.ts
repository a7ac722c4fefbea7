import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './cursor';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('keyset cursor', () => {
  it('round-trips the sort-key values of the last row', () => {
    const cursor = encodeCursor('-name', ['Viet Nam', 'VN']);
    expect(decodeCursor(cursor, '-name', 2)).toEqual(['Viet Nam', 'VN']);
  });

  it('is opaque and URL-safe', () => {
    const cursor = encodeCursor('name', ['Côte d’Ivoire / "quoted" + more', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('Ivoire');
  });

  it('refuses a cursor issued for another sort, naming the cursor field', () => {
    const error = refusal(() => decodeCursor(encodeCursor('name', ['x', 'y']), 'code', 2));
    expect(error.kind).toBe('invalid');
    expect(error.options.errors).toEqual([
      { path: 'cursor', message: expect.stringMatching(/sort "name"/) },
    ]);
  });

  it.each([
    ['garbage', 'not base64 json at all!'],
    ['json but not ours', Buffer.from('{"a":1}').toString('base64url')],
    ['wrong version', Buffer.from('["v0","name","x","y"]').toString('base64url')],
    ['wrong arity', encodeCursor('name', ['x'])],
    ['object values', Buffer.from('["v1","name",{},"y"]').toString('base64url')],
  ])('refuses %s', (_label, cursor) => {
    const error = refusal(() => decodeCursor(cursor, 'name', 2));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.options.errors?.[0]?.path).toBe('cursor');
  });
});
