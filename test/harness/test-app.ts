import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.factory';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestResponse<T = unknown> {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: T;
  readonly text: string;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  request<T = unknown>(options: InjectOptions): Promise<TestResponse<T>>;
  get<T = unknown>(url: string, headers?: Record<string, string>): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra modules, e.g. fixtures that exercise the shared HTTP layer. */
  readonly extraModules?: readonly Type[];
  /** Environment overrides on top of the test defaults. */
  readonly env?: Record<string, string>;
  /** Connect through another URL (e.g. a proxy in front of the test database). */
  readonly databaseUrl?: (db: TestDatabase) => string | Promise<string>;
}

/**
 * The real application (same factory as main.ts) on a database of its own. Requests go through
 * Fastify's inject, so no port is opened. Set TEST_LOG_LEVEL=debug to see the app's logs.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    DB_POOL_SIZE: '4',
    DB_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_URL: db.url,
    ...options.env,
  });
  const app = await createApp({
    config,
    databaseUrl: (await options.databaseUrl?.(db)) ?? db.url,
    logger: createRootLogger(config),
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
    };
  };
  return {
    app,
    db,
    request,
    get: (url, headers) => request({ method: 'GET', url, headers }),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
