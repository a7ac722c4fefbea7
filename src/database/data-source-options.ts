import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

export interface PoolSettings {
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
}

export const DEFAULT_POOL: PoolSettings = {
  poolSize: 10,
  connectTimeoutMs: 3000,
  statementTimeoutMs: 30000,
};

/**
 * The one description of the database used by the app, the migration CLI, the drift check
 * and the test harness. The schema comes from migrations only: synchronize is off everywhere.
 */
export function dataSourceOptions(
  url: string,
  pool: PoolSettings = DEFAULT_POOL,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: 'twin-park-registry',
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp extension needed.
    uuidExtension: 'pgcrypto',
    extra: {
      max: pool.poolSize,
      // Fail fast while the database is away so requests get a 503 instead of hanging.
      connectionTimeoutMillis: pool.connectTimeoutMs,
      statement_timeout: pool.statementTimeoutMs,
    },
  };
}
