import { Injectable } from '@nestjs/common';
import { DomainError, invalidInput } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { AuditService } from '../audit/audit.service';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { RecordHistory } from '../audit/record-history';
import {
  type FxRateDto,
  type ListFxRatesQueryDto,
  type PutFxRateDto,
  toFxRateDto,
} from './dto/fx-rate.dto';
import { FxRateEntity } from './fx-rate.entity';
import { FxRatesRepository } from './fx-rates.repository';

const fxRateNotFound = (currency: string, date: string) =>
  new DomainError('not_found', 'FX_RATE_NOT_FOUND', `No ${currency} rate on ${date}.`);

export interface PutResult {
  readonly created: boolean;
  readonly rate: FxRateDto;
}

@Injectable()
export class FxRatesService {
  constructor(
    private readonly rates: FxRatesRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
  ) {}

  /**
   * Creates the rate, or replaces it. Replacing a different value needs the version read
   * (If-Match or `version`), so two analysts cannot silently overwrite each other; sending the
   * same value again changes nothing.
   */
  async put(
    currency: string,
    date: string,
    dto: PutFxRateDto,
    ifMatchVersion: number | undefined,
    context: WriteContext,
  ): Promise<PutResult> {
    if (currency === 'USD') {
      throw invalidInput([
        {
          path: 'currency',
          message: 'USD needs no rate: US dollar amounts are their own USD amount',
        },
      ]);
    }
    if (!(await this.rates.currencyExists(currency))) {
      throw invalidInput([
        { path: 'currency', message: `${currency} is not an ISO 4217 currency` },
      ]);
    }
    const created = await this.transactions.run(context, async (manager) => {
      const existing = await this.rates.find(currency, date, manager);
      if (!existing) {
        await this.rates.insert(manager, {
          currencyCode: currency,
          rateDate: date,
          usdPerUnit: dto.usdPerUnit,
          source: dto.source,
        });
        return true;
      }
      const unchanged =
        existing.source === dto.source &&
        (await this.rates.sameNumber(existing.usdPerUnit, dto.usdPerUnit));
      if (unchanged) return false;
      const version = ifMatchVersion ?? dto.version;
      if (version === undefined) {
        throw new DomainError(
          'precondition_required',
          'VERSION_REQUIRED',
          `A ${currency} rate on ${date} exists (version ${existing.version}); send If-Match: "${existing.version}" to replace it.`,
        );
      }
      const changes = { usdPerUnit: dto.usdPerUnit, source: dto.source };
      if (!(await this.rates.updateAtVersion(manager, existing.id, version, changes))) {
        throw staleVersion('FX rate', existing.version);
      }
      return false;
    });
    return { created, rate: await this.get(currency, date) };
  }

  async list(query: ListFxRatesQueryDto): Promise<Page<FxRateDto>> {
    const page = await this.rates.listPage(query, query);
    return { items: page.items.map(toFxRateDto), nextCursor: page.nextCursor };
  }

  async get(currency: string, date: string, asOf?: string): Promise<FxRateDto> {
    if (asOf) {
      const id = await this.rates.idOf(currency, date);
      const rate = id ? await this.records.asOf(FxRateEntity, id, asOf) : null;
      if (!rate) throw fxRateNotFound(currency, date);
      return toFxRateDto(rate);
    }
    const rate = await this.rates.find(currency, date);
    if (!rate) throw fxRateNotFound(currency, date);
    return toFxRateDto(rate);
  }

  async history(currency: string, date: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    const id = await this.rates.idOf(currency, date);
    if (!id) throw fxRateNotFound(currency, date);
    return this.audit.history('fx_rate', id, query);
  }

  async revert(
    currency: string,
    date: string,
    changeId: string,
    context: WriteContext,
  ): Promise<FxRateDto> {
    const current = await this.rates.find(currency, date);
    if (!current) throw fxRateNotFound(currency, date);
    const plan = await this.records.planRevert(FxRateEntity, current.id, changeId, [
      'usdPerUnit',
      'source',
    ]);
    const reverted = await this.transactions.run(context, (manager) =>
      this.rates.updateAtVersion(manager, current.id, plan.version, plan.changes),
    );
    if (!reverted)
      throw staleVersion('FX rate', (await this.rates.find(currency, date))?.version ?? 0);
    return this.get(currency, date);
  }
}
