import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { Environment } from './environment';

/** Typed, validated configuration. Nothing else in the code base reads process.env. */
export interface AppConfig {
  readonly env: Environment['NODE_ENV'];
  readonly database: {
    /** Unset: start the embedded PostgreSQL under dataDir. */
    readonly url: string | undefined;
    /** A read replica for reports and exports; unset: they read the primary. */
    readonly replicaUrl: string | undefined;
    readonly embeddedPort: number;
    readonly poolSize: number;
    readonly connectTimeoutMs: number;
    readonly statementTimeoutMs: number;
    readonly runMigrations: boolean;
  };
  readonly dataDir: string;
  readonly log: {
    readonly level: Environment['LOG_LEVEL'];
    readonly format: Environment['LOG_FORMAT'];
  };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: boolean;
  };
  readonly audit: {
    readonly sealIntervalSeconds: number;
  };
  /** The review desk: reminders, notifications and their email. */
  readonly desk: {
    /** Base of the links in emails (no trailing slash). */
    readonly publicUrl: string;
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string;
    readonly mailIntervalSeconds: number;
    readonly sweepIntervalSeconds: number;
    readonly digestHour: number;
  };
  readonly idempotency: {
    /** How long a key and its recorded response are kept; expired keys may be reused. */
    readonly ttlSeconds: number;
  };
  readonly imports: {
    readonly maxBytes: number;
    readonly maxRows: number;
  };
  /** Documents attached to records (see src/modules/documents). */
  readonly documents: {
    readonly maxBytes: number;
    /** clamd's socket path or host:port; unset: no scanning. */
    readonly clamdSocket: string | undefined;
    readonly scanIntervalSeconds: number;
  };
  /** Maps: a deployment's own base map file (GeoJSON or TopoJSON); unset, the shipped land. */
  readonly maps: { readonly baseMapFile: string | undefined };
  /** Open data: the republishing job and the public routes' rate limit. */
  readonly openData: {
    readonly publishIntervalSeconds: number;
    readonly rateLimitPerMinute: number;
  };
  /** When the start-up loads the demo data set (see demo-at-start.ts). */
  readonly demoData: Environment['DEMO_DATA'];
  readonly auth: {
    /** Unset outside production: generated once and kept in DATA_DIR (see jwt-secret.ts). */
    readonly jwtSecret: string | undefined;
    readonly jwtTtlSeconds: number;
    readonly adminEmail: string | undefined;
    readonly adminPassword: string | undefined;
    readonly loginLimitPerAccount: number;
    readonly loginLimitPerAddress: number;
    readonly loginWindowSeconds: number;
    /** Cache active users per instance (see ActiveUserCache). */
    readonly userCache: boolean;
  };
  /** Web console sessions (cookie, server-side row in infra.console_session). */
  readonly console: {
    readonly idleMinutes: number;
    readonly maxHours: number;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

function describe(errors: ValidationError[]): string {
  return errors
    .map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`)
    .join('\n  ');
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = plainToInstance(Environment, { ...source }, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${describe(errors)}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production (32+ random characters, e.g. openssl rand -base64 48)',
    );
  }
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (a replica of the embedded PostgreSQL is not supported)',
    );
  }
  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      trustProxy: env.TRUST_PROXY,
    },
    database: {
      url: env.DATABASE_URL,
      replicaUrl: env.DATABASE_REPLICA_URL,
      embeddedPort: env.EMBEDDED_PG_PORT,
      poolSize: env.DB_POOL_SIZE,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      runMigrations: env.MIGRATIONS_RUN,
    },
    dataDir: resolve(env.DATA_DIR),
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    audit: { sealIntervalSeconds: env.AUDIT_SEAL_INTERVAL_SECONDS },
    desk: {
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      smtpUrl: env.SMTP_URL,
      mailFrom: env.MAIL_FROM,
      mailIntervalSeconds: env.MAIL_INTERVAL_SECONDS,
      sweepIntervalSeconds: env.DESK_SWEEP_INTERVAL_SECONDS,
      digestHour: env.DIGEST_HOUR,
    },
    idempotency: { ttlSeconds: env.IDEMPOTENCY_TTL_SECONDS },
    imports: { maxBytes: env.IMPORT_MAX_BYTES, maxRows: env.IMPORT_MAX_ROWS },
    documents: {
      maxBytes: env.DOCUMENT_MAX_MB * 1024 * 1024,
      clamdSocket: env.CLAMD_SOCKET,
      scanIntervalSeconds: env.DOCUMENT_SCAN_INTERVAL_SECONDS,
    },
    maps: { baseMapFile: env.BASEMAP_FILE ? resolve(env.BASEMAP_FILE) : undefined },
    openData: {
      publishIntervalSeconds: env.OPEN_DATA_PUBLISH_INTERVAL_SECONDS,
      rateLimitPerMinute: env.OPEN_DATA_RATE_LIMIT,
    },
    demoData: env.DEMO_DATA,
    auth: {
      jwtSecret: env.JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      adminEmail: env.ADMIN_EMAIL?.toLowerCase(),
      adminPassword: env.ADMIN_PASSWORD,
      loginLimitPerAccount: env.LOGIN_LIMIT_PER_ACCOUNT,
      loginLimitPerAddress: env.LOGIN_LIMIT_PER_ADDRESS,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
      userCache: env.USER_CACHE,
    },
    console: {
      idleMinutes: env.CONSOLE_IDLE_MINUTES,
      maxHours: env.CONSOLE_MAX_HOURS,
    },
  };
}
