import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { aboutLines } from '../../common/spreadsheet/about-sheet';
import { sumDecimals } from '../../common/text/decimal-sum';
import type { SectorReportQueryDto } from './dto/report-query.dto';
import type { SectorReportDto } from './dto/sector-report.dto';
import type { CountryReportDto, PairingReportDto } from './dto/pairing-country-report.dto';
import type { ReportFilterDto } from './dto/report-query.dto';
import { reportCsv } from './report-csv';
import { reportXlsx } from './report-xlsx';
import type { MoneyLocale } from './money-axis';
import { barChartSvg, heatMapSvg } from './report-svg';
import { appliedFilters, FX_RULE } from './report-filter';
import { ReportsRepository } from './reports.repository';

@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportsRepository) {}

  /** USD and jobs by ISIC sector at one level, with the project list behind each number. */
  async sectors(query: SectorReportQueryDto): Promise<SectorReportDto> {
    const level = query.level ?? 'section';
    const [rows, totals] = await Promise.all([
      this.reports.sectors(query, level),
      this.reports.totals(query),
    ]);
    const filters = appliedFilters(query);
    const totalUsd = Number(totals.usd);
    return {
      meta: {
        level,
        filters,
        generatedAt: new Date().toISOString(),
        fxRule: FX_RULE,
        projectsWithoutUsd: totals.without_usd,
      },
      rows: rows.map((row) => ({
        code: row.code,
        title: row.title,
        projects: row.projects,
        investmentUsd: row.usd,
        jobsPlanned: row.jobs_planned,
        jobsActual: row.jobs_actual,
        share: totalUsd > 0 ? Math.round((Number(row.usd) / totalUsd) * 10000) / 10000 : 0,
        projectsUrl: `/api/v1/projects?${new URLSearchParams({ industry: row.code, ...filters }).toString()}`,
      })),
      totals: {
        projects: totals.projects,
        investmentUsd: totals.usd,
        jobsPlanned: totals.jobs_planned,
        jobsActual: totals.jobs_actual,
      },
    };
  }

  sectorsCsv(report: SectorReportDto): Readable {
    const columns = [
      'code',
      'title',
      'projects',
      'investmentUsd',
      'jobsPlanned',
      'jobsActual',
      'share',
    ];
    const rows = report.rows.map((r) => [
      r.code,
      r.title,
      r.projects,
      r.investmentUsd,
      r.jobsPlanned,
      r.jobsActual,
      r.share,
    ]);
    const t = report.totals;
    rows.push([
      'TOTAL',
      'All sectors',
      t.projects,
      t.investmentUsd,
      t.jobsPlanned,
      t.jobsActual,
      1,
    ]);
    return reportCsv(columns, rows);
  }

  /** Per pairing and per side: parks, projects hosted there, USD, jobs and top sections. */
  async pairings(query: ReportFilterDto): Promise<PairingReportDto> {
    const [sides, totals] = await Promise.all([
      this.reports.pairingSides(query),
      this.reports.totals(query),
    ]);
    const rows = new Map<string, PairingReportDto['rows'][number]>();
    for (const side of sides) {
      const row = rows.get(side.pairing_id) ?? {
        pairingId: side.pairing_id,
        code: side.code,
        name: side.name,
        status: side.status,
        reviewState: side.review_state,
        sides: [],
        projects: 0,
        investmentUsd: '0.00',
        jobsPlanned: 0,
        jobsActual: 0,
      };
      row.sides.push({
        countryCode: side.country_code,
        parks: side.parks,
        projects: side.projects,
        investmentUsd: side.usd,
        jobsPlanned: side.jobs_planned,
        jobsActual: side.jobs_actual,
        topSectors: side.top_sectors,
      });
      row.projects += side.projects;
      row.investmentUsd = sumDecimals([row.investmentUsd, side.usd]);
      row.jobsPlanned += side.jobs_planned;
      row.jobsActual += side.jobs_actual;
      rows.set(side.pairing_id, row);
    }
    return { meta: this.meta(query, totals.without_usd), rows: [...rows.values()] };
  }

  /** Host country by investor home country, and totals by year. */
  async countries(query: ReportFilterDto): Promise<CountryReportDto> {
    const [pairs, years, totals] = await Promise.all([
      this.reports.countryMatrix(query),
      this.reports.byYear(query),
      this.reports.totals(query),
    ]);
    const filters = appliedFilters(query);
    return {
      meta: this.meta(query, totals.without_usd),
      rows: pairs.map((pair) => ({
        hostCountryCode: pair.host_country_code,
        investorCountryCode: pair.investor_country_code,
        projects: pair.projects,
        investmentUsd: pair.usd,
        projectsUrl: `/api/v1/projects?${new URLSearchParams({
          ...filters,
          country: pair.host_country_code,
          ...(pair.investor_country_code ? { investorCountry: pair.investor_country_code } : {}),
        }).toString()}`,
      })),
      years: years.map((y) => ({
        year: y.year,
        projects: y.projects,
        investmentUsd: y.usd,
        jobsPlanned: y.jobs_planned,
        projectsWithoutUsd: y.without_usd,
      })),
    };
  }

  pairingsCsv(report: PairingReportDto): Readable {
    const columns = [
      'pairingCode',
      'pairingName',
      'reviewState',
      'side',
      'parks',
      'projects',
      'investmentUsd',
      'jobsPlanned',
      'jobsActual',
      'topSectors',
    ];
    return reportCsv(
      columns,
      report.rows.flatMap((row) =>
        row.sides.map((side) => [
          row.code,
          row.name,
          row.reviewState,
          side.countryCode,
          side.parks,
          side.projects,
          side.investmentUsd,
          side.jobsPlanned,
          side.jobsActual,
          side.topSectors.map((s) => `${s.code} ${s.title}`).join('; '),
        ]),
      ),
    );
  }

  countriesCsv(report: CountryReportDto): Readable {
    return reportCsv(
      ['hostCountry', 'investorCountry', 'projects', 'investmentUsd'],
      report.rows.map((r) => [
        r.hostCountryCode,
        r.investorCountryCode ?? '',
        r.projects,
        r.investmentUsd,
      ]),
    );
  }

  sectorsXlsx(report: SectorReportDto): Promise<Buffer> {
    const t = report.totals;
    return reportXlsx({
      sheet: `Sectors (${report.meta.level})`,
      columns: [
        { header: 'ISIC code', type: 'text' },
        { header: 'Sector', type: 'text', width: 60 },
        { header: 'Projects', type: 'number' },
        { header: 'Investment (USD)', type: 'number', width: 20 },
        { header: 'Jobs planned', type: 'number' },
        { header: 'Jobs actual', type: 'number' },
        { header: 'Share of USD', type: 'number' },
      ],
      rows: [
        ...report.rows.map((r) => [
          r.code,
          r.title,
          r.projects,
          r.investmentUsd,
          r.jobsPlanned,
          r.jobsActual,
          r.share,
        ]),
        ['TOTAL', 'All sectors', t.projects, t.investmentUsd, t.jobsPlanned, t.jobsActual, 1],
      ],
      about: aboutLines(`Investment by ISIC sector (${report.meta.level})`, report.meta),
    });
  }

  pairingsXlsx(report: PairingReportDto): Promise<Buffer> {
    return reportXlsx({
      sheet: 'Pairings',
      columns: [
        { header: 'Pairing', type: 'text' },
        { header: 'Name', type: 'text', width: 45 },
        { header: 'Review state', type: 'text' },
        { header: 'Side', type: 'text' },
        { header: 'Parks', type: 'number' },
        { header: 'Projects', type: 'number' },
        { header: 'Investment (USD)', type: 'number', width: 20 },
        { header: 'Jobs planned', type: 'number' },
        { header: 'Jobs actual', type: 'number' },
        { header: 'Top sections', type: 'text', width: 60 },
      ],
      rows: report.rows.flatMap((row) =>
        row.sides.map((side) => [
          row.code,
          row.name,
          row.reviewState,
          side.countryCode,
          side.parks,
          side.projects,
          side.investmentUsd,
          side.jobsPlanned,
          side.jobsActual,
          side.topSectors.map((s) => `${s.code} ${s.title}`).join('; '),
        ]),
      ),
      about: aboutLines('Investment by pairing and side', report.meta),
    });
  }

  countriesXlsx(report: CountryReportDto): Promise<Buffer> {
    return reportXlsx({
      sheet: 'Countries',
      columns: [
        { header: 'Host country', type: 'text' },
        { header: 'Investor country', type: 'text' },
        { header: 'Projects', type: 'number' },
        { header: 'Investment (USD)', type: 'number', width: 20 },
      ],
      rows: report.rows.map((r) => [
        r.hostCountryCode,
        r.investorCountryCode ?? '(none)',
        r.projects,
        r.investmentUsd,
      ]),
      about: [
        ...aboutLines('Investment by host and investor country', report.meta),
        ...report.years.map(
          (y) =>
            [
              `Year ${y.year}`,
              `${y.projects} projects, USD ${y.investmentUsd}, ${y.jobsPlanned} jobs planned, ${y.projectsWithoutUsd} without USD`,
            ] as const,
        ),
      ],
    });
  }

  /** `locale` is the language of the money axis labels (the console passes its reader's). */
  sectorsSvg(report: SectorReportDto, locale: MoneyLocale = 'en'): Promise<string> {
    return barChartSvg(
      chartText(`Investment by ISIC ${report.meta.level}, in US dollars`, report.meta),
      report.rows.map((r) => ({ label: `${r.code} ${r.title}`, value: Number(r.investmentUsd) })),
      'Investment (USD)',
      locale,
    );
  }

  pairingsSvg(report: PairingReportDto, locale: MoneyLocale = 'en'): Promise<string> {
    return barChartSvg(
      chartText(
        'Investment by Two Countries Twin Parks pairing and side, in US dollars',
        report.meta,
      ),
      report.rows.flatMap((row) =>
        row.sides.map((side) => ({
          label: `${row.code} · ${side.countryCode}`,
          value: Number(side.investmentUsd),
        })),
      ),
      'Investment in the side’s parks (USD)',
      locale,
    );
  }

  countriesSvg(report: CountryReportDto, locale: MoneyLocale = 'en'): Promise<string> {
    return heatMapSvg(
      chartText('Investment by host country and investor home country, in US dollars', report.meta),
      report.rows.map((r) => ({
        row: r.hostCountryCode,
        column: r.investorCountryCode ?? '(none)',
        value: Number(r.investmentUsd),
      })),
      { row: 'Host country', column: 'Investor home country', value: 'Investment (USD)' },
      locale,
    );
  }

  private meta(query: ReportFilterDto, projectsWithoutUsd: number) {
    return {
      filters: appliedFilters(query),
      generatedAt: new Date().toISOString(),
      fxRule: FX_RULE,
      projectsWithoutUsd,
    };
  }
}

function chartText(
  title: string,
  meta: { filters: Record<string, string>; generatedAt: string; projectsWithoutUsd: number },
) {
  const filters = Object.entries(meta.filters)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return {
    title,
    notes: [
      `Filters: ${filters || 'none'} · generated ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
      `USD at the latest rate on or before each project's reference date; ${meta.projectsWithoutUsd} project(s) without a USD amount not shown.`,
      'Source: Twin-park investment registry',
    ],
  };
}
