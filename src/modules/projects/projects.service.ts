import type { ProjectFeatureCollectionDto } from '../geography/dto/geojson.dto';
import { featureCollection, projectFeature } from '../geography/geojson';
import { ParkPoints } from '../geography/park-points';
import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError, invalidInput } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/expected-version';
import type { Page } from '../../common/pagination/keyset';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import { AuditService } from '../audit/audit.service';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { RecordHistory } from '../audit/record-history';
import type { Actor } from '../auth/actor';
import { assertActsForCountry } from '../auth/country-scope';
import { LocationChecks } from '../geography/location-checks';
import { locationColumns, toLocationDto } from '../geography/locations';
import type { CreateProjectDto, UpdateProjectDto } from './dto/project-input.dto';
import type { ListProjectsQueryDto } from './dto/list-projects-query.dto';
import type { ProjectResponseDto } from './dto/project-response.dto';
import { ProjectInvestorEntity, ProjectSectorEntity } from './project-links.entity';
import { projectRuleProblems, twoDecimals } from './project-rules';
import { ProjectEntity } from './project.entity';
import {
  type InvestorLink,
  type InvestorRow,
  type MoneyRow,
  ProjectsRepository,
  type ProjectValues,
  type SectorLink,
  type SectorRow,
} from './projects.repository';

import { DOCUMENT_LINKS } from '../documents/document-owner';

const LINKS = ['project_sector', 'project_investor'].map((table) => ({
  table,
  parentColumn: 'project_id',
}));

/** Plain fields a PATCH sets (park, investment, sectors and investors are handled apart). */
const FIELDS = [
  'title',
  'description',
  'note',
  'pairingId',
  'type',
  'stage',
  'announcedOn',
  'signedOn',
  'constructionStartOn',
  'operationalOn',
  'jobsPlanned',
  'jobsActual',
  'estimated',
  'sources',
] as const;

/** What a revert may put back. */
const REVERTABLE = [
  ...FIELDS,
  'parkId',
  'hostCountryCode',
  'investmentAmount',
  'investmentCurrency',
  'location',
  'locationExactness',
  'locationPrecision',
  'locationSubdivisionCode',
  'locationSource',
] as const;

export const projectNotFound = (id: string): DomainError =>
  new DomainError('not_found', 'PROJECT_NOT_FOUND', `No project with id ${id}.`);

const projectArchived = (id: string): DomainError =>
  new DomainError(
    'conflict',
    'PROJECT_ARCHIVED',
    `Project ${id} is archived; archived records are read-only.`,
  );

function projectValues(dto: UpdateProjectDto): Partial<ProjectValues> {
  const values: Partial<ProjectValues> = {};
  for (const field of FIELDS) {
    if (dto[field] !== undefined) Object.assign(values, { [field]: dto[field] });
  }
  if (dto.investment !== undefined) {
    values.investmentAmount = dto.investment?.amount ?? null;
    values.investmentCurrency = dto.investment?.currency ?? null;
  }
  if (dto.location !== undefined) {
    Object.assign(values, locationColumns(dto.location), {
      locationSubdivisionCode: dto.location?.subdivisionCode ?? null,
    });
  }
  return values;
}

const sectorLinks = (dto: UpdateProjectDto): SectorLink[] | undefined =>
  dto.sectors?.map((s) => ({ code: s.code, percentage: twoDecimals(s.percentage) }));

const investorLinks = (dto: UpdateProjectDto): InvestorLink[] | undefined =>
  dto.investors?.map((i) => ({
    investorId: i.investorId,
    role: i.role,
    sharePct: i.sharePct == null ? null : twoDecimals(i.sharePct),
  }));

@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
    private readonly locations: LocationChecks,
    private readonly parkPoints: ParkPoints,
  ) {}

  async create(
    dto: CreateProjectDto,
    actor: Actor,
    context: WriteContext,
  ): Promise<ProjectResponseDto> {
    const park = await this.projects.park(dto.parkId);
    if (!park || park.archived) {
      throw invalidInput([
        { path: 'parkId', message: park ? 'the park is archived' : 'no such park' },
      ]);
    }
    assertActsForCountry(actor, park.countryCode);
    await this.check(dto, dto.parkId, dto);
    await this.checkLocation(park.countryCode, dto.location ? dto.location : null);
    const values = {
      description: null,
      note: null,
      pairingId: null,
      announcedOn: null,
      signedOn: null,
      constructionStartOn: null,
      operationalOn: null,
      investmentAmount: null,
      investmentCurrency: null,
      jobsPlanned: null,
      jobsActual: null,
      estimated: false,
      sources: [],
      ...projectValues(dto),
      parkId: dto.parkId,
      hostCountryCode: park.countryCode,
    } as ProjectValues;
    const year = Number((dto.signedOn ?? dto.announcedOn ?? new Date().toISOString()).slice(0, 4));
    const id = await this.transactions.run(context, async (manager) => {
      const ref = await this.projects.nextRef(manager, dto.parkId, park.code, year);
      const projectId = await this.projects.insert(manager, { ...values, ref });
      await this.projects.replaceSectors(manager, projectId, sectorLinks(dto) ?? []);
      await this.projects.replaceInvestors(manager, projectId, investorLinks(dto) ?? []);
      return projectId;
    });
    return this.get(id);
  }

  async list(query: ListProjectsQueryDto): Promise<Page<ProjectResponseDto>> {
    const page = await this.projects.listPage(query, query);
    return { items: await this.respond(page.items), nextCursor: page.nextCursor };
  }

  /** The same page as GeoJSON: each project at its own point, or at its park's. */
  async listGeoJson(query: ListProjectsQueryDto): Promise<ProjectFeatureCollectionDto> {
    const page = await this.list(query);
    const points = await this.parkPoints.of(
      page.items.filter((project) => !project.location).map((project) => project.parkId),
    );
    return featureCollection(
      page.items.map((project) => projectFeature(project, points.get(project.parkId))),
      page.nextCursor,
    );
  }

  /** The project now, or as it was at `asOf` with its sectors and investors then. */
  async get(id: string, asOf?: string): Promise<ProjectResponseDto> {
    if (!asOf) {
      const project = await this.projects.findById(id);
      if (!project) throw projectNotFound(id);
      return (await this.respond([project]))[0];
    }
    const project = await this.records.asOf(ProjectEntity, id, asOf);
    if (!project) throw projectNotFound(id);
    const [sectors, investors] = await Promise.all([
      this.records.linksAsOf(ProjectSectorEntity, 'project_id', id, asOf),
      this.records.linksAsOf(ProjectInvestorEntity, 'project_id', id, asOf),
    ]);
    const [titles, names] = await Promise.all([
      this.projects.industryTitles(sectors.map((s) => s.industryCode)),
      this.projects.investorNames(investors.map((i) => i.investorId)),
    ]);
    return this.respond(
      [project],
      sectors
        .map((s) => ({
          projectId: id,
          code: s.industryCode,
          title: titles.get(s.industryCode) ?? '',
          percentage: s.percentage,
        }))
        // The order live reads use: largest share first.
        .sort(
          (a, b) => Number(b.percentage) - Number(a.percentage) || a.code.localeCompare(b.code),
        ),
      investors.map((i) => ({
        projectId: id,
        investorId: i.investorId,
        name: names.get(i.investorId)?.name ?? '',
        countryCode: names.get(i.investorId)?.countryCode ?? '',
        role: i.role,
        sharePct: i.sharePct,
      })),
    ).then((items) => items[0]);
  }

  async update(
    id: string,
    dto: UpdateProjectDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<ProjectResponseDto> {
    const current = await this.requireWritable(id, actor);
    const changes = projectValues(dto);
    const parkId = dto.parkId ?? current.parkId;
    if (dto.parkId && dto.parkId !== current.parkId) {
      const park = await this.projects.park(dto.parkId);
      if (!park || park.archived) {
        throw invalidInput([
          { path: 'parkId', message: park ? 'the park is archived' : 'no such park' },
        ]);
      }
      assertActsForCountry(actor, park.countryCode);
      Object.assign(changes, { parkId: dto.parkId, hostCountryCode: park.countryCode });
    }
    await this.check(dto, parkId, {
      ...current,
      ...changes,
      pairingId: changes.pairingId !== undefined ? changes.pairingId : current.pairingId,
    });
    const hostCountry = changes.hostCountryCode ?? current.hostCountryCode;
    if (dto.location !== undefined || hostCountry !== current.hostCountryCode) {
      await this.checkLocation(
        hostCountry,
        dto.location !== undefined
          ? dto.location
          : current.location && {
              ...current.location,
              subdivisionCode: current.locationSubdivisionCode,
            },
      );
    }
    return this.apply(id, version, changes, sectorLinks(dto), investorLinks(dto), context);
  }

  async archive(id: string, version: number, actor: Actor, context: WriteContext): Promise<void> {
    await this.requireWritable(id, actor);
    const archived = await this.transactions.run(context, (manager) =>
      this.projects.updateAtVersion(manager, id, version, { archivedAt: () => 'now()' }),
    );
    if (!archived) throw staleVersion('project', (await this.require(id)).version);
  }

  async history(id: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    await this.require(id);
    return this.audit.history('project', id, query, [...LINKS, DOCUMENT_LINKS.project]);
  }

  /**
   * Undoes one earlier change of the project's own fields as a new change. Sector and investor
   * changes are refused (422): one sector alone cannot be undone without breaking the 100 %
   * rule; PATCH the lists instead.
   */
  async revert(
    id: string,
    changeId: string,
    actor: Actor,
    context: WriteContext,
  ): Promise<ProjectResponseDto> {
    await this.requireWritable(id, actor);
    for (const link of [ProjectSectorEntity, ProjectInvestorEntity]) {
      if (await this.records.planLinkRevert(link, 'project_id', id, changeId, 'id')) {
        throw new DomainError(
          'rule_violated',
          'REVERT_UNSUPPORTED',
          `Change ${changeId} changed the project's sectors or investors; set the whole list with PATCH instead.`,
        );
      }
    }
    const plan = await this.records.planRevert(ProjectEntity, id, changeId, REVERTABLE);
    // The project as the revert would leave it: its own point must still lie in its host country.
    const after = { ...(await this.require(id)), ...plan.changes };
    await this.checkLocation(
      after.hostCountryCode,
      after.location && { ...after.location, subdivisionCode: after.locationSubdivisionCode },
    );
    return this.apply(id, plan.version, plan.changes, undefined, undefined, context);
  }

  private async apply(
    id: string,
    version: number,
    changes: Partial<ProjectValues>,
    sectors: SectorLink[] | undefined,
    investors: InvestorLink[] | undefined,
    context: WriteContext,
  ): Promise<ProjectResponseDto> {
    const updated = await this.transactions.run(context, async (manager) => {
      if (!(await this.projects.updateAtVersion(manager, id, version, changes))) return false;
      const sectorsChanged = sectors && (await this.projects.replaceSectors(manager, id, sectors));
      const investorsChanged =
        investors && (await this.projects.replaceInvestors(manager, id, investors));
      if (sectorsChanged || investorsChanged) {
        await this.projects.bumpVersionForLinks(manager, id, version);
      }
      return true;
    });
    if (!updated) throw staleVersion('project', (await this.require(id)).version);
    return this.get(id);
  }

  /** Everything a project write must satisfy, reported together, each naming its field. */
  private async check(
    dto: UpdateProjectDto,
    parkId: string,
    effective: {
      pairingId?: string | null;
      announcedOn?: string | null;
      signedOn?: string | null;
      constructionStartOn?: string | null;
      operationalOn?: string | null;
    },
  ): Promise<void> {
    const problems: FieldError[] = projectRuleProblems({
      sectors: dto.sectors,
      investors: dto.investors,
      dates: effective,
    });
    if (dto.sectors?.length) {
      const unknown = await this.projects.unknownIndustries(dto.sectors.map((s) => s.code));
      dto.sectors.forEach((sector, index) => {
        if (unknown.has(sector.code)) {
          problems.push({
            path: `sectors[${index}].code`,
            message: `${sector.code} is not an ISIC Rev.4 code`,
          });
        }
      });
    }
    if (dto.investors?.length) {
      const live = await this.projects.liveInvestors(dto.investors.map((i) => i.investorId));
      dto.investors.forEach((investor, index) => {
        if (!live.has(investor.investorId)) {
          problems.push({
            path: `investors[${index}].investorId`,
            message: 'no such (live) investor',
          });
        }
      });
    }
    if (dto.investment && !(await this.projects.currencyExists(dto.investment.currency))) {
      problems.push({
        path: 'investment.currency',
        message: `${dto.investment.currency} is not an ISO 4217 currency`,
      });
    }
    if (effective.pairingId) {
      const pairing = await this.projects.pairingWithPark(effective.pairingId, parkId);
      if (!pairing) problems.push({ path: 'pairingId', message: 'no such pairing' });
      else if (pairing.archived)
        problems.push({ path: 'pairingId', message: 'the pairing is archived' });
      else if (!pairing.hasPark)
        problems.push({
          path: 'pairingId',
          message: 'the pairing does not contain the project’s park',
        });
    }
    if (problems.length) throw invalidInput(problems);
  }

  /** The project's own point lies in its host country, and so does its subdivision. */
  private async checkLocation(
    hostCountry: string,
    location: { lon: number; lat: number; subdivisionCode?: string | null } | null,
  ): Promise<void> {
    if (!location) return;
    const subdivision = location.subdivisionCode;
    if (subdivision && !subdivision.startsWith(`${hostCountry}-`)) {
      throw invalidInput([
        {
          path: 'location.subdivisionCode',
          message: `must be a subdivision of the host country ${hostCountry} (${hostCountry}-…)`,
        },
      ]);
    }
    await this.locations.assertPlausible({
      countryCode: hostCountry,
      location: { lon: location.lon, lat: location.lat },
    });
  }

  private async require(id: string): Promise<ProjectEntity> {
    const project = await this.projects.findById(id);
    if (!project) throw projectNotFound(id);
    return project;
  }

  /** A live project the actor may write: officers only for projects hosted in their country. */
  private async requireWritable(id: string, actor: Actor): Promise<ProjectEntity> {
    const project = await this.require(id);
    assertActsForCountry(actor, project.hostCountryCode);
    if (project.archivedAt) throw projectArchived(id);
    return project;
  }

  /** Responses for a page: sectors, investors and money of all its projects in three queries. */
  private async respond(
    projects: readonly ProjectEntity[],
    sectorRows?: readonly SectorRow[],
    investorRows?: readonly InvestorRow[],
  ): Promise<ProjectResponseDto[]> {
    const ids = projects.map((p) => p.id);
    const [sectors, investors, money, parkCodes] = await Promise.all([
      sectorRows ?? this.projects.sectorsOf(ids),
      investorRows ?? this.projects.investorsOf(ids),
      this.projects.money(
        projects.map((p) => ({
          key: p.id,
          amount: p.investmentAmount,
          currency: p.investmentCurrency,
          referenceDate: p.referenceDate,
        })),
      ),
      this.projects.parkCodes(projects.map((p) => p.parkId)),
    ]);
    return projects.map((project) =>
      toProjectResponse(
        project,
        parkCodes.get(project.parkId) ?? '',
        sectors.filter((s) => s.projectId === project.id),
        investors.filter((i) => i.projectId === project.id),
        money.get(project.id),
      ),
    );
  }
}

function toProjectResponse(
  project: ProjectEntity,
  parkCode: string,
  sectors: readonly SectorRow[],
  investors: readonly InvestorRow[],
  money: MoneyRow | undefined,
): ProjectResponseDto {
  return {
    id: project.id,
    ref: project.ref,
    title: project.title,
    description: project.description,
    note: project.note,
    parkId: project.parkId,
    parkCode,
    hostCountryCode: project.hostCountryCode,
    pairingId: project.pairingId,
    investors: investors.map((i) => ({
      investorId: i.investorId,
      name: i.name,
      countryCode: i.countryCode,
      role: i.role,
      sharePct: i.sharePct,
    })),
    sectors: sectors.map((s) => ({ code: s.code, title: s.title, percentage: s.percentage })),
    type: project.type,
    stage: project.stage,
    announcedOn: project.announcedOn,
    signedOn: project.signedOn,
    constructionStartOn: project.constructionStartOn,
    operationalOn: project.operationalOn,
    referenceDate: project.referenceDate,
    investment:
      project.investmentAmount !== null && project.investmentCurrency !== null
        ? {
            amount: money?.amount ?? project.investmentAmount,
            currency: project.investmentCurrency,
          }
        : null,
    amountUsd: money?.amountUsd ?? null,
    fx:
      money?.usdPerUnit && money.rateDate && money.source
        ? { usdPerUnit: money.usdPerUnit, rateDate: money.rateDate, source: money.source }
        : null,
    jobsPlanned: project.jobsPlanned,
    jobsActual: project.jobsActual,
    estimated: project.estimated,
    location: toLocationDto(project, project.locationSubdivisionCode),
    sources: project.sources,
    version: project.version,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
    archivedAt: project.archivedAt?.toISOString() ?? null,
  };
}
