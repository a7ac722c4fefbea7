import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.factory';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { loadConfig } from '../../src/config/app-config';
import type { UserResponseDto } from '../../src/modules/users/dto/user.dto';
import type { Role } from '../../src/modules/users/roles';
import { UsersService } from '../../src/modules/users/users.service';
import { systemContext } from '../../src/database/audited-transactions';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-only-secret-that-is-long-enough-0123456789';
export const TEST_PASSWORD = 'a sturdy test passphrase';

export interface TestResponse<T = unknown> {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: T;
  readonly text: string;
  /** The body as bytes (downloads such as XLSX). */
  readonly rawPayload: Buffer;
}

/** A signed-in user: their record and an Authorization header for requests. */
export interface TestUser {
  readonly user: UserResponseDto;
  readonly token: string;
  readonly auth: { authorization: string };
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  /** The app's DATA_DIR (documents live under documents/). */
  readonly dataDir: string;
  request<T = unknown>(options: InjectOptions): Promise<TestResponse<T>>;
  get<T = unknown>(url: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  /** Creates a user with a unique email (through the service) and signs them in over HTTP. */
  signIn(role: Role, countryCode?: string | null): Promise<TestUser>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra modules, e.g. fixtures that exercise the shared HTTP layer. */
  readonly extraModules?: readonly Type[];
  /** Environment overrides on top of the test defaults. */
  readonly env?: Record<string, string>;
  /** Connect through another URL (e.g. a proxy in front of the test database). */
  readonly databaseUrl?: (db: TestDatabase) => string | Promise<string>;
  /** Receives every log line (JSON) instead of stdout. */
  readonly logLines?: string[];
}

/**
 * The real application (same factory as main.ts) on a database of its own. Requests go through
 * Fastify's inject, so no port is opened. Set TEST_LOG_LEVEL=debug to see the app's logs.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  // Each app its own data directory (the document store sweeps files its database does not know).
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-test-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    DB_POOL_SIZE: '4',
    // Generous: parallel test files share two cores; outage tests stop the proxy, which refuses.
    DB_CONNECT_TIMEOUT_MS: '3000',
    DATABASE_URL: db.url,
    // Every test signs in from the same address; the throttle tests lower these again.
    LOGIN_LIMIT_PER_ADDRESS: '10000',
    LOGIN_LIMIT_PER_ACCOUNT: '1000',
    // Background jobs of the review desk stay off; desk tests run them by hand with a set clock.
    MAIL_INTERVAL_SECONDS: '0',
    DESK_SWEEP_INTERVAL_SECONDS: '0',
    // Review decisions publish at once; the republishing job runs only where a test starts it.
    OPEN_DATA_PUBLISH_INTERVAL_SECONDS: '0',
    ...options.env,
  });
  const app = await createApp({
    config,
    databaseUrl: (await options.databaseUrl?.(db)) ?? db.url,
    logger: createRootLogger(
      config,
      options.logLines ? { write: (line: string) => void options.logLines?.push(line) } : undefined,
    ),
    jwtSecret: TEST_JWT_SECRET,
    extraModules: options.extraModules,
  });
  const request = async <T>(injectOptions: InjectOptions): Promise<TestResponse<T>> => {
    const response = await app.inject(injectOptions);
    const isJson = /json/.test(String(response.headers['content-type'] ?? ''));
    return {
      status: response.statusCode,
      headers: response.headers,
      body: (isJson && response.body ? JSON.parse(response.body) : response.body) as T,
      text: response.body,
      rawPayload: response.rawPayload,
    };
  };
  return {
    app,
    db,
    dataDir: config.dataDir,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    async signIn(role, countryCode = null) {
      const email = `${role}.${randomBytes(4).toString('hex')}@example.org`;
      const user = await app.get(UsersService).create(
        {
          email,
          name: `Test ${role}`,
          password: TEST_PASSWORD,
          role,
          countryCode: countryCode ?? (role === 'officer' || role === 'reviewer' ? 'MY' : null),
        },
        systemContext('test-fixtures'),
      );
      const login = await request<{ accessToken: string }>({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      if (login.status !== 200) throw new Error(`sign-in failed: ${login.text}`);
      const token = login.body.accessToken;
      return { user, token, auth: { authorization: `Bearer ${token}` } };
    },
    async close() {
      await app.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The same app, with these headers (e.g. credentials) on every request. */
export function withHeaders(t: TestApp, headers: Record<string, string>): TestApp {
  const request = <T>(options: InjectOptions) =>
    t.request<T>({
      ...options,
      headers: { ...headers, ...(options.headers as Record<string, string>) },
    });
  return { ...t, request, get: (url, extra) => request({ method: 'GET', url, headers: extra }) };
}
