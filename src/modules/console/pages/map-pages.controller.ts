import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleAccessAs } from '../../auth/console-access';
import { ReportFilterDto } from '../../reports/dto/report-query.dto';
import { MapReportController } from '../../reports/map/map-report.controller';
import { ConsoleQueries } from '../console-queries';
import { localeOf, renderPage } from '../console-view';
import { formFields, validateAs } from '../form-input';
import { RecordMaps } from '../maps/record-map';

/**
 * The registry on a map: every located park sized by what is invested there, every pairing an
 * arc coloured by its review state, drawn on the server (no tiles, no script), with the same
 * data as tables beside it.
 */
@Controller('map')
export class MapPagesController {
  constructor(
    private readonly maps: RecordMaps,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(MapReportController, 'map')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const fields = formFields(request.query);
    const country =
      typeof fields.country === 'string' && fields.country ? fields.country : undefined;
    const query = await validateAs(ReportFilterDto, country ? { country } : {});
    const map = await this.maps.registry(query.value ?? {}, localeOf(request).locale);
    const filters: Record<string, string> = country && !query.errors ? { country } : {};
    await renderPage(
      request,
      reply,
      'map/page',
      {
        map,
        filters,
        errors: query.errors ?? {},
        countries: await this.queries.partnerCountries(),
        downloads: Object.fromEntries(
          ['svg', 'csv', 'xlsx'].map((format) => [
            format,
            `/reports/download?${new URLSearchParams({ ...filters, type: 'map', format }).toString()}`,
          ]),
        ),
      },
      query.errors ? 400 : 200,
    );
  }
}
