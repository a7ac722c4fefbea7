import { Module } from '@nestjs/common';
import { DocumentStoreModule } from '../documents/storage/document-store.module';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { RecordHistory } from './record-history';

@Module({
  imports: [DocumentStoreModule],
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, RecordHistory],
  exports: [AuditService, RecordHistory],
})
export class AuditModule {}
