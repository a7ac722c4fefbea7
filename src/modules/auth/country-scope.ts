import type { Actor } from './actor';
import { countryForbidden } from './auth.errors';

/**
 * The server-side country check for writes: admins act everywhere, officers and reviewers only
 * for their own country. Services call it with the country of the record being written.
 */
export function assertActsForCountry(actor: Actor, countryCode: string): void {
  if (actor.role === 'admin') return;
  if (actor.countryCode === null || actor.countryCode !== countryCode) {
    throw countryForbidden(countryCode);
  }
}
