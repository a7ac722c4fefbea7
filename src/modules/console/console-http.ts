import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Eta } from 'eta';
import type { FastifyRequest } from 'fastify';

export const VIEWS_DIR = join(__dirname, 'views');
export const CSRF_COOKIE = 'tpr_csrf';
/** The hidden form field carrying the CSRF token (removed before the handler sees the form). */
export const CSRF_FIELD = '_csrf';

/** Paths served by something other than the console: the JSON API, health checks, API docs. */
export function isConsoleRequest(request: FastifyRequest): boolean {
  const path = request.url;
  return !/^\/(api|health|docs)(\/|\?|$)/.test(path);
}

function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * The Fastify side of the web console: cookies (signed where they carry a secret), CSRF tokens
 * on every console form, and Eta templates through @fastify/view. (HTML form bodies are parsed
 * by Nest's Fastify adapter itself, with fast-querystring.)
 * The API is untouched: it keeps bearer tokens and JSON, and never reads the cookies.
 */
export async function setupConsoleHttp(
  app: NestFastifyApplication,
  options: { readonly jwtSecret: string; readonly production: boolean },
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // A key of its own, derived so that no extra secret must be configured.
  const cookieSecret = createHmac('sha256', options.jwtSecret).update('console-cookies').digest();
  await app.register(fastifyCookie, { secret: cookieSecret.toString('base64url') });
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const token = body?.[CSRF_FIELD] ?? request.headers['x-csrf-token'];
      return typeof token === 'string' ? token : '';
    },
  });
  app.setViewEngine({
    engine: { eta: new Eta({ views: VIEWS_DIR, cache: options.production }) },
    templates: VIEWS_DIR,
    production: options.production,
  });

  // Every unsafe console request carries the form's token. Multipart uploads (the CSV import)
  // carry it as their first field, which only the handler can read: it checks it itself.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!isUnsafe(request.method) || !isConsoleRequest(request) || request.isMultipart()) {
      done();
      return;
    }
    fastify.csrfProtection(request, reply, () => {
      const body = request.body as Record<string, unknown> | undefined;
      if (body && typeof body === 'object') delete body[CSRF_FIELD];
      done();
    });
  });
}
