import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      http: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 1_048_576 },
      database: { url: undefined, embeddedPort: 0, poolSize: 10, runMigrations: true },
      log: { level: 'info', format: 'pretty' },
      idempotency: { ttlSeconds: 86400 },
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads and converts values; an empty DATABASE_URL means embedded', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: '',
      MIGRATIONS_RUN: 'false',
      LOG_FORMAT: 'json',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.url).toBeUndefined();
    expect(config.database.runMigrations).toBe(false);
    expect(config.log.format).toBe('json');
  });

  it('refuses bad values, naming every variable', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_FORMAT: 'xml',
        DB_POOL_SIZE: '0',
        IDEMPOTENCY_TTL_SECONDS: '0',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
    expect(attempt).toThrow(/LOG_FORMAT/);
    expect(attempt).toThrow(/DB_POOL_SIZE/);
    expect(attempt).toThrow(/IDEMPOTENCY_TTL_SECONDS/);
  });

  it('refuses to start in production without JWT_SECRET, and refuses a short one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).auth.jwtSecret).toBe(
      'x'.repeat(40),
    );
  });

  it('takes a read replica for reports only beside DATABASE_URL', () => {
    const replica = 'postgres://reader@replica:5432/registry';
    expect(
      loadConfig({ DATABASE_URL: 'postgres://app@primary/registry', DATABASE_REPLICA_URL: replica })
        .database.replicaUrl,
    ).toBe(replica);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: replica })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('caches active users unless USER_CACHE=false', () => {
    expect(loadConfig({}).auth.userCache).toBe(true);
    expect(loadConfig({ USER_CACHE: 'false' }).auth.userCache).toBe(false);
  });

  it('reads DEMO_DATA as auto (default), true or false, and names it when wrong', () => {
    expect(loadConfig({}).demoData).toBe('auto');
    expect(loadConfig({ DEMO_DATA: '' }).demoData).toBe('auto');
    expect(loadConfig({ DEMO_DATA: 'FALSE' }).demoData).toBe('false');
    expect(loadConfig({ DEMO_DATA: 'true' }).demoData).toBe('true');
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA must be auto, true or false/);
  });

  it('lower-cases ADMIN_EMAIL and parses CORS origins', () => {
    const config = loadConfig({
      ADMIN_EMAIL: 'Boss@Example.org',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.auth.adminEmail).toBe('boss@example.org');
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
