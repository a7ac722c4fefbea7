import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DocumentMaintenance } from './document-maintenance';
import { DocumentCategoriesController, DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import {
  InvestorDocumentsController,
  PairingDocumentsController,
  ParkDocumentsController,
  ProjectDocumentsController,
} from './owner-documents.controller';
import { virusScannerFor } from './scanning/clamd-scanner';
import { VIRUS_SCANNER } from './scanning/virus-scanner';
import { DocumentStoreModule } from './storage/document-store.module';

/** Documents attached to parks, pairings, investors and projects (issue 18). */
@Module({
  imports: [DocumentStoreModule],
  controllers: [
    ParkDocumentsController,
    PairingDocumentsController,
    InvestorDocumentsController,
    ProjectDocumentsController,
    DocumentsController,
    DocumentCategoriesController,
  ],
  providers: [
    DocumentsRepository,
    DocumentsService,
    DocumentMaintenance,
    {
      provide: VIRUS_SCANNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => virusScannerFor(config.documents.clamdSocket),
    },
  ],
  exports: [DocumentsService, DocumentsRepository, DocumentStoreModule, VIRUS_SCANNER],
})
export class DocumentsModule {}
