import { Readable } from 'node:stream';
import { nestsDeeperThan } from './request-body-guards';

describe('nestsDeeperThan', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });

  it('leaves streams and other class instances alone', () => {
    expect(nestsDeeperThan(Readable.from(['a']), 0)).toBe(false);
    expect(nestsDeeperThan(undefined, 0)).toBe(false);
  });
});
