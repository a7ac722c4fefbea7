import type {} from '@fastify/cookie';
import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ACCESS_POLICY,
  type AccessPolicy,
  type AuthenticatedRequest,
  PUBLIC_ROUTE,
} from './access.decorator';
import { policyMissing, roleForbidden } from './auth.errors';
import { AuthService } from './auth.service';
import { CONSOLE_ROUTE, CONSOLE_SESSION_COOKIE } from './console-access';

/**
 * The global guard: every route is closed unless it declares @Public() or @Access(roles). A route
 * with neither is refused (and the authorization matrix test fails), so a forgotten declaration
 * can never open a route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(
      ACCESS_POLICY,
      targets,
    );
    if (!policy) {
      this.logger.error(`${request.method} ${request.url} has no access policy; refused`);
      throw policyMissing();
    }
    // Console pages take the session cookie only and the API the bearer header only, so a
    // cookie can never carry a cross-site request into the API.
    const actor = this.reflector.getAllAndOverride<boolean>(CONSOLE_ROUTE, targets)
      ? await this.auth.authenticateConsoleSession(request.cookies[CONSOLE_SESSION_COOKIE])
      : await this.auth.authenticate(request.headers.authorization, String(request.id));
    if (!policy.roles.includes(actor.role)) throw roleForbidden(actor.role);
    request.actor = actor;
    return true;
  }
}
