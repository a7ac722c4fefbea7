import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppLogger } from './app-logger';

/**
 * Request logging through nestjs-pino: one line per request with its id, method, path, status
 * and time; `new Logger(Class.name)` calls made while serving a request carry the same id.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // Fastify has already chosen the id (see request-id.ts); middie copies it to raw.
            genReqId: (req: IncomingMessage) => req.id ?? 'unknown',
            customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) => {
              if (error || res.statusCode >= 500) return 'error';
              if (res.statusCode >= 400) return 'warn';
              // Probes hit these every few seconds; keep them out of the info stream.
              return req.url?.startsWith('/health/') ? 'debug' : 'info';
            },
            customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) =>
              `${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${Math.round(ms)}ms`,
            customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
              `${req.method} ${req.url?.split('?')[0]} ${res.statusCode}`,
            serializers: {
              req: (req: { id?: string; method?: string; url?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      providers: [AppLogger],
      exports: [AppLogger],
    };
  }
}
