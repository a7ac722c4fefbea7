import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { loadConfig } from '../../src/config/app-config';
import { systemContext } from '../../src/database/audited-transactions';
import { UsersService } from '../../src/modules/users/users.service';

const PASSWORD = 'a benchmark passphrase that is long enough';

export interface BenchApp {
  readonly app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** Authorization header of a signed-in admin. */
  readonly auth: { authorization: string };
  close(): Promise<void>;
}

/** The real service (same factory as main.ts) on a scratch database, listening on a free port. */
export async function startBenchApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    ...env,
  });
  const app = await createApp({
    config,
    databaseUrl,
    logger: createRootLogger(config),
    jwtSecret: 'bench-only-secret-that-is-long-enough-0123456789',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const email = `bench.${Date.now()}@example.org`;
  await app
    .get(UsersService)
    .create(
      { email, name: 'Bench admin', password: PASSWORD, role: 'admin' },
      systemContext('bench'),
    );
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return {
    app,
    baseUrl,
    auth: { authorization: `Bearer ${accessToken}` },
    close: () => app.close(),
  };
}
