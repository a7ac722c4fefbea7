import { Controller, Get, Req, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsoleAccessAs } from '../../auth/console-access';
import { PARK_STATUSES } from '../../parks/park-enums';
import { PROJECT_STAGES } from '../../projects/project-enums';
import {
  ReportFilterDto,
  SECTOR_LEVELS,
  SectorReportQueryDto,
} from '../../reports/dto/report-query.dto';
import { ReportsController } from '../../reports/reports.controller';
import { ReportsService } from '../../reports/reports.service';
import { MapReportController } from '../../reports/map/map-report.controller';
import { MapReportService } from '../../reports/map/map-report.service';
import { ConsoleQueries } from '../console-queries';
import { localeOf, renderPage } from '../console-view';
import { formFields, validateAs } from '../form-input';

const REPORT_TYPES = ['sectors', 'pairings', 'countries', 'map'] as const;
type ReportType = (typeof REPORT_TYPES)[number];

function reportType(value: unknown): ReportType {
  return REPORT_TYPES.find((type) => type === value) ?? 'sectors';
}

/**
 * Reports in the browser: choose type, level and filters, see the table and chart, download
 * CSV, XLSX or SVG. The numbers and files come from the API's own report handlers, called with
 * the query validated by the API's own DTOs.
 */
@Controller('reports')
export class ReportPagesController {
  private readonly api: ReportsController;
  private readonly mapApi: MapReportController;

  constructor(
    private readonly reports: ReportsService,
    private readonly maps: MapReportService,
    private readonly queries: ConsoleQueries,
  ) {
    this.api = new ReportsController(reports);
    this.mapApi = new MapReportController(maps);
  }

  @Get()
  @ConsoleAccessAs(ReportsController, 'sectors')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { type, filters, input } = this.reportQuery(request);
    const query = await this.validate(type, { ...input, format: 'json' });
    const report = query.errors ? null : await this.run(type, query.value);
    const download = (format: string): string =>
      `/reports/download?${new URLSearchParams({ ...filters, type, format }).toString()}`;
    await renderPage(
      request,
      reply,
      'reports/page',
      {
        type,
        types: REPORT_TYPES,
        levels: SECTOR_LEVELS,
        stages: PROJECT_STAGES,
        statuses: PARK_STATUSES,
        countries: await this.queries.partnerCountries(),
        filters,
        report,
        errors: query.errors ?? {},
        chartUrl: `/reports/chart.svg?${new URLSearchParams({ ...filters, type }).toString()}`,
        downloads: { csv: download('csv'), xlsx: download('xlsx'), svg: download('svg') },
      },
      query.errors ? 400 : 200,
    );
  }

  /** The chart on the page and the dashboard: the API's SVG, money axes in the reader's language. */
  @Get('chart.svg')
  @ConsoleAccessAs(ReportsController, 'sectors')
  async chart(@Req() request: FastifyRequest): Promise<StreamableFile> {
    const { type, input } = this.reportQuery(request);
    const query = await this.validOrThrow(type, { ...input, format: 'json' });
    const locale = localeOf(request).locale;
    let svg: string;
    if (type === 'sectors') {
      svg = await this.reports.sectorsSvg(await this.reports.sectors(query), locale);
    } else if (type === 'pairings') {
      svg = await this.reports.pairingsSvg(await this.reports.pairings(query), locale);
    } else if (type === 'map') {
      svg = this.maps.svg(await this.maps.report(query), { locale });
    } else {
      svg = await this.reports.countriesSvg(await this.reports.countries(query), locale);
    }
    return new StreamableFile(Buffer.from(svg), { type: 'image/svg+xml; charset=utf-8' });
  }

  @Get('download')
  @ConsoleAccessAs(ReportsController, 'sectors')
  async file(@Req() request: FastifyRequest): Promise<StreamableFile> {
    const { type, input } = this.reportQuery(request);
    const format = input.format;
    if (format !== 'csv' && format !== 'xlsx' && format !== 'svg') {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'format must be csv, xlsx or svg', {
        errors: [{ path: 'format', message: 'format must be one of csv, xlsx, svg' }],
      });
    }
    return this.download(type, input);
  }

  private reportQuery(request: FastifyRequest): {
    type: ReportType;
    filters: Record<string, string>;
    input: Record<string, string>;
  } {
    const fields = formFields(request.query);
    const type = reportType(fields.type);
    const input: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'type' || name === 'flash') continue;
      if (name === 'level' && type !== 'sectors') continue;
      input[name] = Array.isArray(value) ? value[0] : value;
    }
    const filters = Object.fromEntries(Object.entries(input).filter(([name]) => name !== 'format'));
    return { type, filters, input };
  }

  private validate(type: ReportType, input: Record<string, string>) {
    return type === 'sectors'
      ? validateAs(SectorReportQueryDto, input)
      : validateAs(ReportFilterDto, input);
  }

  private async run(type: ReportType, query: ReportFilterDto): Promise<unknown> {
    if (type === 'sectors') return this.api.sectors(query);
    if (type === 'map') return this.mapApi.map(query);
    return type === 'pairings' ? this.api.pairings(query) : this.api.countries(query);
  }

  private async validOrThrow(
    type: ReportType,
    input: Record<string, string>,
  ): Promise<ReportFilterDto> {
    const query = await this.validate(type, input);
    if (query.errors) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'The report filters are invalid.', {
        errors: Object.entries(query.errors).map(([path, message]) => ({ path, message })),
      });
    }
    return query.value;
  }

  private async download(type: ReportType, input: Record<string, string>): Promise<StreamableFile> {
    const file = await this.run(type, await this.validOrThrow(type, input));
    if (!(file instanceof StreamableFile)) throw new Error('report handler returned no file');
    return file;
  }
}
