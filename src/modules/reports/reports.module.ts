import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { MapReportController } from './map/map-report.controller';
import { MapReportRepository } from './map/map-report.repository';
import { MapReportService } from './map/map-report.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [GeographyModule],
  controllers: [ReportsController, MapReportController],
  providers: [ReportsRepository, ReportsService, MapReportRepository, MapReportService],
  exports: [ReportsService, MapReportService],
})
export class ReportsModule {}
