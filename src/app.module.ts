import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { ClockModule } from './common/jobs/clock.module';
import { LoggingModule } from './common/logging/logging.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { ReportsDataSourceModule } from './database/reports-data-source';
import { CountriesModule } from './modules/countries/countries.module';
import { DemoDataModule } from './modules/demo-data/demo-data.module';
import { HealthModule } from './modules/health/health.module';
import { IndustriesModule } from './modules/industries/industries.module';
import { InvestorsModule } from './modules/investors/investors.module';
import { FxRatesModule } from './modules/fx-rates/fx-rates.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { ReportsModule } from './modules/reports/reports.module';
import { PairingsModule } from './modules/pairings/pairings.module';
import { ReviewDeskModule } from './modules/review-desk/review-desk.module';
import { ParksModule } from './modules/parks/parks.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { UsersModule } from './modules/users/users.module';
import { ConsoleModule } from './modules/console/console.module';
import { OpenPublicModule } from './modules/open-data/public/open-public.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { MailModule } from './modules/mail/mail.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { OpenDataModule } from './modules/open-data/open-data.module';

/** The JSON API lives under this prefix; the web console and health checks sit beside it. */
export const API_PREFIX = 'api/v1';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly databaseUrl: string;
  readonly logger: Logger;
  /** HS256 secret for access tokens (see jwt-secret.ts). */
  readonly jwtSecret: string;
  /** Test-only modules (fixtures for the shared HTTP layer). */
  readonly extraModules?: readonly Type[];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config, databaseUrl, logger } = options;
    const authModule = AuthModule.forRoot(config, options.jwtSecret);
    // Every module serving the JSON API, mounted under /api/v1 (a route prefix per module, not
    // a global one, so the console's /parks and the API's /api/v1/parks can both exist).
    const apiModules: (Type | DynamicModule)[] = [
      UsersModule,
      authModule,
      CountriesModule,
      AuditModule,
      IndustriesModule,
      ParksModule,
      InvestorsModule,
      PairingsModule,
      ReviewDeskModule,
      FxRatesModule,
      ProjectsModule,
      ReportsModule,
      NotificationsModule,
      MailModule,
      DocumentsModule,
      OpenDataModule,
      ...(options.extraModules ?? []),
    ];
    const apiRoutes = apiModules.map((entry) => ({
      path: API_PREFIX,
      module: 'module' in entry ? entry.module : entry,
    }));
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule.forRoot(logger),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, config.database),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        DatabaseModule,
        ReportsDataSourceModule.forRoot(config.database.replicaUrl, config.database),
        IdempotencyModule.forRoot(options.jwtSecret),
        HealthModule,
        ...apiModules,
        DemoDataModule,
        OpenPublicModule,
        ConsoleModule.forRoot(authModule),
        RouterModule.register(apiRoutes),
      ],
    };
  }
}
