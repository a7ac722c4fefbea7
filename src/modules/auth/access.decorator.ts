import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { Role } from '../users/roles';
import type { Actor } from './actor';

/**
 * A route's access policy. `roles` may call it at all; `scope` says what the service checks
 * further against the record touched:
 * - `any`: no per-record limit (reads, admin work);
 * - `own-country`: officers and reviewers only within their own country (the service checks
 *   the record's country against the actor's);
 * - `self`: only the caller's own records (e.g. API tokens).
 */
export interface AccessPolicy {
  readonly roles: readonly Role[];
  readonly scope: 'any' | 'own-country' | 'self';
}

export const ACCESS_POLICY = 'access:policy';
export const PUBLIC_ROUTE = 'access:public';
export const ALL_ROLES: readonly Role[] = ['admin', 'officer', 'reviewer', 'analyst'];

/** Declares who may call a route; documented in OpenAPI as `x-access`. */
export function Access(
  roles: readonly Role[],
  scope: AccessPolicy['scope'] = 'any',
): MethodDecorator {
  const policy: AccessPolicy = { roles, scope };
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, policy),
    ApiBearerAuth(),
    ApiExtension('x-access', policy),
    ApiProblems(401, 403),
  );
}

/** Reachable without credentials (login only, under /api/v1). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PUBLIC_ROUTE, true),
    ApiExtension('x-access', { public: true }),
  );
}

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The authenticated caller (the guard has refused the request otherwise). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!actor) throw new Error('CurrentActor used on a route without an access policy');
    return actor;
  },
);
