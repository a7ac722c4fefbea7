import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '../../../common/errors/domain-error';

/** The public open-data routes: the page, the feeds, the snapshots and public documents. */
export const isOpenDataPath = (url: string): boolean =>
  url === '/open' || url.startsWith('/open/') || url.startsWith('/open?');

/**
 * Per-address limit on /open (anyone may call it, so anyone could flood it), answered with a
 * 429 problem and Retry-After. Signed-in routes are limited elsewhere (login throttle) or not.
 * The counters are per instance (@fastify/rate-limit's memory store).
 */
export async function registerOpenDataRateLimit(
  app: NestFastifyApplication,
  perMinute: number,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => !isOpenDataPath(request.url),
    // Thrown from the plugin's hook, it reaches the problem-details filter like any refusal.
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        'throttled',
        'RATE_LIMITED',
        `More than ${context.max} requests a minute from this address to the open-data routes; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });
}
