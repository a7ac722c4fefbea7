import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/access.decorator';
import { CONSOLE_ROUTE } from '../../auth/console-access';
import { attachDeskBadges, DeskBadges } from './desk-badges';

/**
 * Gives each console request with a signed-in user the means to read the header's badges
 * (lazily: a form that redirects never reads them). An interceptor because it runs after the
 * access guard has set the actor; API routes pass straight through.
 */
@Injectable()
export class DeskBadgesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly badges: DeskBadges,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const consoleRoute = this.reflector.getAllAndOverride<boolean | undefined>(CONSOLE_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (consoleRoute && context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      const actor = request.actor;
      if (actor) attachDeskBadges(request, () => this.badges.of(actor));
    }
    return next.handle();
  }
}
