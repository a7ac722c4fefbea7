import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

/**
 * Every environment variable the service reads, with its validation. `.env.example` and the
 * README's configuration table list the same names.
 */
export class Environment {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** postgres://user:pass@host:port/db; when unset an embedded PostgreSQL runs under DATA_DIR. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** A read replica of DATABASE_URL's database; reports and exports read from it when set. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_REPLICA_URL must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 3000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 30000;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value !== 'false' && value !== '0')
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT: 'pretty' | 'json' = 'pretty';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** HS256 signing secret for access tokens (32+ characters). Required in production. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** First admin, created at start when there are no users. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  /**
   * Failed sign-ins allowed per account in each window; the next attempt is refused, even with
   * the right password, until the window ends. A successful sign-in clears the account's count.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  /**
   * Failed sign-ins allowed per client address (an IPv6 /64) in each window, whatever the
   * account: an office behind one NAT shares it, so it is well above the per-account limit.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ADDRESS = 100;

  /** The sign-in throttle's window: it starts at the first attempt counted and does not slide. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** A console session ends after this many minutes without a request. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CONSOLE_IDLE_MINUTES = 30;

  /** A console session ends this many hours after sign-in, however busy. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CONSOLE_MAX_HOURS = 12;

  /**
   * Cache active users per instance, invalidated by PostgreSQL notifications. Turn off where
   * LISTEN cannot work (a PgBouncer in transaction mode in front of DATABASE_URL).
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value !== 'false' && value !== '0')
  @IsBoolean()
  USER_CACHE = true;

  /** Comma-separated origins allowed by CORS; unset keeps CORS off. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CORS_ORIGINS?: string;

  /** Trust X-Forwarded-* from a reverse proxy (client address for throttling). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY = false;

  /** How often the sealing job chains new audit changes into a seal; 0 turns the job off. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  AUDIT_SEAL_INTERVAL_SECONDS = 60;

  /**
   * The address people reach this service at (scheme, host, optional path), for the links in
   * emails; unset: http://localhost:PORT.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_URL must be an http(s) URL such as https://registry.example.gov',
  })
  PUBLIC_URL?: string;

  /**
   * Outgoing mail server, e.g. smtp://user:password@mail.example.gov:587 or smtps://...:465;
   * unset: mail is written as .eml files under DATA_DIR/mail.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From address of notification emails. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  MAIL_FROM = 'Twin-park registry <registry@localhost>';

  /** Largest document upload, in megabytes (a bigger file is refused with 413). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2048)
  DOCUMENT_MAX_MB = 25;

  /**
   * ClamAV's clamd, to scan uploaded documents: a Unix socket path (/run/clamav/clamd.ctl) or
   * host:port (clamav:3310). Unset: documents are stored as `unscanned`.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^(\/\S+|[A-Za-z0-9.-]+:\d{1,5})$/, {
    message: 'CLAMD_SOCKET must be a socket path (/run/clamav/clamd.ctl) or host:port',
  })
  CLAMD_SOCKET?: string;

  /** How often documents still `pending` (clamd was unreachable) are scanned again, in seconds; 0 turns it off. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DOCUMENT_SCAN_INTERVAL_SECONDS = 60;

  /**
   * The console's and the reports' base map: a GeoJSON or TopoJSON file of land (and, where a
   * ministry has approved them, boundaries). Unset: the land outlines of Natural Earth 1:50m
   * shipped with the project, without national borders.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  BASEMAP_FILE?: string;

  /** How often the mail worker sends what the outbox holds, in seconds; 0 turns it off. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MAIL_INTERVAL_SECONDS = 10;

  /**
   * How often the review desk's sweep sends due reminders, escalations and daily digests, in
   * seconds; 0 turns it off.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DESK_SWEEP_INTERVAL_SECONDS = 300;

  /**
   * How often the open-data job republishes when the published view has changed (edits to
   * published projects), in seconds; 0 turns it off. Review decisions publish at once.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPEN_DATA_PUBLISH_INTERVAL_SECONDS = 300;

  /** Requests per minute per client address to the public /open pages and feeds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OPEN_DATA_RATE_LIMIT = 120;

  /** The local hour (0-23, in the user's country's time zone) after which daily digests go out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 7;

  /** How long an Idempotency-Key (and the response recorded with it) is kept, in seconds. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_TTL_SECONDS = 86400;

  /** Largest project CSV import, in bytes (413 beyond). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES = 52428800;

  /** Most data rows in one project CSV import (413 beyond). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IMPORT_MAX_ROWS = 100000;

  /**
   * Demo data (real twin parks) at start: `auto` loads it into an empty embedded database only;
   * `true` loads whatever is missing on any database (idempotent); `false` never.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value !== '' ? value.toLowerCase() : 'auto',
  )
  @IsIn(['auto', 'true', 'false'], { message: 'DEMO_DATA must be auto, true or false' })
  DEMO_DATA: 'auto' | 'true' | 'false' = 'auto';
}
