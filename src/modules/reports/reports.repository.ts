import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ReportFilterDto, SectorLevel } from './dto/report-query.dto';
import { projectFilterSql } from './report-filter';

/** Length of an ISIC sort key at each level: section C, division C24, group C241, class C2410. */
const SORT_KEY_LENGTH: Record<SectorLevel, number> = {
  section: 1,
  division: 3,
  group: 4,
  class: 5,
};

export interface SectorRow {
  code: string;
  title: string;
  projects: number;
  usd: string;
  jobs_planned: number;
  jobs_actual: number;
}

export interface ProjectTotals {
  projects: number;
  usd: string;
  jobs_planned: number;
  jobs_actual: number;
  without_usd: number;
}

/** Reports in SQL, set-based: nothing is loaded into memory but the result rows. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Each project's USD amount and jobs, split across its sectors by percentage and totalled at
   * the level's ancestor (found by sort-key prefix, an equality join).
   */
  sectors(filter: ReportFilterDto, level: SectorLevel): Promise<SectorRow[]> {
    const params: unknown[] = [];
    const where = projectFilterSql(filter, params);
    params.push(level, SORT_KEY_LENGTH[level]);
    const [levelParam, lengthParam] = [`$${params.length - 1}`, `$${params.length}`];
    return this.db.query<SectorRow[]>(
      `SELECT a.code, a.title,
              count(DISTINCT p.id)::int AS projects,
              coalesce(round(sum(p.amount_usd * ps.percentage / 100), 2), 0)::text AS usd,
              round(coalesce(sum(p.jobs_planned * ps.percentage / 100), 0))::int AS jobs_planned,
              round(coalesce(sum(p.jobs_actual * ps.percentage / 100), 0))::int AS jobs_actual
       FROM registry.project p
       JOIN registry.project_sector ps ON ps.project_id = p.id
       JOIN registry.industry i ON i.code = ps.industry_code
       JOIN registry.industry a ON a.sort_key = left(i.sort_key, ${lengthParam}::int) AND a.level = ${levelParam}
       WHERE ${where}
       GROUP BY a.code, a.title, a.sort_key
       ORDER BY sum(p.amount_usd * ps.percentage / 100) DESC NULLS LAST, a.sort_key`,
      params,
    );
  }

  async totals(filter: ReportFilterDto): Promise<ProjectTotals> {
    const params: unknown[] = [];
    const where = projectFilterSql(filter, params);
    const [row] = await this.db.query<ProjectTotals[]>(
      `SELECT count(*)::int AS projects,
              coalesce(sum(p.amount_usd), 0)::numeric(20,2)::text AS usd,
              coalesce(sum(p.jobs_planned), 0)::int AS jobs_planned,
              coalesce(sum(p.jobs_actual), 0)::int AS jobs_actual,
              count(*) FILTER (WHERE p.amount_usd IS NULL)::int AS without_usd
       FROM registry.project p WHERE ${where}`,
      params,
    );
    return row;
  }
}
