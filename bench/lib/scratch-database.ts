import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/migrate';
import { startScratchServer, type ScratchServer } from '../../src/database/scratch-server';

export interface ScratchDatabase {
  readonly url: string;
  readonly description: string;
  /** A migrated TypeORM data source on the scratch database (pool of `poolSize`). */
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * A freshly migrated database for one benchmark run: on the server behind DATABASE_URL when set,
 * otherwise on an embedded PostgreSQL in a temporary directory. Dropped (and the embedded server
 * stopped) on close, also when the benchmark fails.
 */
export async function openScratchDatabase(label: string, poolSize = 8): Promise<ScratchDatabase> {
  const server: ScratchServer = await startScratchServer({ externalUrl: process.env.DATABASE_URL });
  const name = `bench_${label}_${process.pid}`;
  try {
    const url = await server.createDatabase(name);
    const dataSource = new DataSource(
      dataSourceOptions(url, { poolSize, connectTimeoutMs: 5000, statementTimeoutMs: 0 }),
    );
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    return {
      url,
      description: server.description,
      dataSource,
      async close() {
        await dataSource.destroy();
        await server.dropDatabase(name);
        await server.stop();
      },
    };
  } catch (error) {
    await server.dropDatabase(name).catch(() => {});
    await server.stop();
    throw error;
  }
}
