import { Injectable } from '@nestjs/common';
import type { MapReportDto } from '../../reports/dto/map-report.dto';
import type { ReportFilterDto } from '../../reports/dto/report-query.dto';
import { type MapDrawOptions, MapReportService } from '../../reports/map/map-report.service';
import type { MoneyLocale } from '../../reports/money-axis';

/** A map for a page: the SVG to put inline (links into the console) and the data behind it. */
export interface ConsoleMap {
  readonly svg: string | null;
  readonly report: MapReportDto;
}

/** Console links from the map's points and arcs. */
const LINKS: Pick<MapDrawOptions, 'parkHref' | 'pairingHref'> = {
  parkHref: (id) => `/parks/${id}`,
  pairingHref: (id) => `/pairings/${id}`,
};

/**
 * The maps on console pages, from the same report the API answers at /reports/map: the whole
 * registry, or one park or pairing with the parks its pairings link it to.
 */
@Injectable()
export class RecordMaps {
  constructor(private readonly maps: MapReportService) {}

  async registry(filter: ReportFilterDto, locale: MoneyLocale): Promise<ConsoleMap> {
    const report = await this.maps.report(filter, { registry: true });
    return { report, svg: this.draw(report, locale, { registry: true }) };
  }

  async around(
    parkIds: readonly string[],
    locale: MoneyLocale,
    pairingId?: string,
  ): Promise<ConsoleMap> {
    const report = await this.maps.report(pairingId ? { pairing: pairingId } : {}, {
      registry: true,
      parkIds,
    });
    return { report, svg: this.draw(report, locale, { registry: true, width: 720, minSpan: 3 }) };
  }

  /** Null when nothing on it has a location: the page says so instead of an empty sea. */
  private draw(report: MapReportDto, locale: MoneyLocale, options: MapDrawOptions): string | null {
    const located = [...report.parks, ...report.otherParks].some((park) => park.location);
    return located ? this.maps.svg(report, { ...options, ...LINKS, locale }) : null;
  }
}
