import { DomainError } from '../../common/errors/domain-error';
import type { Actor } from './actor';
import { assertActsForCountry } from './country-scope';

const actor = (role: Actor['role'], countryCode: string | null): Actor => ({
  userId: 'u',
  email: 'u@example.org',
  role,
  countryCode,
  via: { kind: 'jwt' },
});

describe('assertActsForCountry', () => {
  it('lets admins act for any country', () => {
    expect(() => assertActsForCountry(actor('admin', null), 'MY')).not.toThrow();
  });

  it('lets officers and reviewers act for their own country only', () => {
    expect(() => assertActsForCountry(actor('officer', 'MY'), 'MY')).not.toThrow();
    expect(() => assertActsForCountry(actor('reviewer', 'CN'), 'CN')).not.toThrow();
    for (const [role, own] of [
      ['officer', 'MY'],
      ['reviewer', 'CN'],
    ] as const) {
      try {
        assertActsForCountry(actor(role, own), 'ID');
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('COUNTRY_SCOPE_FORBIDDEN');
        expect((error as DomainError).kind).toBe('forbidden');
      }
    }
  });

  it('refuses analysts, who have no country', () => {
    expect(() => assertActsForCountry(actor('analyst', null), 'MY')).toThrow(DomainError);
  });
});
