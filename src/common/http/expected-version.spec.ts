import { DomainError } from '../errors/domain-error';
import { expectedVersion } from './expected-version';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
  }
  return 'none';
}

describe('expectedVersion', () => {
  it('reads If-Match ETags, strong or weak, before the body field', () => {
    expect(expectedVersion('"3"', undefined)).toBe(3);
    expect(expectedVersion('W/"12"', 5)).toBe(12);
    expect(expectedVersion(undefined, 7)).toBe(7);
  });

  it('requires one of them (428) and refuses malformed ETags (400)', () => {
    expect(codeOf(() => expectedVersion(undefined, undefined))).toBe('VERSION_REQUIRED');
    expect(codeOf(() => expectedVersion('', undefined))).toBe('VERSION_REQUIRED');
    expect(codeOf(() => expectedVersion('3', undefined))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => expectedVersion('"*"', undefined))).toBe('VALIDATION_FAILED');
  });
});
