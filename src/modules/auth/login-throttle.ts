import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import type { AppConfig } from '../../config/app-config';

interface LoginRequest {
  ip?: string;
  body?: { email?: unknown };
}

/**
 * Sign-in limits: one counter per account (the email tried) and one per client address, each
 * per window, shared by every sign-in route. Over either limit the answer is 429 with Retry-After. Counters live in memory,
 * per instance.
 */
export function loginThrottleOptions(config: AppConfig): ThrottlerModuleOptions {
  const ttl = config.auth.loginWindowSeconds * 1000;
  return {
    throttlers: [
      {
        name: 'account',
        ttl,
        limit: config.auth.loginLimitPerAccount,
        getTracker: (req: LoginRequest) =>
          typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : 'no-email',
      },
      {
        name: 'address',
        ttl,
        limit: config.auth.loginLimitPerAddress,
        getTracker: (req: LoginRequest) => req.ip ?? 'unknown',
      },
    ],
    // LoginThrottlerGuard sets the standard header instead.
    setHeaders: false,
    // One counter per account and per address for every sign-in route (the API's login and the
    // console's form): the library's default key names the route, which would double the tries.
    generateKey: (_context, tracker, throttler) => `login:${throttler}:${tracker}`,
  };
}

/**
 * ThrottlerGuard answering with our problem document and a standard Retry-After header (the
 * library names it per throttler, e.g. Retry-After-account).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
    throw new DomainError(
      'throttled',
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts; try again in ${seconds} s.`,
    );
  }
}
