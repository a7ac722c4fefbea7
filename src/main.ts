import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { createRootLogger } from './common/logging/root-logger';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';
import { connectDatabase, type DatabaseConnection } from './database/database-connection';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrationsLocked } from './database/migrate';
import { resolveJwtSecret } from './modules/auth/jwt-secret';
import { ensureFirstAdmin } from './modules/users/first-admin';
import { UsersService } from './modules/users/users.service';

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
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

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
    await app.listen({ port: config.http.port, host: config.http.host });
    const base = (await app.getUrl())
      .replace('[::1]', 'localhost')
      .replace('127.0.0.1', 'localhost');
    log.info(`API:  ${base}/api/v1`);
    log.info(`Docs: ${base}/docs (OpenAPI document: ${base}/docs/openapi.json)`);
    if (admin.created && admin.password) {
      // Printed once, on the start that created the account; also kept in a 0600 file.
      log.warn(
        `First start: created admin ${admin.email} with generated password ${admin.password} ` +
          `(also in ${admin.passwordFile}; sign in and keep it safe)`,
      );
    } else if (admin.created) {
      log.info(`First start: created admin ${admin.email} from ADMIN_EMAIL / ADMIN_PASSWORD`);
    }
  } catch (error) {
    log.fatal({ err: error }, 'Start-up failed');
    await app?.close().catch(() => {});
    await database.release().catch(() => {});
    process.exit(1);
  }
}

void bootstrap();
