/**
 * Loads the demo data set (real twin parks, their pairings, investors, projects and FX rates)
 * through the registry's services, as actor `system:demo-seed`:
 *
 *   npm run seed:demo
 *
 * Idempotent: what exists (by park or pairing code, investor name and country, project park and
 * title, rate currency and date) is left alone, so a second run writes nothing. Uses
 * DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (shared with a running service).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { createRootLogger } from '../common/logging/root-logger';
import { loadConfig } from '../config/app-config';
import { connectDatabase } from '../database/database-connection';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrationsLocked } from '../database/migrate';
import { resolveJwtSecret } from '../modules/auth/jwt-secret';
import { DemoSeedService } from '../modules/demo-data/demo-seed.service';
import { describeCounts } from '../startup-banner';
import { runCli } from './run-cli';

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createRootLogger({ log: { ...config.log, level: 'warn' } });
  const connection = await connectDatabase(config, () => {});
  try {
    const migrations = new DataSource(dataSourceOptions(connection.url));
    await migrations.initialize();
    await runMigrationsLocked(migrations).finally(() => migrations.destroy());

    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        config,
        databaseUrl: connection.url,
        logger,
        jwtSecret: await resolveJwtSecret(config),
      }),
      { logger: false },
    );
    try {
      const report = await context.get(DemoSeedService).seed();
      process.stdout.write(
        `demo data: created ${describeCounts(report.created)}; ` +
          `already there: ${describeCounts(report.present)}\n` +
          `audit rows of this run: GET /api/v1/audit/changes?requestId=${report.requestId}\n`,
      );
      return 0;
    } finally {
      await context.close();
    }
  } finally {
    await connection.release();
  }
}

runCli(main);
