import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { assertMayUse, ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { ListProjectsQueryDto } from '../../projects/dto/list-projects-query.dto';
import { CreateProjectDto, UpdateProjectDto } from '../../projects/dto/project-input.dto';
import type { ProjectResponseDto } from '../../projects/dto/project-response.dto';
import { INVESTOR_ROLES, PROJECT_STAGES, PROJECT_TYPES } from '../../projects/project-enums';
import { ProjectsController } from '../../projects/projects.controller';
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
  INVESTOR_ROWS,
  PROJECT_FIELDS,
  projectBody,
  type ProjectFormValues,
  projectFormValues,
  SECTOR_ROWS,
  typedProjectValues,
} from '../project-form';
import { CurrencyList } from '../pickers/currency-list';
import { FormKeys } from '../pickers/form-keys';
import { conflictView, type ConflictView } from '../record-form';
import { RecordDocuments } from '../documents/record-documents';
import { foldLocationError, LOCATION_CHOICES } from '../maps/location-form';

interface EditState {
  readonly project: ProjectResponseDto | null;
  readonly values: ProjectFormValues;
  readonly version: number;
  readonly errors?: FieldErrors;
  readonly conflict?: ConflictView | null;
  readonly status?: number;
}

@Controller('projects')
export class ProjectPagesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly queries: ConsoleQueries,
    private readonly keys: FormKeys,
    private readonly currencies: CurrencyList,
    private readonly documents: RecordDocuments,
  ) {}

  @Get()
  @ConsoleAccessAs(ProjectsController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await renderListPage(request, reply, {
      query: ListProjectsQueryDto,
      list: (query) => this.projects.list(query),
      view: 'projects/list',
      itemsAs: 'projects',
      data: {
        countries: await this.queries.partnerCountries(),
        stages: PROJECT_STAGES,
        types: PROJECT_TYPES,
        canCreate: mayUse(actorOf(request), ProjectsController, 'create'),
      },
    });
  }

  @Get('new')
  @ConsoleAccessAs(ProjectsController, 'create')
  async newForm(
    @Query('park') park: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values: ProjectFormValues = { type: 'greenfield', stage: 'pipeline' };
    // From a park's page: that park, and its country's currency chosen already.
    const host = typeof park === 'string' ? await this.keys.park(park) : null;
    if (host) {
      values.parkId = host.code;
      values['investment.currency'] = host.currencyCode ?? '';
    }
    await this.renderForm(request, reply, { project: null, values, version: 0 });
  }

  @Post('new')
  @ConsoleAccessAs(ProjectsController, 'create')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const values = typedProjectValues(form);
    const resolved = await this.resolve(request, form);
    const input = await validateAs(CreateProjectDto, projectBody(resolved.form));
    if (input.errors || hasErrors(resolved.errors)) {
      await this.renderForm(request, reply, {
        project: null,
        values,
        version: 0,
        errors: { ...input.errors, ...resolved.errors },
        status: 400,
      });
      return;
    }
    let created: ProjectResponseDto;
    try {
      created = await this.projects.create(
        input.value,
        actorOf(request),
        formContext(request, form),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.renderForm(request, reply, {
        project: null,
        values,
        version: 0,
        errors: fieldErrorsOf(error),
        status: 400,
      });
      return;
    }
    await redirectTo(reply, `/projects/${created.id}?flash=created`);
  }

  @Get(':id')
  @ConsoleAccessAs(ProjectsController, 'get')
  async detail(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [project, documents] = await Promise.all([
      this.projects.get(id),
      this.documents.of('project', id, actorOf(request)),
    ]);
    await renderPage(request, reply, 'projects/detail', {
      project,
      documents,
      canEdit: mayUse(actorOf(request), ProjectsController, 'update', [project.hostCountryCode]),
    });
  }

  @Get(':id/edit')
  @ConsoleAccessAs(ProjectsController, 'update')
  async editForm(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const project = await this.projects.get(id);
    assertMayUse(actorOf(request), ProjectsController, 'update', [project.hostCountryCode]);
    await this.renderForm(request, reply, {
      project,
      values: await this.keys.readableKeys(project, projectFormValues(project)),
      version: project.version,
    });
  }

  @Post(':id/edit')
  @ConsoleAccessAs(ProjectsController, 'update')
  async edit(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const values = typedProjectValues(form);
    const formVersion = versionField(form) ?? 0;
    const resolved = await this.resolve(request, form);
    const input = await validateAs(UpdateProjectDto, {
      ...projectBody(resolved.form),
      version: formVersion,
    });
    if (input.errors || hasErrors(resolved.errors)) {
      const project = await this.projects.get(id);
      await this.renderForm(request, reply, {
        project,
        values,
        version: formVersion,
        errors: { ...input.errors, ...resolved.errors },
        status: 400,
      });
      return;
    }
    try {
      await this.projects.update(
        id,
        input.value,
        formVersion,
        actorOf(request),
        formContext(request, form),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      const project = await this.projects.get(id);
      if (error.kind === 'precondition_failed') {
        const history = await this.projects.history(id, await historyQuery());
        const conflict = conflictView({
          formVersion,
          current: await this.keys.readableKeys(project, projectFormValues(project)),
          history,
          typed: values,
          specs: PROJECT_FIELDS,
        });
        await this.renderForm(request, reply, {
          project,
          values,
          version: project.version,
          conflict,
          status: 412,
        });
        return;
      }
      await this.renderForm(request, reply, {
        project,
        values,
        version: formVersion,
        errors: fieldErrorsOf(error),
        status: 400,
      });
      return;
    }
    await redirectTo(reply, `/projects/${id}?flash=saved`);
  }

  @Get(':id/history')
  @ConsoleAccessAs(ProjectsController, 'history')
  async history(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await renderRecordHistory(request, reply, this.queries, this.historyOf(id, request));
  }

  @Post(':id/revert')
  @ConsoleAccessAs(ProjectsController, 'revert')
  async revert(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const record = this.historyOf(id, request);
    await revertFromHistory(request, reply, this.queries, record, (changeId, context) =>
      this.projects.revert(id, changeId, actorOf(request), context),
    );
  }

  /** The record's history as the history page and its undo buttons read it. */
  private historyOf(id: string, request: FastifyRequest): HistorySource<ProjectResponseDto> {
    return {
      service: this.projects,
      id,
      path: `/projects/${id}`,
      name: (project) => `${project.ref} ${project.title}`,
      canRevert: (project) =>
        mayUse(actorOf(request), ProjectsController, 'revert', [project.hostCountryCode]),
    };
  }

  /** Park, pairing and investor keys as typed (or picked) → ids, for the API's validation. */
  private resolve(request: FastifyRequest, form: Record<string, unknown>) {
    return this.keys.resolveProject(form, INVESTOR_ROWS, localeOf(request));
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: EditState,
  ): Promise<void> {
    const actor = actorOf(request);
    const host = await this.keys.hostCurrency(state.values.parkId ?? '', actor.countryCode);
    const form = formIfPosted(request);
    await renderPage(
      request,
      reply,
      'projects/form',
      {
        project: state.project,
        values: state.values,
        version: state.version,
        errors: foldLocationError(state.errors ?? {}),
        conflict: state.conflict ?? null,
        ...LOCATION_CHOICES,
        currencyGroups: await this.currencies.groups(host, localeOf(request)),
        types: PROJECT_TYPES,
        stages: PROJECT_STAGES,
        roles: INVESTOR_ROLES,
        sectorRows: SECTOR_ROWS,
        investorRows: INVESTOR_ROWS,
        reason: textField(form, 'reason'),
      },
      state.status ?? 200,
    );
  }
}

function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
