import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { SectorReportQueryDto } from './dto/report-query.dto';
import type { SectorReportDto } from './dto/sector-report.dto';
import { reportCsv } from './report-csv';
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
}
