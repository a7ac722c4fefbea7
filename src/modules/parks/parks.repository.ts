import { rowsTouched } from '../../database/rows-touched';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../../common/pagination/like-pattern';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import type { ParkStatus, ZoneType } from './park-enums';
import { ParkIndustryEntity } from './park-industry.entity';
import { ParkEntity } from './park.entity';
import { whereLocated } from '../geography/geo-filter';
import { bumpVersionForLinks, updateAtVersion } from '../../database/update-at-version';
import { INDUSTRY_AND_DESCENDANTS, unknownIndustryCodes } from '../industries/industry-sql';

export interface ParkFilter {
  readonly country?: string;
  readonly industry?: string;
  readonly status?: ParkStatus;
  readonly zoneType?: ZoneType;
  readonly q?: string;
  readonly includeArchived?: boolean;
  readonly bbox?: string;
  readonly near?: string;
  readonly within?: number;
}

/** Column values of a park, as written (no id, version or timestamps). */
export type ParkValues = Omit<
  ParkEntity,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt' | 'country' | 'industries'
>;

export interface IndustryLink {
  readonly code: string;
  readonly primary: boolean;
}

const SORTS: SortSpec<ParkEntity> = {
  keys: {
    code: { sql: 'park.code', value: (p) => p.code },
    name: { sql: 'park.name', value: (p) => p.name },
  },
  tieBreaker: { sql: 'park.id', value: (p) => p.id },
  defaultSort: 'code',
};

/** The expression park_search_idx indexes (see the Parks migration): keep them identical. */
const SEARCH_TEXT = `registry.search_fold(park.code || ' ' || park.name || ' ' || coalesce(park.name_zh, '') || ' ' || coalesce(park.name_local, ''))`;

@Injectable()
export class ParksRepository {
  constructor(
    @InjectRepository(ParkEntity) private readonly parks: Repository<ParkEntity>,
    @InjectRepository(ParkIndustryEntity) private readonly links: Repository<ParkIndustryEntity>,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<ParkEntity | null> {
    return (manager?.getRepository(ParkEntity) ?? this.parks).findOneBy({ id });
  }

  /** Industry links of the given parks with their industries, in one query (no N+1). */
  linksOf(parkIds: readonly string[], manager?: EntityManager): Promise<ParkIndustryEntity[]> {
    if (parkIds.length === 0) return Promise.resolve([]);
    return (manager?.getRepository(ParkIndustryEntity) ?? this.links).find({
      where: { parkId: In([...parkIds]) },
      relations: { industry: true },
    });
  }

  listPage(filter: ParkFilter, page: PageRequest): Promise<Page<ParkEntity>> {
    return keysetPage(this.listQuery(filter), SORTS, page);
  }

  /** The filtered list before ordering and paging (tests EXPLAIN it). */
  listQuery(filter: ParkFilter): SelectQueryBuilder<ParkEntity> {
    const query = this.parks.createQueryBuilder('park');
    if (!filter.includeArchived) query.andWhere('park.archived_at IS NULL');
    if (filter.country) query.andWhere('park.country_code = :country', { country: filter.country });
    if (filter.status) query.andWhere('park.status = :status', { status: filter.status });
    if (filter.zoneType)
      query.andWhere('park.zone_type = :zoneType', { zoneType: filter.zoneType });
    if (filter.industry) {
      // The code and all its ISIC descendants: their sort keys share its sort key as a prefix.
      query.andWhere(
        `park.id IN (
           SELECT pi.park_id FROM registry.park_industry pi
           WHERE pi.industry_code IN (
             ${INDUSTRY_AND_DESCENDANTS}))`,
        { industry: filter.industry },
      );
    }
    if (filter.q) {
      query.andWhere(`${SEARCH_TEXT} LIKE registry.search_fold(:pattern)`, {
        pattern: containsPattern(filter.q),
      });
    }
    whereLocated(query, 'park.location', filter);
    return query;
  }

  /** Whether the park is on a side of a pairing that is neither archived nor terminated. */
  async inLivePairing(parkId: string): Promise<boolean> {
    const rows = await this.parks.query<{ live: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM registry.pairing_park pp JOIN registry.pairing p ON p.id = pp.pairing_id
         WHERE pp.park_id = $1 AND p.archived_at IS NULL AND p.status <> 'terminated') AS live`,
      [parkId],
    );
    return rows[0]?.live === true;
  }

  async hasLiveProjects(parkId: string): Promise<boolean> {
    const rows = await this.parks.query<{ live: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM registry.project WHERE park_id = $1 AND archived_at IS NULL) AS live`,
      [parkId],
    );
    return rows[0]?.live === true;
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    return (await this.parks.findOne({ where: { code }, select: { id: true } }))?.id;
  }

  /** Title and level of the given industries, for links read back from the audit log. */
  async industries(
    codes: readonly string[],
  ): Promise<Map<string, { title: string; level: string }>> {
    if (codes.length === 0) return new Map();
    const rows = await this.parks.query<{ code: string; title: string; level: string }[]>(
      `SELECT code, title, level FROM registry.industry WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** ISIC codes among `codes` that do not exist. */
  unknownIndustries(codes: readonly string[]): Promise<Set<string>> {
    return unknownIndustryCodes(this.parks.manager, codes);
  }

  async insert(manager: EntityManager, values: ParkValues): Promise<string> {
    const { identifiers } = await manager
      .getRepository(ParkEntity)
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning('id')
      .execute();
    return String(identifiers[0]?.id);
  }

  /** Applies the changes (and bumps the version) only if the park is still at `version`. */
  updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<ParkValues> & { archivedAt?: () => string },
  ): Promise<boolean> {
    return updateAtVersion(manager, ParkEntity, id, version, changes);
  }

  /** Bumps the version after a change to the links alone (see bumpVersionForLinks). */
  bumpVersionForLinks(manager: EntityManager, id: string, versionBefore: number): Promise<void> {
    return bumpVersionForLinks(manager, ParkEntity, id, versionBefore);
  }

  /**
   * Makes the park's industry links exactly `links`, touching only what differs, so the audit
   * log shows which links were added, removed or re-flagged (and unchanged links keep their id).
   */
  async replaceIndustries(
    manager: EntityManager,
    parkId: string,
    links: readonly IndustryLink[],
  ): Promise<boolean> {
    const codes = links.map((link) => link.code);
    const primary = links.find((link) => link.primary)?.code ?? null;
    const removed = await rowsTouched(
      manager,
      `DELETE FROM registry.park_industry WHERE park_id = $1 AND industry_code <> ALL($2::text[])`,
      [parkId, codes],
    );
    // Clear the old primary first: the one-primary index is checked row by row.
    const demoted = await rowsTouched(
      manager,
      `UPDATE registry.park_industry SET is_primary = false
       WHERE park_id = $1 AND is_primary AND industry_code IS DISTINCT FROM $2`,
      [parkId, primary],
    );
    if (links.length === 0) return removed + demoted > 0;
    const written = await rowsTouched(
      manager,
      `INSERT INTO registry.park_industry (park_id, industry_code, is_primary)
       SELECT $1, code, coalesce(code = $3, false) FROM unnest($2::text[]) AS c(code)
       ON CONFLICT (park_id, industry_code) DO UPDATE SET is_primary = EXCLUDED.is_primary
       WHERE park_industry.is_primary IS DISTINCT FROM EXCLUDED.is_primary
       RETURNING 1`,
      [parkId, codes, primary],
    );
    return removed + demoted + written > 0;
  }
}
