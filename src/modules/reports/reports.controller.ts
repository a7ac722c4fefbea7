import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDownloadResponse } from '../../common/openapi/api-download-response.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { ReportFilterDto, SectorReportQueryDto } from './dto/report-query.dto';
import { CountryReportDto, PairingReportDto } from './dto/pairing-country-report.dto';
import { SectorReportDto } from './dto/sector-report.dto';
import { downloadName } from './report-csv';
import { XLSX_TYPE } from './report-xlsx';
import { SVG_TYPE } from './report-svg';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('sectors')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'USD investment and jobs by ISIC sector (section, division, group or class), split by sector percentages; json, csv, xlsx or svg',
    operationId: 'sectorReport',
  })
  @ApiDownloadResponse({
    json: SectorReportDto,
    downloads: ['csv', 'xlsx', 'svg'],
    description: 'The sector report as JSON, or a CSV, XLSX or SVG download (`format`)',
  })
  @ApiProblems(400)
  async sectors(@Query() query: SectorReportQueryDto): Promise<SectorReportDto | StreamableFile> {
    const report = await this.reports.sectors(query);
    const name = `sector-report-${report.meta.level}`;
    if (query.format === 'svg') {
      return new StreamableFile(Buffer.from(await this.reports.sectorsSvg(report)), {
        type: SVG_TYPE,
        disposition: downloadName(name, 'svg'),
      });
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await this.reports.sectorsXlsx(report), {
        type: XLSX_TYPE,
        disposition: downloadName(name, 'xlsx'),
      });
    }
    if (query.format !== 'csv') return report;
    return new StreamableFile(this.reports.sectorsCsv(report), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName(`sector-report-${report.meta.level}`, 'csv'),
    });
  }

  @Get('pairings')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'Per pairing and per side: parks, projects hosted there, USD, jobs and top sections; json, csv, xlsx or svg',
    operationId: 'pairingReport',
  })
  @ApiDownloadResponse({
    json: PairingReportDto,
    downloads: ['csv', 'xlsx', 'svg'],
    description: 'The pairing report as JSON, or a CSV, XLSX or SVG download (`format`)',
  })
  @ApiProblems(400)
  async pairings(@Query() query: ReportFilterDto): Promise<PairingReportDto | StreamableFile> {
    const report = await this.reports.pairings(query);
    if (query.format === 'svg') {
      return new StreamableFile(Buffer.from(await this.reports.pairingsSvg(report)), {
        type: SVG_TYPE,
        disposition: downloadName('pairing-report', 'svg'),
      });
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await this.reports.pairingsXlsx(report), {
        type: XLSX_TYPE,
        disposition: downloadName('pairing-report', 'xlsx'),
      });
    }
    if (query.format !== 'csv') return report;
    return new StreamableFile(this.reports.pairingsCsv(report), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName('pairing-report', 'csv'),
    });
  }

  @Get('countries')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Host country by investor home country, and totals by year; json, csv, xlsx or svg',
    operationId: 'countryReport',
  })
  @ApiDownloadResponse({
    json: CountryReportDto,
    downloads: ['csv', 'xlsx', 'svg'],
    description: 'The country report as JSON, or a CSV, XLSX or SVG download (`format`)',
  })
  @ApiProblems(400)
  async countries(@Query() query: ReportFilterDto): Promise<CountryReportDto | StreamableFile> {
    const report = await this.reports.countries(query);
    if (query.format === 'svg') {
      return new StreamableFile(Buffer.from(await this.reports.countriesSvg(report)), {
        type: SVG_TYPE,
        disposition: downloadName('country-report', 'svg'),
      });
    }
    if (query.format === 'xlsx') {
      return new StreamableFile(await this.reports.countriesXlsx(report), {
        type: XLSX_TYPE,
        disposition: downloadName('country-report', 'xlsx'),
      });
    }
    if (query.format !== 'csv') return report;
    return new StreamableFile(this.reports.countriesCsv(report), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName('country-report', 'csv'),
    });
  }
}
