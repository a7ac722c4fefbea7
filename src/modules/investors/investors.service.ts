import { Injectable } from '@nestjs/common';
import { stillReferenced } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { constraintViolation } from '../../database/constraint-errors';
import { AuditService } from '../audit/audit.service';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { RecordHistory } from '../audit/record-history';
import type { CreateInvestorDto, UpdateInvestorDto } from './dto/investor-input.dto';
import { type InvestorResponseDto, toInvestorResponse } from './dto/investor-response.dto';
import type { ListInvestorsQueryDto } from './dto/list-investors-query.dto';
import { InvestorEntity } from './investor.entity';
import {
  investorArchived,
  investorDuplicate,
  investorNotFound,
  unknownInvestorCountry,
} from './investors.errors';
import { InvestorsRepository, type InvestorValues } from './investors.repository';

import { DOCUMENT_LINKS } from '../documents/document-owner';

/** What a PATCH may set, and so what a revert may put back. */
const EDITABLE = [
  'name',
  'nameZh',
  'nameLocal',
  'countryCode',
  'type',
  'website',
  'identifiers',
  'description',
  'note',
  'sources',
] as const;

function investorValues(dto: UpdateInvestorDto): Partial<InvestorValues> {
  const values: Partial<InvestorValues> = {};
  for (const field of EDITABLE) {
    if (dto[field] !== undefined) Object.assign(values, { [field]: dto[field] });
  }
  return values;
}

/**
 * Investors are shared by every country's projects: any officer (or admin) registers and
 * corrects them. A second registration of the same organisation (same normalised name and
 * home country) is refused with the existing id, so officers link to it instead.
 */
@Injectable()
export class InvestorsService {
  constructor(
    private readonly investors: InvestorsRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
  ) {}

  async create(dto: CreateInvestorDto, context: WriteContext): Promise<InvestorResponseDto> {
    const values = {
      nameZh: null,
      nameLocal: null,
      type: null,
      website: null,
      description: null,
      note: null,
      identifiers: [],
      sources: [],
      ...investorValues(dto),
    } as InvestorValues;
    const id = await this.transactions
      .run(context, (manager) => this.investors.insert(manager, values))
      .catch((error: unknown) => this.translate(error, values.countryCode, values.name));
    return this.get(id);
  }

  async list(query: ListInvestorsQueryDto): Promise<Page<InvestorResponseDto>> {
    const page = await this.investors.listPage(query, query);
    return { items: page.items.map(toInvestorResponse), nextCursor: page.nextCursor };
  }

  async get(id: string, asOf?: string): Promise<InvestorResponseDto> {
    const investor = asOf
      ? await this.records.asOf(InvestorEntity, id, asOf)
      : await this.investors.findById(id);
    if (!investor) throw investorNotFound(id);
    return toInvestorResponse(investor);
  }

  update(
    id: string,
    dto: UpdateInvestorDto,
    version: number,
    context: WriteContext,
  ): Promise<InvestorResponseDto> {
    return this.applyChanges(id, investorValues(dto), version, context);
  }

  async archive(id: string, version: number, context: WriteContext): Promise<void> {
    await this.requireLive(id);
    if (await this.investors.hasLiveProjects(id))
      throw stillReferenced('investor', id, 'live projects');
    const archived = await this.transactions.run(context, (manager) =>
      this.investors.updateAtVersion(manager, id, version, { archivedAt: () => 'now()' }),
    );
    if (!archived) throw staleVersion('investor', (await this.require(id)).version);
  }

  async history(id: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    await this.require(id);
    return this.audit.history('investor', id, query, [DOCUMENT_LINKS.investor]);
  }

  async revert(id: string, changeId: string, context: WriteContext): Promise<InvestorResponseDto> {
    await this.requireLive(id);
    const plan = await this.records.planRevert(InvestorEntity, id, changeId, EDITABLE);
    return this.applyChanges(id, plan.changes, plan.version, context);
  }

  private async applyChanges(
    id: string,
    changes: Partial<InvestorValues>,
    version: number,
    context: WriteContext,
  ): Promise<InvestorResponseDto> {
    const current = await this.requireLive(id);
    const updated = await this.transactions
      .run(context, (manager) => this.investors.updateAtVersion(manager, id, version, changes))
      .catch((error: unknown) =>
        this.translate(
          error,
          changes.countryCode ?? current.countryCode,
          changes.name ?? current.name,
        ),
      );
    if (!updated) throw staleVersion('investor', (await this.require(id)).version);
    return this.get(id);
  }

  private async require(id: string): Promise<InvestorEntity> {
    const investor = await this.investors.findById(id);
    if (!investor) throw investorNotFound(id);
    return investor;
  }

  private async requireLive(id: string): Promise<InvestorEntity> {
    const investor = await this.require(id);
    if (investor.archivedAt) throw investorArchived(id);
    return investor;
  }

  private async translate(error: unknown, countryCode: string, name: string): Promise<never> {
    const violation = constraintViolation(error);
    if (violation?.constraint === 'investor_name_key') {
      throw investorDuplicate(name, await this.investors.findLiveByNameKey(countryCode, name));
    }
    if (violation?.constraint === 'investor_country_code_fkey') throw unknownInvestorCountry();
    throw error;
  }
}
