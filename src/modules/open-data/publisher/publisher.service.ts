import { Injectable } from '@nestjs/common';
import { type FieldError, invalidInput } from '../../../common/errors/domain-error';
import { expectedVersion, staleVersion } from '../../../common/http/expected-version';
import { AuditedTransactions, type WriteContext } from '../../../database/audited-transactions';
import type { PublisherDto, PutPublisherDto } from '../dto/publisher.dto';
import { type PublisherValues, PublisherRepository } from './publisher.repository';

export const DEFAULT_LICENCE = {
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/**
 * The publisher of the registry's open data (an admin setting): the reporting organisation, its
 * IATI org-id (checked against the org-id.guide register of identifier lists) and the licence.
 */
@Injectable()
export class PublisherService {
  constructor(
    private readonly publishers: PublisherRepository,
    private readonly transactions: AuditedTransactions,
  ) {}

  async organisationTypes(): Promise<{ code: string; name: string; nameZh: string }[]> {
    return (await this.publishers.organisationTypes()).map((row) => ({
      code: row.code,
      name: row.name,
      nameZh: row.name_zh,
    }));
  }

  async get(): Promise<PublisherDto> {
    const row = await this.publishers.find();
    if (!row) {
      return {
        configured: false,
        name: null,
        nameZh: null,
        orgId: null,
        orgType: null,
        orgTypeName: null,
        registrationAgency: null,
        licenceId: DEFAULT_LICENCE.id,
        licenceUrl: DEFAULT_LICENCE.url,
        version: 0,
        updatedAt: null,
      };
    }
    const agency = await this.publishers.agencyOf(row.org_id);
    return {
      configured: true,
      name: row.name,
      nameZh: row.name_zh,
      orgId: row.org_id,
      orgType: row.org_type,
      orgTypeName: row.org_type_name,
      registrationAgency: agency?.name ?? null,
      licenceId: row.licence_id,
      licenceUrl: row.licence_url,
      version: row.version,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  /** Sets the publisher; If-Match (or `version`) once one is stored, 0 or nothing before. */
  async put(
    dto: PutPublisherDto,
    ifMatch: string | undefined,
    context: WriteContext,
  ): Promise<PublisherDto> {
    const values = await this.checked(dto);
    await this.transactions.run(context, async (manager) => {
      const stored = await this.publishers.lockVersion(manager);
      if (stored !== null) {
        const version = expectedVersion(ifMatch, dto.version);
        if (!(await this.publishers.updateAtVersion(manager, version, values))) {
          throw staleVersion('publisher', stored);
        }
        return;
      }
      const version =
        ifMatch || dto.version !== undefined ? expectedVersion(ifMatch, dto.version) : 0;
      if (version !== 0 || !(await this.publishers.insert(manager, values))) {
        throw staleVersion('publisher', 0);
      }
    });
    return this.get();
  }

  private async checked(dto: PutPublisherDto): Promise<PublisherValues> {
    const problems: FieldError[] = [];
    if (!(await this.publishers.organisationTypeExists(dto.orgType))) {
      problems.push({
        path: 'orgType',
        message: `${dto.orgType} is not an IATI OrganisationType code (10 government, 11 local government, 15 other public sector, …)`,
      });
    }
    const agency = await this.publishers.agencyOf(dto.orgId);
    if (!agency) {
      problems.push({
        path: 'orgId',
        message: `starts with no registration agency of the org-id.guide register (e.g. MY-COA, CN-USCI, XM-DAC): ${dto.orgId}`,
      });
    } else if (agency.withdrawn) {
      problems.push({
        path: 'orgId',
        message: `${agency.code} (${agency.name}) is a withdrawn identifier list; use its successor`,
      });
    }
    if (problems.length) throw invalidInput(problems);
    return {
      name: dto.name,
      nameZh: dto.nameZh ?? null,
      orgId: dto.orgId,
      orgType: dto.orgType,
      licenceId: dto.licenceId ?? DEFAULT_LICENCE.id,
      licenceUrl: dto.licenceUrl ?? DEFAULT_LICENCE.url,
    };
  }
}
