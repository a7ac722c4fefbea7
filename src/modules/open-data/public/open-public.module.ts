import { Module } from '@nestjs/common';
import { DocumentsModule } from '../../documents/documents.module';
import { ReportsModule } from '../../reports/reports.module';
import { OpenDataModule } from '../open-data.module';
import { OpenFeedsController } from './open-feeds.controller';
import { OpenPageController } from './open-page.controller';

/** /open: the published data for anyone, without signing in (rate-limited in app.factory). */
@Module({
  imports: [OpenDataModule, DocumentsModule, ReportsModule],
  controllers: [OpenFeedsController, OpenPageController],
})
export class OpenPublicModule {}
