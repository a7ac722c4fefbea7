import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import { FxRateEntity } from './fx-rate.entity';
import { updateAtVersion } from '../../database/update-at-version';

export interface FxRateFilter {
  readonly currency?: string;
  readonly from?: string;
  readonly to?: string;
}

const SORTS: SortSpec<FxRateEntity> = {
  keys: { date: { sql: 'fx.rate_date', value: (r) => r.rateDate } },
  tieBreaker: { sql: 'fx.id', value: (r) => r.id },
  defaultSort: '-date',
};

@Injectable()
export class FxRatesRepository {
  constructor(@InjectRepository(FxRateEntity) private readonly rates: Repository<FxRateEntity>) {}

  find(
    currencyCode: string,
    rateDate: string,
    manager?: EntityManager,
  ): Promise<FxRateEntity | null> {
    const repository = manager?.getRepository(FxRateEntity) ?? this.rates;
    return repository.findOne({
      where: { currencyCode, rateDate },
      ...(manager ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The id a (currency, date) rate has or had, for history of a rate since replaced. */
  async idOf(currencyCode: string, rateDate: string): Promise<string | null> {
    const current = await this.rates.findOne({
      where: { currencyCode, rateDate },
      select: { id: true },
    });
    if (current) return current.id;
    const rows = await this.rates.query<{ id: string }[]>(
      `SELECT row_id AS id FROM audit.change
       WHERE table_name = 'fx_rate' AND coalesce(after, before) ->> 'currency_code' = $1
         AND coalesce(after, before) ->> 'rate_date' = $2
       ORDER BY id DESC LIMIT 1`,
      [currencyCode, rateDate],
    );
    return rows[0]?.id ?? null;
  }

  async currencyExists(code: string): Promise<boolean> {
    const rows = await this.rates.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM registry.currency WHERE code = $1) AS found`,
      [code],
    );
    return rows[0]?.found === true;
  }

  listPage(filter: FxRateFilter, page: PageRequest): Promise<Page<FxRateEntity>> {
    const query = this.rates.createQueryBuilder('fx');
    if (filter.currency)
      query.andWhere('fx.currency_code = :currency', { currency: filter.currency });
    if (filter.from) query.andWhere('fx.rate_date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('fx.rate_date <= :to', { to: filter.to });
    return keysetPage(query, SORTS, page);
  }

  async insert(
    manager: EntityManager,
    values: Pick<FxRateEntity, 'currencyCode' | 'rateDate' | 'usdPerUnit' | 'source'>,
  ): Promise<void> {
    await manager.getRepository(FxRateEntity).insert(values);
  }

  updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<Pick<FxRateEntity, 'usdPerUnit' | 'source'>>,
  ): Promise<boolean> {
    return updateAtVersion(manager, FxRateEntity, id, version, changes);
  }

  /** Whether two decimal strings are the same number (compared by PostgreSQL, exactly). */
  async sameNumber(a: string, b: string): Promise<boolean> {
    const rows = await this.rates.query<{ same: boolean }[]>(
      `SELECT $1::numeric = $2::numeric AS same`,
      [a, b],
    );
    return rows[0]?.same === true;
  }
}
