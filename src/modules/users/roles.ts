export const ROLES = ['admin', 'officer', 'reviewer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one country (officers write in it, reviewers decide for it). */
export const COUNTRY_SCOPED_ROLES: readonly Role[] = ['officer', 'reviewer'];

export function isCountryScoped(role: Role): boolean {
  return COUNTRY_SCOPED_ROLES.includes(role);
}
