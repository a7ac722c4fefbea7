import { OpenDataModule } from '../open-data/open-data.module';
import { PublisherPagesController } from './pages/publisher-pages.controller';
import { DocumentsModule } from '../documents/documents.module';
import { RecordDocuments } from './documents/record-documents';
import { DocumentPagesController } from './pages/document-pages.controller';
import {
  InvestorDocumentUploadPages,
  PairingDocumentUploadPages,
  ParkDocumentUploadPages,
  ProjectDocumentUploadPages,
} from './pages/document-upload-pages.controller';
import { DocumentChoices } from './documents/document-choices';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { IndustriesModule } from '../industries/industries.module';
import { InvestorsModule } from '../investors/investors.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PairingsModule } from '../pairings/pairings.module';
import { ParksModule } from '../parks/parks.module';
import { ProjectsModule } from '../projects/projects.module';
import { ReportsModule } from '../reports/reports.module';
import { ReviewDeskModule } from '../review-desk/review-desk.module';
import { UsersModule } from '../users/users.module';
import { AssetsController } from './pages/assets.controller';
import { AccountPagesController } from './pages/account-pages.controller';
import { CalendarPagesController } from './pages/calendar-pages.controller';
import { NotificationPagesController } from './pages/notification-pages.controller';
import { ReviewPagesController } from './pages/review-pages.controller';
import { DeskBadges } from './desk/desk-badges';
import { DeskBadgesInterceptor } from './desk/desk-badges.interceptor';
import { DashboardController } from './pages/dashboard.controller';
import { AuditPagesController } from './pages/audit-pages.controller';
import { InvestorPagesController } from './pages/investor-pages.controller';
import { UserPagesController } from './pages/user-pages.controller';
import { ImportPagesController } from './pages/import-pages.controller';
import { PairingPagesController } from './pages/pairing-pages.controller';
import { ParkPagesController } from './pages/park-pages.controller';
import { ReportPagesController } from './pages/report-pages.controller';
import { MapPagesController } from './pages/map-pages.controller';
import { RecordMaps } from './maps/record-map';
import { ProjectPagesController } from './pages/project-pages.controller';
import { SignInController } from './pages/sign-in.controller';
import { SuggestionPagesController } from './pages/suggestion-pages.controller';
import { ConsoleQueries } from './console-queries';
import { CurrencyList } from './pickers/currency-list';
import { FormKeys } from './pickers/form-keys';
import { PickerQueries } from './pickers/picker-queries';
import { Suggestions } from './pickers/suggestions';

/**
 * The web console: server-rendered pages over the same services, access policies and audit path
 * as the JSON API. Nothing here holds a business rule; pages call the services and show their
 * answers and errors.
 */
@Module({})
export class ConsoleModule {
  static forRoot(authModule: DynamicModule): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        authModule,
        UsersModule,
        AuditModule,
        IndustriesModule,
        ParksModule,
        InvestorsModule,
        PairingsModule,
        ProjectsModule,
        ReportsModule,
        ReviewDeskModule,
        NotificationsModule,
        DocumentsModule,
        OpenDataModule,
      ],
      controllers: [
        AssetsController,
        SignInController,
        DashboardController,
        ParkPagesController,
        PairingPagesController,
        PublisherPagesController,
        ImportPagesController,
        ProjectPagesController,
        ReportPagesController,
        MapPagesController,
        InvestorPagesController,
        AuditPagesController,
        UserPagesController,
        SuggestionPagesController,
        ReviewPagesController,
        NotificationPagesController,
        CalendarPagesController,
        DocumentPagesController,
        ParkDocumentUploadPages,
        PairingDocumentUploadPages,
        InvestorDocumentUploadPages,
        ProjectDocumentUploadPages,
        AccountPagesController,
      ],
      providers: [
        ConsoleQueries,
        PickerQueries,
        Suggestions,
        FormKeys,
        CurrencyList,
        RecordDocuments,
        RecordMaps,
        DocumentChoices,
        DeskBadges,
        // The header's inbox and review badges, on every console page.
        { provide: APP_INTERCEPTOR, useClass: DeskBadgesInterceptor },
      ],
    };
  }
}
