import { Injectable } from '@nestjs/common';
import { DomainError, stillReferenced } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { constraintViolation } from '../../database/constraint-errors';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { AuditService } from '../audit/audit.service';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { RecordHistory } from '../audit/record-history';
import type { Actor } from '../auth/actor';
import { assertActsForCountry } from '../auth/country-scope';
import { LocationChecks } from '../geography/location-checks';
import { locationColumns } from '../geography/locations';
import type { ParkFeatureCollectionDto } from '../geography/dto/geojson.dto';
import { featureCollection, parkFeature } from '../geography/geojson';
import type { CreateParkDto, ParkIndustryInputDto, UpdateParkDto } from './dto/park-input.dto';
import type { ListParksQueryDto } from './dto/list-parks-query.dto';
import {
  type ParkIndustryView,
  type ParkResponseDto,
  toParkIndustryView,
  toParkResponse,
} from './dto/park-response.dto';
import { industryListProblems, toLinks } from './park-industries';
import { ParkIndustryEntity } from './park-industry.entity';
import { ParkEntity } from './park.entity';
import {
  invalidPark,
  parkArchived,
  parkCodeTaken,
  parkInLivePairing,
  parkNotFound,
} from './parks.errors';
import { ParksRepository, type ParkValues } from './parks.repository';

/** The park's industry links, as history and as-of reads find them. */
import { DOCUMENT_LINKS } from '../documents/document-owner';

const INDUSTRY_LINKS = { table: 'park_industry', parentColumn: 'park_id' } as const;

/** Body fields that are columns under the same name (location is spread over four). */
const PLAIN_FIELDS = [
  'code',
  'name',
  'nameZh',
  'nameLocal',
  'countryCode',
  'subdivisionCode',
  'city',
  'zoneType',
  'status',
  'establishedOn',
  'areaHa',
  'boundary',
  'boundarySource',
  'website',
  'description',
  'note',
  'sources',
] as const;

/** What an officer may edit, and so what a revert may put back. */
const REVERTABLE = [
  ...PLAIN_FIELDS,
  'location',
  'locationExactness',
  'locationPrecision',
  'locationSource',
] as const;

/** The column values a create or PATCH body sets. */
function parkValues(dto: UpdateParkDto): Partial<ParkValues> {
  const values: Partial<ParkValues> = {};
  for (const field of PLAIN_FIELDS) {
    if (dto[field] !== undefined) Object.assign(values, { [field]: dto[field] });
  }
  if (dto.location !== undefined) Object.assign(values, locationColumns(dto.location));
  const subdivision = dto.location?.subdivisionCode;
  if (subdivision !== undefined) {
    if (dto.subdivisionCode !== undefined && dto.subdivisionCode !== subdivision) {
      throw invalidPark([
        {
          path: 'location.subdivisionCode',
          message: `is the park's subdivisionCode: send one value (${String(dto.subdivisionCode)} and ${String(subdivision)} differ)`,
        },
      ]);
    }
    values.subdivisionCode = subdivision;
  }
  return values;
}

const boundarySourceAlone = () =>
  invalidPark([
    { path: 'boundarySource', message: 'is the source of a boundary: send the boundary with it' },
  ]);

@Injectable()
export class ParksService {
  constructor(
    private readonly parks: ParksRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
    private readonly locations: LocationChecks,
  ) {}

  async create(dto: CreateParkDto, actor: Actor, context: WriteContext): Promise<ParkResponseDto> {
    assertActsForCountry(actor, dto.countryCode);
    const industries = dto.industries ?? [];
    await this.checkIndustries(industries);
    const values = { sources: [], ...parkValues(dto) } as ParkValues;
    this.checkCodes(values.code, values.countryCode, values.subdivisionCode ?? null);
    if (values.boundarySource && !values.boundary) throw boundarySourceAlone();
    await this.locations.assertPlausible({
      countryCode: values.countryCode,
      location: values.location ?? null,
      boundary: values.boundary ?? null,
    });
    const id = await this.transactions
      .run(context, async (manager) => {
        const parkId = await this.parks.insert(manager, values);
        if (industries.length) {
          await this.parks.replaceIndustries(manager, parkId, toLinks(industries));
        }
        return parkId;
      })
      .catch((error: unknown) => this.translate(error, values.code));
    return this.get(id);
  }

  async list(query: ListParksQueryDto): Promise<Page<ParkResponseDto>> {
    const page = await this.parks.listPage(query, query);
    const links = await this.parks.linksOf(page.items.map((park) => park.id));
    return {
      items: page.items.map((park) =>
        toParkResponse(
          park,
          links.filter((link) => link.parkId === park.id).map(toParkIndustryView),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** The same page as a GeoJSON FeatureCollection (`format=geojson`). */
  async listGeoJson(query: ListParksQueryDto): Promise<ParkFeatureCollectionDto> {
    const page = await this.list(query);
    return featureCollection(page.items.map(parkFeature), page.nextCursor);
  }

  /** The park now, or as it was at `asOf` (with its industry links as they were then). */
  async get(id: string, asOf?: string): Promise<ParkResponseDto> {
    if (asOf) {
      const park = await this.records.asOf(ParkEntity, id, asOf);
      if (!park) throw parkNotFound(id);
      const links = await this.records.linksAsOf(ParkIndustryEntity, 'park_id', id, asOf);
      return toParkResponse(park, await this.withIndustryTitles(links));
    }
    const park = await this.require(id);
    const links = await this.parks.linksOf([id]);
    return toParkResponse(park, links.map(toParkIndustryView));
  }

  async update(
    id: string,
    dto: UpdateParkDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<ParkResponseDto> {
    return this.applyChanges(id, parkValues(dto), version, actor, context);
  }

  /**
   * PUT /parks/{id}/industries: the whole set, exactly one primary; bumps the park's version when
   * the set changed (the same set again writes nothing).
   */
  async setIndustries(
    id: string,
    items: readonly ParkIndustryInputDto[],
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<ParkResponseDto> {
    await this.checkIndustries(items);
    await this.requireWritable(id, actor);
    const updated = await this.transactions.run(context, async (manager) => {
      // Checks the version in the UPDATE itself (the empty change writes nothing).
      if (!(await this.parks.updateAtVersion(manager, id, version, {}))) return false;
      if (await this.parks.replaceIndustries(manager, id, toLinks(items))) {
        await this.parks.bumpVersionForLinks(manager, id, version);
      }
      return true;
    });
    if (!updated) throw staleVersion('park', (await this.require(id)).version);
    return this.get(id);
  }

  /** DELETE: archives the park (it stays readable by id and in history). */
  async archive(id: string, version: number, actor: Actor, context: WriteContext): Promise<void> {
    await this.requireWritable(id, actor);
    if (await this.parks.hasLiveProjects(id)) throw stillReferenced('park', id, 'live projects');
    if (await this.parks.inLivePairing(id)) throw parkInLivePairing(id);
    const archived = await this.transactions.run(context, (manager) =>
      this.parks.updateAtVersion(manager, id, version, { archivedAt: () => 'now()' }),
    );
    if (!archived) throw staleVersion('park', (await this.require(id)).version);
  }

  async history(id: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    await this.require(id);
    return this.audit.history('park', id, query, [INDUSTRY_LINKS, DOCUMENT_LINKS.park]);
  }

  /**
   * Undoes one earlier change as a new change: a change of the park's own fields, or of one of
   * its industry links (an added link is removed, a removed one comes back, a re-flag is undone).
   */
  async revert(
    id: string,
    changeId: string,
    actor: Actor,
    context: WriteContext,
  ): Promise<ParkResponseDto> {
    const current = await this.requireWritable(id, actor);
    const link = await this.records.planLinkRevert(
      ParkIndustryEntity,
      'park_id',
      id,
      changeId,
      'industry_code',
    );
    if (!link) {
      const plan = await this.records.planRevert(ParkEntity, id, changeId, REVERTABLE);
      return this.applyChanges(id, plan.changes, plan.version, actor, context);
    }
    const links = (await this.parks.linksOf([id])).map((l) => ({
      code: l.industryCode,
      primary: l.isPrimary,
    }));
    const restored = link.before;
    const removed = link.after?.industryCode;
    let items = links.filter((l) => l.code !== (restored?.industryCode ?? removed));
    if (restored) {
      if (restored.isPrimary) items = items.map((l) => ({ ...l, primary: false }));
      items.push({ code: restored.industryCode, primary: restored.isPrimary });
    }
    const [problem] = industryListProblems(items);
    if (problem) {
      throw new DomainError(
        'rule_violated',
        'REVERT_UNSUPPORTED',
        `Reverting change ${changeId} alone would break the industry list (${problem.message}); set the list with PUT /parks/${id}/industries.`,
      );
    }
    return this.setIndustries(id, items, current.version, actor, context);
  }

  private async applyChanges(
    id: string,
    changes: Partial<ParkValues>,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<ParkResponseDto> {
    const current = await this.requireWritable(id, actor);
    if (changes.countryCode && changes.countryCode !== current.countryCode) {
      assertActsForCountry(actor, changes.countryCode);
    }
    this.checkCodes(
      changes.code ?? current.code,
      changes.countryCode ?? current.countryCode,
      changes.subdivisionCode !== undefined ? changes.subdivisionCode : current.subdivisionCode,
    );
    const located = { ...current, ...changes };
    if (located.location === null && changes.location === null && changes.boundary === undefined) {
      // Clearing the point clears what was said about it, and the outline around it.
      Object.assign(changes, { boundary: null, boundarySource: null });
      Object.assign(located, { boundary: null, boundarySource: null });
    }
    if (!located.boundary && located.boundarySource) {
      // A boundary's source goes with it; one sent without a boundary is a mistake to name.
      if (changes.boundarySource) throw boundarySourceAlone();
      changes.boundarySource = null;
    }
    await this.locations.assertPlausible({
      countryCode: located.countryCode,
      location: located.location,
      boundary: located.boundary,
    });
    const updated = await this.transactions
      .run(context, (manager) => this.parks.updateAtVersion(manager, id, version, changes))
      .catch((error: unknown) => this.translate(error, changes.code ?? current.code));
    if (!updated) throw staleVersion('park', (await this.require(id)).version);
    return this.get(id);
  }

  private async require(id: string): Promise<ParkEntity> {
    const park = await this.parks.findById(id);
    if (!park) throw parkNotFound(id);
    return park;
  }

  /** A live park the actor may write: officers only in their own country. */
  private async requireWritable(id: string, actor: Actor): Promise<ParkEntity> {
    const park = await this.require(id);
    assertActsForCountry(actor, park.countryCode);
    if (park.archivedAt) throw parkArchived(id);
    return park;
  }

  /** The park code starts with its country; so does the ISO 3166-2 subdivision. */
  private checkCodes(code: string, countryCode: string, subdivisionCode: string | null): void {
    const problems = [];
    if (!code.startsWith(`${countryCode}-`)) {
      problems.push({ path: 'code', message: `must start with the country code ${countryCode}-` });
    }
    if (subdivisionCode && !subdivisionCode.startsWith(`${countryCode}-`)) {
      problems.push({
        path: 'subdivisionCode',
        message: `must be a subdivision of ${countryCode} (${countryCode}-…)`,
      });
    }
    if (problems.length) throw invalidPark(problems);
  }

  private async checkIndustries(items: readonly ParkIndustryInputDto[]): Promise<void> {
    const problems = industryListProblems(items);
    const unknown = await this.parks.unknownIndustries(items.map((item) => item.code));
    items.forEach((item, index) => {
      if (unknown.has(item.code)) {
        problems.push({
          path: `industries[${index}].code`,
          message: `${item.code} is not an ISIC Rev.4 code`,
        });
      }
    });
    if (problems.length) throw invalidPark(problems);
  }

  private async withIndustryTitles(
    links: readonly ParkIndustryEntity[],
  ): Promise<ParkIndustryView[]> {
    const current = await this.parks.industries(links.map((link) => link.industryCode));
    return links.map((link) => ({
      industryCode: link.industryCode,
      isPrimary: link.isPrimary,
      title: current.get(link.industryCode)?.title ?? '',
      level: current.get(link.industryCode)?.level ?? '',
    }));
  }

  private async translate(error: unknown, code: string): Promise<never> {
    const violation = constraintViolation(error);
    if (violation?.constraint === 'park_code_key') {
      throw parkCodeTaken(code, (await this.parks.findIdByCode(code)) ?? null);
    }
    if (violation?.constraint === 'park_country_code_fkey') {
      throw invalidPark([{ path: 'countryCode', message: 'is not an ISO 3166-1 country' }]);
    }
    throw error;
  }
}
