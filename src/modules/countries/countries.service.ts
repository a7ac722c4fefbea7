import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination/keyset';
import { staleVersion } from '../../common/http/expected-version';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { AuditService } from '../audit/audit.service';
import { RecordHistory } from '../audit/record-history';
import { CountryEntity } from './country.entity';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { CountriesRepository } from './countries.repository';
import { countryNotFound } from './countries.errors';
import { type CountryResponseDto, toCountryResponse } from './dto/country-response.dto';
import type { ListCountriesQueryDto } from './dto/list-countries-query.dto';
import type { UpdateCountryDto } from './dto/update-country.dto';

/** What an admin may correct, and so what a revert may put back. */
const REVERTABLE = [
  'name',
  'nameOfficial',
  'nameZh',
  'currencyCode',
  'aseanMemberSince',
  'twinParksPartner',
] as const;

@Injectable()
export class CountriesService {
  constructor(
    private readonly countries: CountriesRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
  ) {}

  async list(query: ListCountriesQueryDto): Promise<Page<CountryResponseDto>> {
    const page = await this.countries.listPage(query, query);
    return { items: page.items.map(toCountryResponse), nextCursor: page.nextCursor };
  }

  /** The country now, or as it was at `asOf`. */
  async get(code: string, asOf?: string): Promise<CountryResponseDto> {
    const country = asOf
      ? await this.records.asOf(CountryEntity, code, asOf)
      : await this.countries.findByCode(code);
    if (!country) throw countryNotFound(code);
    return toCountryResponse(country);
  }

  async update(
    code: string,
    dto: UpdateCountryDto,
    version: number,
    context: WriteContext,
  ): Promise<CountryResponseDto> {
    // `version` travels in the body only as an alternative to If-Match; it is not a column change.
    const changes = { ...dto };
    delete changes.version;
    const updated = await this.transactions.run(context, (manager) =>
      this.countries.updateAtVersion(manager, code, version, changes),
    );
    if (updated) return toCountryResponse(updated);
    const current = await this.countries.findByCode(code);
    if (!current) throw countryNotFound(code);
    throw staleVersion('country', current.version);
  }

  /** Undoes one earlier change as a new change (the reason is required by the caller). */
  async revert(code: string, changeId: string, context: WriteContext): Promise<CountryResponseDto> {
    if (!(await this.countries.findByCode(code))) throw countryNotFound(code);
    const plan = await this.records.planRevert(CountryEntity, code, changeId, REVERTABLE);
    return this.update(code, plan.changes, plan.version, context);
  }

  async history(code: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    if (!(await this.countries.findByCode(code))) throw countryNotFound(code);
    return this.audit.history('country', code, query);
  }
}
