import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { AppConfig } from '../../config/app-config';

/** Never logged, whatever a log call passes in. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
];

/**
 * The process's one pino logger: JSON lines with LOG_FORMAT=json, readable single lines
 * otherwise. JSON lines (production, one per request) are written asynchronously: a
 * synchronous write per request took a fifth of the service's CPU under load. pino flushes
 * them synchronously at exit, so the last lines before a stop or a crash are not lost. The
 * terminal format stays synchronous.
 */
export function createRootLogger(
  config: Pick<AppConfig, 'log'>,
  /** Where JSON lines go (tests capture them); stdout by default. */
  destination: DestinationStream = pino.destination({ sync: false }),
): Logger {
  const options = {
    level: config.log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (config.log.format === 'json') {
    return pino(options, destination);
  }
  return pino(
    options,
    pinoPretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context,req,res,responseTime',
      messageFormat: '{if context}[{context}] {end}{if req.id}({req.id}) {end}{msg}',
    }),
  );
}
