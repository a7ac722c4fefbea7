import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { containsPattern } from '../../common/pagination/like-pattern';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import type { InvestorType } from './investor-enums';
import { InvestorEntity } from './investor.entity';
import { updateAtVersion } from '../../database/update-at-version';

export interface InvestorFilter {
  readonly country?: string;
  readonly type?: InvestorType;
  readonly q?: string;
  readonly includeArchived?: boolean;
}

export type InvestorValues = Omit<
  InvestorEntity,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt' | 'country'
>;

const SORTS: SortSpec<InvestorEntity> = {
  keys: { name: { sql: 'investor.name', value: (i) => i.name } },
  tieBreaker: { sql: 'investor.id', value: (i) => i.id },
  defaultSort: 'name',
};

/** The expression investor_search_idx indexes (see the Investors migration). */
const SEARCH_TEXT = `registry.search_fold(investor.name || ' ' || coalesce(investor.name_zh, '') || ' ' || coalesce(investor.name_local, ''))`;

@Injectable()
export class InvestorsRepository {
  constructor(
    @InjectRepository(InvestorEntity) private readonly investors: Repository<InvestorEntity>,
  ) {}

  findById(id: string): Promise<InvestorEntity | null> {
    return this.investors.findOneBy({ id });
  }

  /** The live investor with the same normalised name in the country (the duplicate rule). */
  async findLiveByNameKey(countryCode: string, name: string): Promise<string | null> {
    const rows = await this.investors.query<{ id: string }[]>(
      `SELECT id FROM registry.investor
       WHERE country_code = $1 AND registry.org_name_key(name) = registry.org_name_key($2)
         AND archived_at IS NULL`,
      [countryCode, name],
    );
    return rows[0]?.id ?? null;
  }

  async hasLiveProjects(investorId: string): Promise<boolean> {
    const rows = await this.investors.query<{ live: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM registry.project_investor pi JOIN registry.project p ON p.id = pi.project_id
         WHERE pi.investor_id = $1 AND p.archived_at IS NULL) AS live`,
      [investorId],
    );
    return rows[0]?.live === true;
  }

  listPage(filter: InvestorFilter, page: PageRequest): Promise<Page<InvestorEntity>> {
    const query = this.investors.createQueryBuilder('investor');
    if (!filter.includeArchived) query.andWhere('investor.archived_at IS NULL');
    if (filter.country) {
      query.andWhere('investor.country_code = :country', { country: filter.country });
    }
    if (filter.type) query.andWhere('investor.type = :type', { type: filter.type });
    if (filter.q) {
      query.andWhere(`${SEARCH_TEXT} LIKE registry.search_fold(:pattern)`, {
        pattern: containsPattern(filter.q),
      });
    }
    return keysetPage(query, SORTS, page);
  }

  async insert(manager: EntityManager, values: InvestorValues): Promise<string> {
    const { identifiers } = await manager
      .getRepository(InvestorEntity)
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning('id')
      .execute();
    return String(identifiers[0]?.id);
  }

  /** Applies the changes (and bumps the version) only if the investor is still at `version`. */
  updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<InvestorValues> & { archivedAt?: () => string },
  ): Promise<boolean> {
    return updateAtVersion(manager, InvestorEntity, id, version, changes);
  }
}
