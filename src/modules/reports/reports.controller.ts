import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { SectorReportQueryDto } from './dto/report-query.dto';
import { SectorReportDto } from './dto/sector-report.dto';
import { downloadName } from './report-csv';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sectors')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'USD investment and jobs by ISIC sector (section, division, group or class), split by sector percentages; json or csv',
    operationId: 'sectorReport',
  })
  @ApiOkResponse({ type: SectorReportDto })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400)
  async sectors(@Query() query: SectorReportQueryDto): Promise<SectorReportDto | StreamableFile> {
    const report = await this.reports.sectors(query);
    if (query.format !== 'csv') return report;
    return new StreamableFile(this.reports.sectorsCsv(report), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName(`sector-report-${report.meta.level}`, 'csv'),
    });
  }
}
