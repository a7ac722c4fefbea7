import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type PoolSettings } from './data-source-options';

/**
 * Reports and exports read through this data source. With DATABASE_REPLICA_URL it is a read
 * replica, so long aggregations and multi-million-row exports leave the primary to the writes;
 * without it, it is the primary's own data source (no second pool).
 */
export const REPORTS_DATA_SOURCE = 'reports';

@Global()
@Module({})
export class ReportsDataSourceModule {
  static forRoot(replicaUrl: string | undefined, pool: PoolSettings): DynamicModule {
    if (replicaUrl) {
      return {
        module: ReportsDataSourceModule,
        imports: [
          TypeOrmModule.forRoot({
            ...dataSourceOptions(replicaUrl, pool),
            name: REPORTS_DATA_SOURCE,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        ],
      };
    }
    const token = getDataSourceToken(REPORTS_DATA_SOURCE);
    return {
      module: ReportsDataSourceModule,
      providers: [{ provide: token, useExisting: DataSource }],
      exports: [token],
    };
  }
}
