import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { DocumentIntegrity } from './document-integrity';
import { DOCUMENT_STORE } from './document-store';
import { LocalDocumentStore } from './local-document-store';

/**
 * The document store and its integrity check, on their own so the audit module (whose verify
 * covers the files) and the documents module can both use them.
 */
@Module({
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDocumentStore(join(config.dataDir, 'documents')),
    },
    DocumentIntegrity,
  ],
  exports: [DOCUMENT_STORE, DocumentIntegrity],
})
export class DocumentStoreModule {}
