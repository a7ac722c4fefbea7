import { rowsTouched } from '../../database/rows-touched';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../../common/pagination/like-pattern';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import type { InvestorRole, ProjectStage, ProjectType } from './project-enums';
import { geoCondition } from '../geography/geo-filter';
import { ProjectEntity } from './project.entity';
import { bumpVersionForLinks, updateAtVersion } from '../../database/update-at-version';
import { INDUSTRY_AND_DESCENDANTS, unknownIndustryCodes } from '../industries/industry-sql';

export interface ProjectFilter {
  readonly country?: string;
  readonly park?: string;
  readonly pairing?: string;
  readonly industry?: string;
  readonly stage?: ProjectStage;
  readonly type?: ProjectType;
  readonly investor?: string;
  readonly investorCountry?: string;
  readonly from?: string;
  readonly to?: string;
  readonly minUsd?: string;
  readonly maxUsd?: string;
  readonly q?: string;
  readonly includeArchived?: boolean;
  readonly bbox?: string;
  readonly near?: string;
  readonly within?: number;
}

export type ProjectValues = Omit<
  ProjectEntity,
  | 'id'
  | 'ref'
  | 'referenceDate'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'archivedAt'
  | 'park'
  | 'hostCountry'
  | 'pairing'
  | 'currency'
  | 'amountUsd'
  | 'usdRateDate'
>;

export interface SectorLink {
  readonly code: string;
  /** Two decimals, as a string. */
  readonly percentage: string;
}

export interface InvestorLink {
  readonly investorId: string;
  readonly role: InvestorRole;
  readonly sharePct: string | null;
}

export interface SectorRow {
  readonly projectId: string;
  readonly code: string;
  readonly title: string;
  readonly percentage: string;
}

export interface InvestorRow {
  readonly projectId: string;
  readonly investorId: string;
  readonly name: string;
  readonly countryCode: string;
  readonly role: InvestorRole;
  readonly sharePct: string | null;
}

/** An amount to price: the investment and the date whose rate applies. */
export interface MoneyInput {
  readonly key: string;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly referenceDate: string;
}

export interface MoneyRow {
  readonly key: string;
  /** The amount rounded to the currency's minor units. */
  readonly amount: string | null;
  readonly amountUsd: string | null;
  readonly usdPerUnit: string | null;
  readonly rateDate: string | null;
  readonly source: string | null;
}

const SORTS: SortSpec<ProjectEntity> = {
  keys: {
    ref: { sql: 'project.ref', value: (p) => p.ref },
    title: { sql: 'project.title', value: (p) => p.title },
    referenceDate: { sql: 'project.reference_date', value: (p) => p.referenceDate },
  },
  tieBreaker: { sql: 'project.id', value: (p) => p.id },
  defaultSort: 'ref',
};

/** The expression project_search_idx indexes (see the Projects migration). */
const SEARCH_TEXT = `registry.search_fold(project.title || ' ' || coalesce(project.description, ''))`;

@Injectable()
export class ProjectsRepository {
  constructor(
    @InjectRepository(ProjectEntity) private readonly projects: Repository<ProjectEntity>,
  ) {}

  findById(id: string): Promise<ProjectEntity | null> {
    return this.projects.findOneBy({ id });
  }

  listPage(filter: ProjectFilter, page: PageRequest): Promise<Page<ProjectEntity>> {
    return keysetPage(this.listQuery(filter), SORTS, page);
  }

  /** The filtered list before ordering and paging (benchmarks and tests run it directly). */
  listQuery(filter: ProjectFilter): SelectQueryBuilder<ProjectEntity> {
    const query = this.projects.createQueryBuilder('project');
    if (!filter.includeArchived) query.andWhere('project.archived_at IS NULL');
    if (filter.country)
      query.andWhere('project.host_country_code = :country', { country: filter.country });
    if (filter.park) query.andWhere('project.park_id = :park', { park: filter.park });
    if (filter.pairing)
      query.andWhere('project.pairing_id = :pairing', { pairing: filter.pairing });
    if (filter.stage) query.andWhere('project.stage = :stage', { stage: filter.stage });
    if (filter.type) query.andWhere('project.type = :type', { type: filter.type });
    if (filter.from) query.andWhere('project.reference_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('project.reference_date <= :to', { to: filter.to });
    if (filter.industry) {
      query.andWhere(
        `project.id IN (SELECT ps.project_id FROM registry.project_sector ps
                        WHERE ps.industry_code IN (${INDUSTRY_AND_DESCENDANTS}))`,
        { industry: filter.industry },
      );
    }
    if (filter.investor) {
      query.andWhere(
        'project.id IN (SELECT pi.project_id FROM registry.project_investor pi WHERE pi.investor_id = :investor)',
        { investor: filter.investor },
      );
    }
    if (filter.investorCountry) {
      query.andWhere(
        `project.id IN (SELECT pi.project_id FROM registry.project_investor pi
                        JOIN registry.investor i ON i.id = pi.investor_id
                        WHERE i.country_code = :investorCountry)`,
        { investorCountry: filter.investorCountry },
      );
    }
    // amount_usd is kept by the database (see the ProjectUsdAmounts migration) and indexed.
    if (filter.minUsd) {
      query.andWhere('project.amount_usd >= :minUsd::numeric', { minUsd: filter.minUsd });
    }
    if (filter.maxUsd) {
      query.andWhere('project.amount_usd <= :maxUsd::numeric', { maxUsd: filter.maxUsd });
    }
    if (filter.q) {
      query.andWhere(
        `(${SEARCH_TEXT} LIKE registry.search_fold(:pattern)
          OR project.id IN (SELECT pi.project_id FROM registry.project_investor pi
                            JOIN registry.investor i ON i.id = pi.investor_id
                            WHERE registry.search_fold(i.name || ' ' || coalesce(i.name_zh, '') || ' ' || coalesce(i.name_local, ''))
                                  LIKE registry.search_fold(:pattern)))`,
        { pattern: containsPattern(filter.q) },
      );
    }
    // At its own point, or (without one) at its park's. The parks in the place are found once
    // (an InitPlan over park_location_idx); ANY(ARRAY(...)) keeps both sides of the OR indexable.
    const own = geoCondition('project.location', filter);
    const atPark = geoCondition('k.location', filter);
    if (own && atPark) {
      query.andWhere(
        `((${own.sql}) OR (project.location IS NULL AND project.park_id = ANY(ARRAY(
            SELECT k.id FROM registry.park k WHERE ${atPark.sql}))))`,
        { ...own.params, ...atPark.params },
      );
    }
    return query;
  }

  sectorsOf(ids: readonly string[]): Promise<SectorRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.projects.query<SectorRow[]>(
      `SELECT ps.project_id AS "projectId", ps.industry_code AS code, i.title, ps.percentage::text AS percentage
       FROM registry.project_sector ps JOIN registry.industry i ON i.code = ps.industry_code
       WHERE ps.project_id = ANY($1::uuid[])
       ORDER BY ps.percentage DESC, i.sort_key`,
      [ids],
    );
  }

  investorsOf(ids: readonly string[]): Promise<InvestorRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.projects.query<InvestorRow[]>(
      `SELECT pi.project_id AS "projectId", pi.investor_id AS "investorId", i.name,
              i.country_code AS "countryCode", pi.role, pi.share_pct::text AS "sharePct"
       FROM registry.project_investor pi JOIN registry.investor i ON i.id = pi.investor_id
       WHERE pi.project_id = ANY($1::uuid[])
       ORDER BY array_position(ARRAY['lead','partner','developer','operator','lender'], pi.role), i.name`,
      [ids],
    );
  }

  /** Industry titles and investor names for links read back from the audit log. */
  async industryTitles(codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.projects.query<{ code: string; title: string }[]>(
      `SELECT code, title FROM registry.industry WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.title]));
  }

  async investorNames(
    ids: readonly string[],
  ): Promise<Map<string, { name: string; countryCode: string }>> {
    const rows = await this.projects.query<{ id: string; name: string; country_code: string }[]>(
      `SELECT id, name, country_code FROM registry.investor WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { name: row.name, countryCode: row.country_code }]));
  }

  /** Display amounts and USD amounts for many investments in one query. */
  async money(inputs: readonly MoneyInput[]): Promise<Map<string, MoneyRow>> {
    if (inputs.length === 0) return new Map();
    const rows = await this.projects.query<MoneyRow[]>(
      `SELECT x.key, round(x.amount, c.minor_units)::text AS amount,
              CASE WHEN x.currency = 'USD' THEN round(x.amount, 2)
                   ELSE round(x.amount * fx.usd_per_unit, 2) END::text AS "amountUsd",
              rtrim(rtrim(fx.usd_per_unit::text, '0'), '.') AS "usdPerUnit",
              fx.rate_date::text AS "rateDate", fx.source
       FROM unnest($1::text[], $2::numeric[], $3::char(3)[], $4::date[]) AS x(key, amount, currency, ref_date)
       LEFT JOIN registry.currency c ON c.code = x.currency
       LEFT JOIN LATERAL (
         SELECT r.usd_per_unit, r.rate_date, r.source FROM registry.fx_rate r
         WHERE r.currency_code = x.currency AND r.rate_date <= x.ref_date
         ORDER BY r.rate_date DESC LIMIT 1
       ) fx ON x.amount IS NOT NULL`,
      [
        inputs.map((i) => i.key),
        inputs.map((i) => i.amount),
        inputs.map((i) => i.currency),
        inputs.map((i) => i.referenceDate),
      ],
    );
    return new Map(rows.map((row) => [row.key, row]));
  }

  async parkCodes(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.projects.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM registry.park WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, row.code]));
  }

  async park(id: string): Promise<{ code: string; countryCode: string; archived: boolean } | null> {
    const rows = await this.projects.query<
      { code: string; country_code: string; archived: boolean }[]
    >(
      `SELECT code, country_code, archived_at IS NOT NULL AS archived FROM registry.park WHERE id = $1`,
      [id],
    );
    return rows[0]
      ? { code: rows[0].code, countryCode: rows[0].country_code, archived: rows[0].archived }
      : null;
  }

  /** null: no such pairing; otherwise whether it is archived and whether it has the park. */
  async pairingWithPark(
    pairingId: string,
    parkId: string,
  ): Promise<{ archived: boolean; hasPark: boolean } | null> {
    const rows = await this.projects.query<{ archived: boolean; has_park: boolean }[]>(
      `SELECT p.archived_at IS NOT NULL AS archived,
              EXISTS (SELECT 1 FROM registry.pairing_park pp WHERE pp.pairing_id = p.id AND pp.park_id = $2) AS has_park
       FROM registry.pairing p WHERE p.id = $1`,
      [pairingId, parkId],
    );
    return rows[0] ? { archived: rows[0].archived, hasPark: rows[0].has_park } : null;
  }

  async unknownIndustries(codes: readonly string[]): Promise<Set<string>> {
    return unknownIndustryCodes(this.projects.manager, codes);
  }

  /** Which of the investors exist and are live. */
  async liveInvestors(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.projects.query<{ id: string }[]>(
      `SELECT id FROM registry.investor WHERE id = ANY($1::uuid[]) AND archived_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async currencyExists(code: string): Promise<boolean> {
    const rows = await this.projects.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM registry.currency WHERE code = $1) AS found`,
      [code],
    );
    return rows[0]?.found === true;
  }

  /**
   * The next public reference for a park and year. The counter row is locked by the upsert
   * until the transaction ends, so concurrent creates in one park queue for their numbers.
   */
  async nextRef(
    manager: EntityManager,
    parkId: string,
    parkCode: string,
    year: number,
  ): Promise<string> {
    const rows = await manager.query<{ last: number }[]>(
      `INSERT INTO infra.project_ref_counter (park_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (park_id, year) DO UPDATE SET last = project_ref_counter.last + 1
       RETURNING last`,
      [parkId, year],
    );
    return `${parkCode}-${year}-${String(rows[0].last).padStart(4, '0')}`;
  }

  async insert(manager: EntityManager, values: ProjectValues & { ref: string }): Promise<string> {
    const { identifiers } = await manager
      .getRepository(ProjectEntity)
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning('id')
      .execute();
    return String(identifiers[0]?.id);
  }

  updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<ProjectValues> & { archivedAt?: () => string },
  ): Promise<boolean> {
    return updateAtVersion(manager, ProjectEntity, id, version, changes);
  }

  /** Bumps the version after a change to the links alone (see bumpVersionForLinks). */
  bumpVersionForLinks(manager: EntityManager, id: string, versionBefore: number): Promise<void> {
    return bumpVersionForLinks(manager, ProjectEntity, id, versionBefore);
  }

  /** Makes the sectors exactly `sectors`, touching only rows that differ (audit-friendly). */
  async replaceSectors(
    manager: EntityManager,
    projectId: string,
    sectors: readonly SectorLink[],
  ): Promise<boolean> {
    const removed = await rowsTouched(
      manager,
      `DELETE FROM registry.project_sector WHERE project_id = $1 AND industry_code <> ALL($2::text[])`,
      [projectId, sectors.map((s) => s.code)],
    );
    const written = await rowsTouched(
      manager,
      `INSERT INTO registry.project_sector (project_id, industry_code, percentage)
       SELECT $1, s.code, s.percentage FROM unnest($2::text[], $3::numeric[]) AS s(code, percentage)
       ON CONFLICT (project_id, industry_code) DO UPDATE SET percentage = EXCLUDED.percentage
       WHERE project_sector.percentage IS DISTINCT FROM EXCLUDED.percentage
       RETURNING 1`,
      [projectId, sectors.map((s) => s.code), sectors.map((s) => s.percentage)],
    );
    return removed + written > 0;
  }

  async replaceInvestors(
    manager: EntityManager,
    projectId: string,
    investors: readonly InvestorLink[],
  ): Promise<boolean> {
    const removed = await rowsTouched(
      manager,
      `DELETE FROM registry.project_investor WHERE project_id = $1 AND investor_id <> ALL($2::uuid[])`,
      [projectId, investors.map((i) => i.investorId)],
    );
    const written = await rowsTouched(
      manager,
      `INSERT INTO registry.project_investor (project_id, investor_id, role, share_pct)
       SELECT $1, i.investor_id, i.role, i.share_pct
       FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS i(investor_id, role, share_pct)
       ON CONFLICT (project_id, investor_id) DO UPDATE SET role = EXCLUDED.role, share_pct = EXCLUDED.share_pct
       WHERE (project_investor.role, project_investor.share_pct) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.share_pct)
       RETURNING 1`,
      [
        projectId,
        investors.map((i) => i.investorId),
        investors.map((i) => i.role),
        investors.map((i) => i.sharePct),
      ],
    );
    return removed + written > 0;
  }
}
