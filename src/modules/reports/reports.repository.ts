import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPORTS_DATA_SOURCE } from '../../database/reports-data-source';
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

export interface PairingSideRow {
  pairing_id: string;
  code: string;
  name: string;
  status: string;
  review_state: string;
  country_code: string;
  parks: number;
  projects: number;
  usd: string;
  jobs_planned: number;
  jobs_actual: number;
  top_sectors: { code: string; title: string; investmentUsd: string }[];
}

export interface CountryPairRow {
  host_country_code: string;
  investor_country_code: string | null;
  projects: number;
  usd: string;
}

export interface YearRow {
  year: number;
  projects: number;
  usd: string;
  jobs_planned: number;
  without_usd: number;
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
  constructor(@InjectDataSource(REPORTS_DATA_SOURCE) private readonly db: DataSource) {}

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
              coalesce(round(sum(p.amount_usd * ps.percentage / 100), 2), 0)::numeric(20,2)::text AS usd,
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

  /**
   * Each side of each live pairing: its parks, and the projects hosted in them (that match the
   * filters) with their USD, jobs and top three sections by USD.
   */
  pairingSides(filter: ReportFilterDto): Promise<PairingSideRow[]> {
    const params: unknown[] = [];
    const where = projectFilterSql(filter, params);
    return this.db.query<PairingSideRow[]>(
      `WITH sides AS (
         SELECT pr.id AS pairing_id, pr.code, pr.name, pr.status, pr.review_state, pp.country_code,
                array_agg(pp.park_id) AS park_ids
         FROM registry.pairing pr JOIN registry.pairing_park pp ON pp.pairing_id = pr.id
         WHERE pr.archived_at IS NULL
         GROUP BY pr.id, pp.country_code
       ),
       side_projects AS (
         SELECT s.pairing_id, s.country_code, p.id, p.amount_usd, p.jobs_planned, p.jobs_actual
         FROM sides s JOIN registry.project p ON p.park_id = ANY(s.park_ids)
         WHERE ${where}
       ),
       side_sections AS (
         SELECT sp.pairing_id, sp.country_code, a.code, a.title,
                round(sum(sp.amount_usd * ps.percentage / 100), 2) AS usd,
                row_number() OVER (PARTITION BY sp.pairing_id, sp.country_code
                                   ORDER BY sum(sp.amount_usd * ps.percentage / 100) DESC NULLS LAST, a.code) AS rank
         FROM side_projects sp
         JOIN registry.project_sector ps ON ps.project_id = sp.id
         JOIN registry.industry i ON i.code = ps.industry_code
         JOIN registry.industry a ON a.code = i.section
         GROUP BY sp.pairing_id, sp.country_code, a.code, a.title
       )
       SELECT s.pairing_id, s.code, s.name, s.status, s.review_state, s.country_code,
              cardinality(s.park_ids)::int AS parks,
              count(sp.id)::int AS projects,
              coalesce(sum(sp.amount_usd), 0)::numeric(20,2)::text AS usd,
              coalesce(sum(sp.jobs_planned), 0)::int AS jobs_planned,
              coalesce(sum(sp.jobs_actual), 0)::int AS jobs_actual,
              coalesce((SELECT json_agg(json_build_object('code', ss.code, 'title', ss.title,
                                                          'investmentUsd', coalesce(ss.usd, 0)::numeric(20,2)::text) ORDER BY ss.rank)
                        FROM side_sections ss
                        WHERE ss.pairing_id = s.pairing_id AND ss.country_code = s.country_code AND ss.rank <= 3), '[]') AS top_sectors
       FROM sides s LEFT JOIN side_projects sp ON sp.pairing_id = s.pairing_id AND sp.country_code = s.country_code
       GROUP BY s.pairing_id, s.code, s.name, s.status, s.review_state, s.country_code, s.park_ids
       ORDER BY s.code, s.country_code`,
      params,
    );
  }

  /**
   * Host country by investor home country: a project's USD is split across its investors'
   * countries by their shares when those sum to 100, else equally; projects without investors
   * count under no investor country.
   */
  countryMatrix(filter: ReportFilterDto): Promise<CountryPairRow[]> {
    const params: unknown[] = [];
    const where = projectFilterSql(filter, params);
    return this.db.query<CountryPairRow[]>(
      `WITH f AS (SELECT p.id, p.host_country_code, p.amount_usd FROM registry.project p WHERE ${where}),
       weights AS (
         SELECT f.id, i.country_code,
                CASE WHEN sum(pi.share_pct) OVER (PARTITION BY f.id) = 100
                          AND count(pi.share_pct) OVER (PARTITION BY f.id) = count(*) OVER (PARTITION BY f.id)
                     THEN pi.share_pct / 100
                     ELSE 1.0 / count(*) OVER (PARTITION BY f.id) END AS weight
         FROM f JOIN registry.project_investor pi ON pi.project_id = f.id
         JOIN registry.investor i ON i.id = pi.investor_id
       ),
       split AS (
         SELECT f.host_country_code, w.country_code AS investor_country_code, f.id,
                f.amount_usd * coalesce(w.weight, 1) AS usd
         FROM f LEFT JOIN weights w ON w.id = f.id
       )
       SELECT host_country_code, investor_country_code, count(DISTINCT id)::int AS projects,
              coalesce(round(sum(usd), 2), 0)::numeric(20,2)::text AS usd
       FROM split GROUP BY host_country_code, investor_country_code
       ORDER BY host_country_code, sum(usd) DESC NULLS LAST, investor_country_code`,
      params,
    );
  }

  /** Totals by year of the reference date. */
  byYear(filter: ReportFilterDto): Promise<YearRow[]> {
    const params: unknown[] = [];
    const where = projectFilterSql(filter, params);
    return this.db.query<YearRow[]>(
      `SELECT extract(year FROM p.reference_date)::int AS year, count(*)::int AS projects,
              coalesce(sum(p.amount_usd), 0)::numeric(20,2)::text AS usd,
              coalesce(sum(p.jobs_planned), 0)::int AS jobs_planned,
              count(*) FILTER (WHERE p.amount_usd IS NULL)::int AS without_usd
       FROM registry.project p WHERE ${where}
       GROUP BY 1 ORDER BY 1`,
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
