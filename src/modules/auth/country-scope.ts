import type { Actor } from './actor';
import { countryForbidden } from './auth.errors';

/**
 * The server-side country check for writes: admins act everywhere, officers and reviewers only
 * for their own country. Services call it with the country of the record being written.
 */
export function assertActsForCountry(actor: Actor, countryCode: string): void {
  if (!actsForCountry(actor, countryCode)) throw countryForbidden(countryCode);
}

/** The same rule as a question, for pages deciding whether to offer a form. */
export function actsForCountry(actor: Actor, countryCode: string): boolean {
  if (actor.role === 'admin') return true;
  return actor.countryCode !== null && actor.countryCode === countryCode;
}
