/**
 * Migration commands on the same data source as the app:
 *
 *   npm run migration:run | migration:revert | migration:show
 *   npm run migration:generate -- AddParkTable   (diff entities against the migrated database)
 *   npm run migration:create -- AddParkTriggers   (empty migration to write by hand)
 *   npm run migration:check                       (drift check: fresh database, all migrations,
 *                                                  then fail if entities still need changes)
 *
 * With DATABASE_URL unset, run/revert/show/generate use the embedded PostgreSQL under DATA_DIR;
 * check always uses a throw-away database.
 */
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { MigrationCreateCommand } from 'typeorm/commands/MigrationCreateCommand.js';
import { MigrationGenerateCommand } from 'typeorm/commands/MigrationGenerateCommand.js';
import { loadConfig } from '../config/app-config';
import { connectDatabase, type DatabaseConnection } from '../database/database-connection';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrationsLocked } from '../database/migrate';
import { startScratchServer } from '../database/scratch-server';
import { runCli } from './run-cli';

const MIGRATIONS_DIR = resolve(__dirname, '..', '..', '..', 'migrations');

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function withDataSource<T>(
  connection: DatabaseConnection,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(connection.url));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function show(dataSource: DataSource): Promise<void> {
  const done = new Set(
    (
      (await dataSource.query(`SELECT name FROM migrations ORDER BY id`).catch(() => [])) as {
        name: string;
      }[]
    ).map((row) => row.name),
  );
  for (const migration of dataSource.migrations) {
    const name = migration.name ?? migration.constructor.name;
    print(`${done.has(name) ? '[X]' : '[ ]'} ${name}`);
  }
}

/** Drift check: exit 1 when the entities describe a schema the migrations do not build. */
async function check(externalUrl: string | undefined): Promise<number> {
  const server = await startScratchServer({ externalUrl });
  const name = `drift_check_${process.pid}_${Date.now()}`;
  try {
    const url = await server.createDatabase(name);
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      await runMigrationsLocked(dataSource);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      if (pending.upQueries.length === 0) {
        print(
          `migration drift check: ok (${dataSource.migrations.length} migrations, entities agree)`,
        );
        return 0;
      }
      print('migration drift check FAILED: the entities need schema changes no migration makes:');
      for (const query of pending.upQueries) print(`  ${query.query};`);
      print('Write a migration (npm run migration:generate -- Name) or fix the entity.');
      return 1;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await server.dropDatabase(name).catch(() => {});
    await server.stop();
  }
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'check') return check(config.database.url);
  if (command === 'create') {
    if (!name) throw new Error('usage: npm run migration:create -- MigrationName');
    await new MigrationCreateCommand().handler({
      path: join(MIGRATIONS_DIR, name),
      $0: '',
      _: [],
    });
    print('Add the new class to migrations/index.ts.');
    return 0;
  }
  if (!['run', 'revert', 'show', 'generate'].includes(command ?? '')) {
    throw new Error('usage: migrations run|revert|show|generate <Name>|create <Name>|check');
  }

  const connection = await connectDatabase(config, () => {});
  try {
    print(`database: ${connection.description}`);
    if (command === 'generate') {
      if (!name) throw new Error('usage: npm run migration:generate -- MigrationName');
      await withDataSource(connection, runMigrationsLocked);
      // TypeORM's generator loads a data source file; it reads DATABASE_URL through the config.
      process.env.DATABASE_URL = connection.url;
      await new MigrationGenerateCommand().handler({
        dataSource: join(__dirname, '..', 'database', 'cli-data-source.js'),
        path: join(MIGRATIONS_DIR, name),
        pretty: true,
        exitProcess: false,
        $0: '',
        _: [],
      });
      print('Review the SQL, give it a working down(), and add the class to migrations/index.ts.');
      return 0;
    }
    return await withDataSource(connection, async (dataSource) => {
      if (command === 'run') {
        const applied = await runMigrationsLocked(dataSource);
        print(
          applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'nothing to apply',
        );
      } else if (command === 'revert') {
        await dataSource.undoLastMigration({ transaction: 'each' });
        print('reverted the last migration');
      } else {
        await show(dataSource);
      }
      return 0;
    });
  } finally {
    await connection.release();
  }
}

runCli(main);
