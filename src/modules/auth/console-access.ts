import { applyDecorators, SetMetadata, type Type } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Role } from '../users/roles';
import { ACCESS_POLICY, type AccessPolicy, PUBLIC_ROUTE } from './access.decorator';
import type { Actor } from './actor';
import { countryForbidden } from './auth.errors';
import { actsForCountry } from './country-scope';

/** The console's session cookie: httpOnly, SameSite=Lax, Secure behind TLS. */
export const CONSOLE_SESSION_COOKIE = 'tpr_session';
/** Routes marked with it authenticate by the console cookie, never by a bearer token. */
export const CONSOLE_ROUTE = 'access:console';

/**
 * A console page or form that does what an API route does: it takes that route's access policy
 * itself (read off the API handler), so the page and the route can never disagree. Pass the
 * API controller's method, e.g. `ConsoleAccessAs(ParksController.prototype.update)`.
 */
export function ConsoleAccessAs<T extends object>(
  apiController: Type<T>,
  handler: keyof T & string,
): MethodDecorator {
  const policy = policyOf(apiController, handler);
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    SetMetadata(CONSOLE_ROUTE, true),
    ApiExcludeEndpoint(),
  );
}

/** A console page with no API twin (the dashboard): its own policy. */
export function ConsoleAccess(roles: readonly Role[]): MethodDecorator {
  const policy: AccessPolicy = { roles, scope: 'any' };
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    SetMetadata(CONSOLE_ROUTE, true),
    ApiExcludeEndpoint(),
  );
}

/** The sign-in page, the language switch and static assets. */
export function ConsolePublic(): MethodDecorator {
  return applyDecorators(
    SetMetadata(PUBLIC_ROUTE, true),
    SetMetadata(CONSOLE_ROUTE, true),
    ApiExcludeEndpoint(),
  );
}

/**
 * Whether the actor may use an API route (and so its console form): the route's roles, and for
 * an `own-country` route, acting for one of the record's countries. Pages call it to decide
 * whether to show a button; the POST behind it is checked again by the guard and the service.
 */
export function mayUse<T extends object>(
  actor: Actor,
  apiController: Type<T>,
  handler: keyof T & string,
  countryCodes: readonly string[] = [],
): boolean {
  const policy = policyOf(apiController, handler);
  if (!policy.roles.includes(actor.role)) return false;
  if (policy.scope !== 'own-country' || countryCodes.length === 0) return true;
  return countryCodes.some((code) => actsForCountry(actor, code));
}

/** The access policy an API controller's handler declares (a missing one fails at start). */
function policyOf<T extends object>(
  apiController: Type<T>,
  handler: keyof T & string,
): AccessPolicy {
  const method = Object.getOwnPropertyDescriptor(apiController.prototype, handler)?.value as
    object | undefined;
  const policy = method
    ? (Reflect.getMetadata(ACCESS_POLICY, method) as AccessPolicy | undefined)
    : undefined;
  if (!policy) throw new Error(`${apiController.name}.${handler} has no access policy to share`);
  return policy;
}

/** `mayUse`, refusing with the API's own 403 (for forms that only show, such as an edit page). */
export function assertMayUse<T extends object>(
  actor: Actor,
  apiController: Type<T>,
  handler: keyof T & string,
  countryCodes: readonly string[],
): void {
  if (!mayUse(actor, apiController, handler, countryCodes)) {
    throw countryForbidden(countryCodes.join(', '));
  }
}
