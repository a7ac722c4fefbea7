import type { Type } from '@nestjs/common';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { renderConsoleError } from './modules/console/console-error-page';
import { setupConsoleHttp } from './modules/console/console-http';
import { registerOpenDataRateLimit } from './modules/open-data/public/open-rate-limit';
import { EtagInterceptor } from './common/http/etag.interceptor';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id';
import { registerRequestBodyGuards } from './common/http/request-body-guards';
import { AppLogger } from './common/logging/app-logger';
import { setupOpenApi } from './common/openapi/openapi';
import { frameworkErrorProblem } from './common/problem/framework-errors';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { createValidationPipe } from './common/validation/validation-pipe';
import type { AppConfig } from './config/app-config';

/**
 * Builds the HTTP application exactly as production runs it (main.ts) and as the e2e tests see
 * it: Fastify, /api/v1 prefix, strict validation, problem details, request ids, OpenAPI docs.
 */
export async function createApp(options: {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
  jwtSecret: string;
  extraModules?: readonly Type[];
}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.http.bodyLimitBytes,
    genReqId: requestIdFor,
    requestIdHeader: false,
    logger: false,
    trustProxy: options.config.http.trustProxy,
    frameworkErrors: frameworkErrorProblem,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(AppLogger));
  app.flushLogs();

  await setupConsoleHttp(app, {
    jwtSecret: options.jwtSecret,
    production: options.config.env === 'production',
  });
  await app.register(helmet, {
    // Swagger UI needs inline styles and data: images; everything else stays same-origin
    // (the console's scripts and styles are files under /assets).
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        // Off: on a plain-HTTP intranet address it would break the console's own CSS and forms.
        // Behind TLS, HSTS (set by helmet) keeps browsers on HTTPS.
        upgradeInsecureRequests: null,
      },
    },
  });
  await registerOpenDataRateLimit(app, options.config.openData.rateLimitPerMinute);
  if (options.config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...options.config.http.corsOrigins],
      exposedHeaders: ['ETag', 'X-Request-Id', 'Idempotency-Replayed'],
    });
  }

  const fastify = app.getHttpAdapter().getInstance();
  // CSV imports stream: the body reaches the handler unread, which enforces its own size limit.
  fastify.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) =>
    done(null, payload),
  );
  // Holiday calendars (.ics) are small text files, read whole.
  fastify.addContentTypeParser(
    'text/calendar',
    { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, {
    // The import counts bytes itself (413 IMPORT_TOO_LARGE); this is only a backstop. A few
    // fields: the console's upload form sends its CSRF token and dry-run box with the file.
    limits: { files: 1, fields: 4, fileSize: options.config.imports.maxBytes * 2 },
    throwFileSizeLimit: true,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  registerRequestBodyGuards(fastify);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(renderConsoleError));
  // Outermost first: a response replayed for an Idempotency-Key still gets its ETag.
  app.useGlobalInterceptors(new EtagInterceptor(), app.get(IdempotencyInterceptor));
  setupOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}
