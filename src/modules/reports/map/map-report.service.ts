import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { aboutLines } from '../../../common/spreadsheet/about-sheet';
import { sumDecimals } from '../../../common/text/decimal-sum';
import type { Exactness, GeoPoint, Precision } from '../../geography/geo-point';
import { HUB_COUNTRY, pairingLinks } from '../../geography/geojson';
import { BaseMap } from '../../geography/map/base-map';
import { type MapArc, type MapPoint, renderMapSvg } from '../../geography/map/svg-map';
import type { MapPairingDto, MapParkRowDto, MapReportDto } from '../dto/map-report.dto';
import type { ReportFilterDto } from '../dto/report-query.dto';
import { type MoneyLocale, moneyLabel } from '../money-axis';
import { reportCsv } from '../report-csv';
import { appliedFilters, FX_RULE } from '../report-filter';
import { reportXlsx } from '../report-xlsx';
import { ReportsRepository } from '../reports.repository';
import {
  type MapPairingParkRow,
  type MapParkRow,
  MapReportRepository,
} from './map-report.repository';

const STATES = ['approved', 'submitted', 'returned', 'rejected', 'draft'] as const;

/** The words on a map, in the reader's language. */
const WORDS = {
  en: {
    title: 'Investment by host park, in US dollars',
    registryTitle: 'Two Countries Twin Parks: parks and pairings',
    states: {
      approved: 'Pairing approved',
      submitted: 'Pairing awaiting review',
      returned: 'Pairing returned for changes',
      rejected: 'Pairing rejected',
      draft: 'Pairing in draft',
    },
    hub: 'Park in China',
    partner: 'Park in the partner country',
    size: 'Circle area: USD invested in the park’s projects',
    largest: 'largest',
    filters: 'Filters',
    none: 'none',
    generated: 'generated',
    fx: 'USD at the latest rate on or before each project’s reference date; projects without a USD amount add nothing.',
    unlocated: (n: number) => `${n} park(s) without a location are listed in the table, not drawn.`,
    approximate:
      'Approximate points (a town or province, not the site) are as the registry records them.',
    country: (code: string, usd: string, projects: number) =>
      `${code}: ${usd} in ${projects} project(s)`,
    parkName: (row: MapParkRowDto, usd: string) =>
      `${row.name} (${row.code}, ${row.countryCode}): ${usd}, ${row.projects} project(s)${row.location?.exactness === 'approximate' ? ', approximate location' : ''}`,
    pairingName: (pairing: MapPairingDto, from: string, to: string, state: string) =>
      `${pairing.name} (${pairing.code}): ${from} to ${to}, ${state}`,
  },
  zh: {
    title: '各园区吸引投资（美元）',
    registryTitle: '两国双园：园区与结对',
    states: {
      approved: '结对已批准',
      submitted: '结对待审核',
      returned: '结对已退回修改',
      rejected: '结对已拒绝',
      draft: '结对草稿',
    },
    hub: '中方园区',
    partner: '合作国园区',
    size: '圆面积：园区项目投资额（美元）',
    largest: '最大',
    filters: '筛选',
    none: '无',
    generated: '生成于',
    fx: '美元金额按各项目参考日期当日或之前的最新汇率折算；无美元金额的项目不计入。',
    unlocated: (n: number) => `${n} 个园区无位置，仅列于表中，未在图上标出。`,
    approximate: '近似位置（城镇或省份，而非园区本身）按登记记录标出。',
    country: (code: string, usd: string, projects: number) => `${code}：${usd}，${projects} 个项目`,
    parkName: (row: MapParkRowDto, usd: string) =>
      `${row.nameZh ?? row.name}（${row.code}，${row.countryCode}）：${usd}，${row.projects} 个项目${row.location?.exactness === 'approximate' ? '，近似位置' : ''}`,
    pairingName: (pairing: MapPairingDto, from: string, to: string, state: string) =>
      `${pairing.name}（${pairing.code}）：${from} 至 ${to}，${state}`,
  },
} as const;

export interface MapDrawOptions {
  readonly locale?: MoneyLocale;
  /** Links from points and arcs (the console's pages); none in a downloaded file. */
  readonly parkHref?: (id: string) => string;
  readonly pairingHref?: (id: string) => string;
  /** The registry map (every park) instead of the investment map. */
  readonly registry?: boolean;
  readonly width?: number;
  readonly minSpan?: number;
}

function toParkRow(row: MapParkRow, filters: Record<string, string>): MapParkRowDto {
  return {
    parkId: row.id,
    code: row.code,
    name: row.name,
    nameZh: row.name_zh,
    countryCode: row.country_code,
    location:
      row.lon === null || row.lat === null
        ? null
        : {
            lon: row.lon,
            lat: row.lat,
            exactness: row.exactness as Exactness | null,
            precision: row.precision as Precision | null,
          },
    projects: row.projects,
    investmentUsd: row.usd,
    jobsPlanned: row.jobs_planned,
    projectsUrl: `/api/v1/projects?${new URLSearchParams({ ...filters, park: row.id }).toString()}`,
  };
}

/** Each pairing with the pairs of parks it links (the hub rule is pairingLinks'). */
function toPairings(rows: readonly MapPairingParkRow[]): MapPairingDto[] {
  const byId = new Map<string, MapPairingParkRow[]>();
  for (const row of rows) byId.set(row.pairing_id, [...(byId.get(row.pairing_id) ?? []), row]);
  return [...byId.values()].map((parks) => {
    const countries = [...new Set(parks.map((p) => p.country_code))];
    const sides = countries.map((countryCode) => ({
      countryCode,
      parks: parks.filter((p) => p.country_code === countryCode).map((p) => ({ id: p.park_id })),
    }));
    return {
      pairingId: parks[0].pairing_id,
      code: parks[0].code,
      name: parks[0].name,
      reviewState: parks[0].review_state,
      links: pairingLinks({ sides }).map(([fromParkId, toParkId]) => ({ fromParkId, toParkId })),
    };
  });
}

/**
 * Investment by host park and host country, as data (JSON, CSV, XLSX) and as a map (SVG) drawn
 * on the server over the shipped base map: parks sized by USD, pairings as arcs by review state.
 */
@Injectable()
export class MapReportService {
  constructor(
    private readonly repository: MapReportRepository,
    private readonly reports: ReportsRepository,
    private readonly baseMap: BaseMap,
  ) {}

  /**
   * `registry`: every live park (the console's map), not only those hosting filtered projects.
   * `parkIds`: only these parks and the parks their pairings link them to (a record page's map).
   */
  async report(
    filter: ReportFilterDto,
    scope: { registry?: boolean; parkIds?: readonly string[] } = {},
  ): Promise<MapReportDto> {
    const filters = appliedFilters(filter);
    let parkIds = scope.parkIds;
    // A record's map: its own pairings only (not its partners' other pairings).
    const linked = parkIds ? await this.repository.pairingParks(parkIds, filter.pairing) : null;
    if (parkIds && linked)
      parkIds = [...new Set([...parkIds, ...linked.map((row) => row.park_id)])];
    const [rows, withoutUsd] = await Promise.all([
      this.repository.parks(filter, scope.registry ?? false, parkIds),
      // The count of projects left out of USD totals is the report's; a record's map has none.
      parkIds ? Promise.resolve(0) : this.reports.totals(filter).then((t) => t.without_usd),
    ]);
    const parks = rows.map((row) => toParkRow(row, filters));
    const pairingRows =
      linked ??
      (await this.repository.pairingParks(
        parks.map((park) => park.parkId),
        filter.pairing,
      ));
    const pairings = toPairings(pairingRows);
    const known = new Set(parks.map((park) => park.parkId));
    const others = [...new Set(pairingRows.map((row) => row.park_id))].filter(
      (id) => !known.has(id),
    );
    const otherParks = (await this.repository.parksById(others)).map((row) =>
      toParkRow(row, filters),
    );
    const countries = new Map<string, MapParkRowDto[]>();
    for (const park of parks) {
      if (park.projects === 0) continue;
      countries.set(park.countryCode, [...(countries.get(park.countryCode) ?? []), park]);
    }
    return {
      meta: {
        filters,
        generatedAt: new Date().toISOString(),
        fxRule: FX_RULE,
        projectsWithoutUsd: withoutUsd,
      },
      parks,
      countries: [...countries.entries()]
        .map(([countryCode, hosted]) => ({
          countryCode,
          parks: hosted.length,
          projects: hosted.reduce((sum, park) => sum + park.projects, 0),
          investmentUsd: sumDecimals(hosted.map((park) => park.investmentUsd)),
          jobsPlanned: hosted.reduce((sum, park) => sum + park.jobsPlanned, 0),
        }))
        .sort(
          (a, b) =>
            Number(b.investmentUsd) - Number(a.investmentUsd) ||
            a.countryCode.localeCompare(b.countryCode),
        ),
      pairings,
      otherParks,
    };
  }

  csv(report: MapReportDto): Readable {
    return reportCsv(
      [
        'parkCode',
        'parkName',
        'country',
        'lon',
        'lat',
        'exactness',
        'precision',
        'projects',
        'investmentUsd',
        'jobsPlanned',
      ],
      report.parks.map((park) => [
        park.code,
        park.name,
        park.countryCode,
        park.location?.lon ?? '',
        park.location?.lat ?? '',
        park.location?.exactness ?? '',
        park.location?.precision ?? '',
        park.projects,
        park.investmentUsd,
        park.jobsPlanned,
      ]),
    );
  }

  xlsx(report: MapReportDto): Promise<Buffer> {
    return reportXlsx({
      sheet: 'Host parks',
      columns: [
        { header: 'Park code', type: 'text' },
        { header: 'Park', type: 'text', width: 40 },
        { header: 'Country', type: 'text' },
        { header: 'Longitude', type: 'number' },
        { header: 'Latitude', type: 'number' },
        { header: 'Exactness', type: 'text' },
        { header: 'Precision', type: 'text' },
        { header: 'Projects', type: 'number' },
        { header: 'Investment (USD)', type: 'number', width: 20 },
        { header: 'Jobs planned', type: 'number' },
      ],
      rows: report.parks.map((park) => [
        park.code,
        park.name,
        park.countryCode,
        park.location?.lon ?? null,
        park.location?.lat ?? null,
        park.location?.exactness ?? '',
        park.location?.precision ?? '',
        park.projects,
        park.investmentUsd,
        park.jobsPlanned,
      ]),
      about: [
        ...aboutLines('Investment by host park and host country', report.meta),
        ...report.countries.map(
          (c) =>
            [
              `Host country ${c.countryCode}`,
              `${c.parks} park(s), ${c.projects} projects, USD ${c.investmentUsd}, ${c.jobsPlanned} jobs planned`,
            ] as const,
        ),
      ],
    });
  }

  /** The report as a map; stable for the same data (the generated time is the only date). */
  svg(report: MapReportDto, options: MapDrawOptions = {}): string {
    const locale = options.locale ?? 'en';
    const words = WORDS[locale];
    const money = (usd: number) => moneyLabel(usd, locale);
    const every = [...report.parks, ...report.otherParks];
    const located = every.filter((park) => park.location);
    const hubParks = new Set(
      every.filter((park) => park.countryCode === HUB_COUNTRY).map((park) => park.parkId),
    );
    const points: MapPoint[] = located.map((park) => ({
      id: park.parkId,
      label: park.code,
      name: words.parkName(park, money(Number(park.investmentUsd))),
      href: options.parkHref?.(park.parkId) ?? null,
      lon: park.location?.lon ?? 0,
      lat: park.location?.lat ?? 0,
      valueUsd: Number(park.investmentUsd),
      hub: hubParks.has(park.parkId),
    }));
    const where = new Map<string, GeoPoint & { code: string }>(
      located.map((park) => [
        park.parkId,
        { lon: park.location?.lon ?? 0, lat: park.location?.lat ?? 0, code: park.code },
      ]),
    );
    const arcs: MapArc[] = report.pairings.flatMap((pairing) =>
      pairing.links.flatMap((link) => {
        const [from, to] = [where.get(link.fromParkId), where.get(link.toParkId)];
        if (!from || !to) return [];
        const state =
          words.states[pairing.reviewState as keyof typeof words.states] ?? pairing.reviewState;
        return [
          {
            id: `${pairing.pairingId}:${link.fromParkId}:${link.toParkId}`,
            name: words.pairingName(pairing, from.code, to.code, state),
            href: options.pairingHref?.(pairing.pairingId) ?? null,
            from,
            to,
            state: pairing.reviewState,
          },
        ];
      }),
    );
    const filters = Object.entries(report.meta.filters)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    const unlocated = every.length - located.length;
    return renderMapSvg(
      this.baseMap.get(),
      points,
      arcs,
      {
        title: options.registry ? words.registryTitle : words.title,
        notes: [
          `${words.filters}: ${filters || words.none} · ${words.generated} ${report.meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
          words.fx,
          ...(located.some((park) => park.location?.exactness === 'approximate')
            ? [words.approximate]
            : []),
          ...(unlocated > 0 ? [words.unlocated(unlocated)] : []),
        ],
        states: STATES.filter((state) =>
          report.pairings.some((pairing) => pairing.reviewState === state),
        ).map((state) => ({ state, label: words.states[state] })),
        hubLabel: words.hub,
        partnerLabel: words.partner,
        sizeLabel: words.size,
        largestLabel: words.largest,
        money,
        summary: report.countries.map((c) =>
          words.country(c.countryCode, money(Number(c.investmentUsd)), c.projects),
        ),
        lang: locale === 'zh' ? 'zh-Hans' : 'en',
      },
      { width: options.width, minSpan: options.minSpan },
    );
  }
}
