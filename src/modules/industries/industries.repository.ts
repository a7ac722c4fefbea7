import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { containsPattern } from '../../common/pagination/like-pattern';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import { IndustryEntity, type IndustryLevel } from './industry.entity';

export interface IndustryFilter {
  readonly level?: IndustryLevel;
  readonly parent?: string;
  readonly q?: string;
}

const SORTS: SortSpec<IndustryEntity> = {
  keys: {
    code: { sql: 'industry.sort_key', value: (i) => i.sortKey },
    title: { sql: 'industry.title', value: (i) => i.title },
  },
  tieBreaker: { sql: 'industry.code', value: (i) => i.code },
  defaultSort: 'code',
};

@Injectable()
export class IndustriesRepository {
  constructor(
    @InjectRepository(IndustryEntity) private readonly industries: Repository<IndustryEntity>,
  ) {}

  findByCode(code: string): Promise<IndustryEntity | null> {
    return this.industries.findOneBy({ code });
  }

  /** Section first, down to the direct parent; at most three rows in ISIC Rev.4. */
  findAncestors(code: string): Promise<IndustryEntity[]> {
    return this.industries
      .createQueryBuilder('industry')
      .where(
        `industry.code IN (
           WITH RECURSIVE up(code, parent_code) AS (
             SELECT code, parent_code FROM registry.industry WHERE code = :code
             UNION ALL
             SELECT i.code, i.parent_code FROM registry.industry i JOIN up ON i.code = up.parent_code
           )
           SELECT code FROM up WHERE code <> :code)`,
        { code },
      )
      .orderBy('industry.sort_key')
      .getMany();
  }

  findChildren(code: string): Promise<IndustryEntity[]> {
    return this.industries.find({ where: { parentCode: code }, order: { sortKey: 'ASC' } });
  }

  listPage(filter: IndustryFilter, page: PageRequest): Promise<Page<IndustryEntity>> {
    const query = this.industries.createQueryBuilder('industry');
    if (filter.level) query.andWhere('industry.level = :level', { level: filter.level });
    if (filter.parent) query.andWhere('industry.parent_code = :parent', { parent: filter.parent });
    if (filter.q) {
      query.andWhere(
        `(industry.code = upper(:exact)
          OR registry.search_fold(industry.title) LIKE registry.search_fold(:pattern))`,
        { exact: filter.q, pattern: containsPattern(filter.q) },
      );
    }
    return keysetPage(query, SORTS, page);
  }
}
