import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { assertMayUse, ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { ListPairingsQueryDto } from '../../pairings/dto/list-pairings-query.dto';
import { PairingsService } from '../../pairings/pairings.service';
import { ListParksQueryDto } from '../../parks/dto/list-parks-query.dto';
import type { ParkResponseDto } from '../../parks/dto/park-response.dto';
import { CreateParkDto, ParkIndustryInputDto, UpdateParkDto } from '../../parks/dto/park-input.dto';
import { PARK_STATUSES, ZONE_TYPES } from '../../parks/park-enums';
import { ParksController } from '../../parks/parks.controller';
import { ParksService } from '../../parks/parks.service';
import { ListProjectsQueryDto } from '../../projects/dto/list-projects-query.dto';
import { ProjectsService } from '../../projects/projects.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, localeOf, redirectTo, renderPage } from '../console-view';
import {
  type FieldErrors,
  fieldErrorsOf,
  formIfPosted,
  postedForm,
  textField,
  validateAs,
  versionField,
} from '../form-input';
import {
  historyQuery,
  type HistorySource,
  renderRecordHistory,
  revertFromHistory,
} from '../history-page';
import { renderListPage } from '../list-page';
import {
  bodyFromForm,
  conflictView,
  type ConflictView,
  type FieldSpec,
  formValues,
  typedValues,
} from '../record-form';
import {
  foldLocationError,
  LOCATION_CHOICES,
  locationFromForm,
  locationValues,
  typedLocation,
} from '../maps/location-form';
import { RecordMaps } from '../maps/record-map';
import { RecordDocuments } from '../documents/record-documents';

/** Rows for focus industries on the form (a park has a handful). */
const INDUSTRY_ROWS = 8;

/** Set once, when the park is registered. */
const CREATE_ONLY: readonly FieldSpec[] = [{ name: 'code' }, { name: 'countryCode' }];

const EDITABLE: readonly FieldSpec[] = [
  { name: 'name' },
  { name: 'nameZh', nullable: true },
  { name: 'nameLocal', nullable: true },
  { name: 'city', nullable: true },
  { name: 'zoneType' },
  { name: 'status', nullable: true },
  { name: 'establishedOn', nullable: true },
  { name: 'areaHa', nullable: true },
  { name: 'website', nullable: true },
  { name: 'description', nullable: true },
  { name: 'note', nullable: true },
];

@Controller('parks')
export class ParkPagesController {
  constructor(
    private readonly parks: ParksService,
    private readonly pairings: PairingsService,
    private readonly projects: ProjectsService,
    private readonly queries: ConsoleQueries,
    private readonly documents: RecordDocuments,
    private readonly maps: RecordMaps,
  ) {}

  @Get()
  @ConsoleAccessAs(ParksController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await renderListPage(request, reply, {
      query: ListParksQueryDto,
      list: (query) => this.parks.list(query),
      view: 'parks/list',
      itemsAs: 'parks',
      data: {
        countries: await this.queries.partnerCountries(),
        zoneTypes: ZONE_TYPES,
        statuses: PARK_STATUSES,
        canCreate: mayUse(actorOf(request), ParksController, 'create'),
      },
    });
  }

  @Get('new')
  @ConsoleAccessAs(ParksController, 'create')
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(request);
    const values = { zoneType: 'industrial_park', countryCode: actor.countryCode ?? '' };
    await this.renderEdit(request, reply, null, values, 0);
  }

  @Post('new')
  @ConsoleAccessAs(ParksController, 'create')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const specs = [...CREATE_ONLY, ...EDITABLE];
    const typed = { ...typedValues(form, specs), ...typedLocation(form) };
    const input = await validateAs(CreateParkDto, {
      ...bodyFromForm(form, specs),
      location: locationFromForm(form),
    });
    if (input.errors) {
      await this.renderEdit(request, reply, null, typed, 0, input.errors, null, 400);
      return;
    }
    let created: ParkResponseDto;
    try {
      created = await this.parks.create(input.value, actorOf(request), formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.renderEdit(request, reply, null, typed, 0, fieldErrorsOf(error), null, 400);
      return;
    }
    await redirectTo(reply, `/parks/${created.id}?flash=created`);
  }

  @Get(':id')
  @ConsoleAccessAs(ParksController, 'get')
  async detail(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const park = await this.parks.get(id);
    const [pairingQuery, projectQuery] = await Promise.all([
      validateAs(ListPairingsQueryDto, { park: id, limit: 50 }),
      validateAs(ListProjectsQueryDto, { park: id, limit: 50 }),
    ]);
    const [pairings, projects, documents, map] = await Promise.all([
      this.pairings.list(pairingQuery.value ?? new ListPairingsQueryDto()),
      this.projects.list(projectQuery.value ?? new ListProjectsQueryDto()),
      this.documents.of('park', id, actorOf(request)),
      this.maps.around([id], localeOf(request).locale),
    ]);
    await renderPage(request, reply, 'parks/detail', {
      park,
      pairings: pairings.items,
      projects: projects.items,
      moreProjects: projects.nextCursor !== null,
      documents,
      map,
      canEdit: mayUse(actorOf(request), ParksController, 'update', [park.countryCode]),
    });
  }

  @Get(':id/edit')
  @ConsoleAccessAs(ParksController, 'update')
  async editForm(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const park = await this.parks.get(id);
    assertMayUse(actorOf(request), ParksController, 'update', [park.countryCode]);
    const values = { ...formValues({ ...park }, EDITABLE), ...locationValues(park.location) };
    await this.renderEdit(request, reply, park, values, park.version);
  }

  @Post(':id/edit')
  @ConsoleAccessAs(ParksController, 'update')
  async edit(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const typed = { ...typedValues(form, EDITABLE), ...typedLocation(form) };
    const formVersion = versionField(form) ?? 0;
    const input = await validateAs(UpdateParkDto, {
      ...bodyFromForm(form, EDITABLE),
      location: locationFromForm(form),
      version: formVersion,
    });
    if (input.errors) {
      const park = await this.parks.get(id);
      await this.renderEdit(request, reply, park, typed, formVersion, input.errors, null, 400);
      return;
    }
    try {
      await this.parks.update(
        id,
        input.value,
        formVersion,
        actorOf(request),
        formContext(request, form),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const park = await this.parks.get(id);
      if (error.kind === 'precondition_failed') {
        const history = await this.parks.history(id, await historyQuery());
        const conflict = conflictView({
          formVersion,
          current: { ...park },
          history,
          typed,
          specs: EDITABLE,
        });
        await this.renderEdit(request, reply, park, typed, park.version, {}, conflict, 412);
        return;
      }
      if (error.kind === 'invalid' || error.kind === 'conflict' || error.kind === 'rule_violated') {
        await this.renderEdit(
          request,
          reply,
          park,
          typed,
          formVersion,
          fieldErrorsOf(error),
          null,
          400,
        );
        return;
      }
      throw error;
    }
    await redirectTo(reply, `/parks/${id}?flash=saved`);
  }

  @Get(':id/industries')
  @ConsoleAccessAs(ParksController, 'setIndustries')
  async industriesForm(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const park = await this.parks.get(id);
    assertMayUse(actorOf(request), ParksController, 'setIndustries', [park.countryCode]);
    const rows = park.industries.map((industry) => ({
      code: industry.code,
      primary: industry.primary,
    }));
    await this.renderIndustries(request, reply, park, rows, park.version, {}, 200);
  }

  @Post(':id/industries')
  @ConsoleAccessAs(ParksController, 'setIndustries')
  async setIndustries(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const primary = textField(form, 'primary');
    const rows = Array.from({ length: INDUSTRY_ROWS }, (_, i) => ({
      code: textField(form, `industries[${i}].code`),
      primary: primary === String(i),
    })).filter((row) => row.code !== '');
    const version = versionField(form) ?? 0;
    const errors: Record<string, string> = {};
    const items: ParkIndustryInputDto[] = [];
    for (const [i, row] of rows.entries()) {
      const item = await validateAs(ParkIndustryInputDto, row);
      if (item.value) items.push(item.value);
      for (const [path, message] of Object.entries(item.errors ?? {})) {
        errors[`industries[${i}].${path}`] = message;
      }
    }
    const park = await this.parks.get(id);
    if (Object.keys(errors).length > 0) {
      await this.renderIndustries(request, reply, park, rows, version, errors, 400);
      return;
    }
    try {
      await this.parks.setIndustries(
        id,
        items,
        version,
        actorOf(request),
        formContext(request, form),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      const stale = error.kind === 'precondition_failed';
      // A stale form comes back with the rows as typed and the current version to save over.
      await this.renderIndustries(
        request,
        reply,
        park,
        rows,
        stale ? park.version : version,
        fieldErrorsOf(error),
        stale ? 412 : 400,
      );
      return;
    }
    await redirectTo(reply, `/parks/${id}?flash=saved`);
  }

  @Get(':id/history')
  @ConsoleAccessAs(ParksController, 'history')
  async history(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await renderRecordHistory(request, reply, this.queries, this.historyOf(id, request));
  }

  @Post(':id/revert')
  @ConsoleAccessAs(ParksController, 'revert')
  async revert(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const record = this.historyOf(id, request);
    await revertFromHistory(request, reply, this.queries, record, (changeId, context) =>
      this.parks.revert(id, changeId, actorOf(request), context),
    );
  }

  /** The record's history as the history page and its undo buttons read it. */
  private historyOf(id: string, request: FastifyRequest): HistorySource<ParkResponseDto> {
    return {
      service: this.parks,
      id,
      path: `/parks/${id}`,
      name: (park) => `${park.code} ${park.name}`,
      canRevert: (park) => mayUse(actorOf(request), ParksController, 'revert', [park.countryCode]),
    };
  }

  private async renderIndustries(
    request: FastifyRequest,
    reply: FastifyReply,
    park: ParkResponseDto,
    rows: readonly { code: string; primary: boolean }[],
    version: number,
    errors: FieldErrors,
    status: number,
  ): Promise<void> {
    const form = formIfPosted(request);
    await renderPage(
      request,
      reply,
      'parks/industries',
      {
        park,
        rows: Array.from(
          { length: INDUSTRY_ROWS },
          (_, i) => rows[i] ?? { code: '', primary: false },
        ),
        version,
        errors,
        reason: textField(form, 'reason'),
      },
      status,
    );
  }

  private async renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    park: ParkResponseDto | null,
    values: Record<string, string>,
    version: number,
    errors: FieldErrors = {},
    conflict: ConflictView | null = null,
    status = 200,
  ): Promise<void> {
    await renderPage(
      request,
      reply,
      'parks/form',
      {
        park,
        countries: park ? [] : await this.queries.partnerCountries(),
        values,
        version,
        errors: foldLocationError(errors),
        conflict,
        zoneTypes: ZONE_TYPES,
        statuses: PARK_STATUSES,
        ...LOCATION_CHOICES,
        reason: textField(formIfPosted(request), 'reason'),
      },
      status,
    );
  }
}
