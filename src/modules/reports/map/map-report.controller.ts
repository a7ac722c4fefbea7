import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDownloadResponse } from '../../../common/openapi/api-download-response.decorator';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { Access, ALL_ROLES } from '../../auth/access.decorator';
import { MapReportDto } from '../dto/map-report.dto';
import { ReportFilterDto } from '../dto/report-query.dto';
import { downloadName } from '../report-csv';
import { SVG_TYPE } from '../report-svg';
import { XLSX_TYPE } from '../report-xlsx';
import { MapReportService } from './map-report.service';

@ApiTags('reports')
@Controller('reports')
export class MapReportController {
  constructor(private readonly maps: MapReportService) {}

  @Get('map')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'USD investment by host park and host country, with the pairings between those parks; json, csv, xlsx, or svg (a map drawn on the server, offline)',
    operationId: 'mapReport',
  })
  @ApiDownloadResponse({
    json: MapReportDto,
    downloads: ['csv', 'xlsx', 'svg'],
    description: 'The map report as JSON, or a CSV, XLSX or SVG (map) download (`format`)',
  })
  @ApiProblems(400)
  async map(@Query() query: ReportFilterDto): Promise<MapReportDto | StreamableFile> {
    const report = await this.maps.report(query);
    if (query.format === 'svg') {
      return new StreamableFile(Buffer.from(this.maps.svg(report)), {
        type: SVG_TYPE,
        disposition: downloadName('map-report', 'svg'),
      });
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await this.maps.xlsx(report), {
        type: XLSX_TYPE,
        disposition: downloadName('map-report', 'xlsx'),
      });
    }
    if (query.format !== 'csv') return report;
    return new StreamableFile(this.maps.csv(report), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName('map-report', 'csv'),
    });
  }
}
