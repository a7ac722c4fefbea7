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
import { constraintViolation } from '../../database/constraint-errors';
import { unknownCurrency } from './countries.errors';
import { CountryEntity } from './country.entity';

export type CountryChanges = Partial<
  Pick<
    CountryEntity,
    'name' | 'nameOfficial' | 'nameZh' | 'currencyCode' | 'aseanMemberSince' | 'twinParksPartner'
  >
>;

export interface CountryFilter {
  readonly asean?: boolean;
  readonly q?: string;
}

const SORTS: SortSpec<CountryEntity> = {
  keys: {
    code: { sql: 'country.code', value: (c) => c.code },
    name: { sql: 'country.name', value: (c) => c.name },
  },
  tieBreaker: { sql: 'country.code', value: (c) => c.code },
  defaultSort: 'code',
};

@Injectable()
export class CountriesRepository {
  constructor(
    @InjectRepository(CountryEntity) private readonly countries: Repository<CountryEntity>,
  ) {}

  findByCode(code: string): Promise<CountryEntity | null> {
    return this.countries.findOneBy({ code });
  }

  listPage(filter: CountryFilter, page: PageRequest): Promise<Page<CountryEntity>> {
    const query = this.countries.createQueryBuilder('country');
    if (filter.asean !== undefined) {
      query.andWhere(`country.asean_member_since IS ${filter.asean ? 'NOT ' : ''}NULL`);
    }
    if (filter.q) {
      query.andWhere(
        `(country.code = upper(:exact) OR country.alpha3 = upper(:exact)
          OR registry.search_fold(country.name) LIKE registry.search_fold(:pattern)
          OR registry.search_fold(country.name_official) LIKE registry.search_fold(:pattern)
          OR country.name_zh LIKE :pattern)`,
        { exact: filter.q, pattern: containsPattern(filter.q) },
      );
    }
    return keysetPage(query, SORTS, page);
  }

  /** Applies the changes only if the row is still at `version`; null when it is not. */
  async updateAtVersion(
    manager: EntityManager,
    code: string,
    version: number,
    changes: CountryChanges,
  ): Promise<CountryEntity | null> {
    const countries = manager.getRepository(CountryEntity);
    try {
      const result = await countries
        .createQueryBuilder()
        .update()
        .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('code = :code AND version = :version', { code, version })
        .execute();
      return result.affected ? countries.findOneBy({ code }) : null;
    } catch (error) {
      if (constraintViolation(error)?.constraint === 'country_currency_code_fkey') {
        throw unknownCurrency(changes.currencyCode ?? '');
      }
      throw error;
    }
  }
}
