import { IfMatch } from '../../common/http/if-match.decorator';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiGeoListResponse, sendsGeoJson } from '../geography/api-geo-list.decorator';
import { ProjectFeatureCollectionDto } from '../geography/dto/geojson.dto';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { expectedVersion } from '../../common/http/expected-version';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { WriteContext } from '../../database/audited-transactions';
import { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { AsOfQueryDto, RevertDto } from '../audit/dto/record-history.dto';
import { requireReason } from '../audit/record-history';
import { Access, ALL_ROLES, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { ChangeContext } from '../auth/change-context.decorator';
import { ListProjectsPageQueryDto } from './dto/list-projects-query.dto';
import { CreateProjectDto, UpdateProjectDto } from './dto/project-input.dto';
import { ProjectPageDto, ProjectResponseDto } from './dto/project-response.dto';
import { ProjectsService } from './projects.service';

const WRITERS = ['admin', 'officer'] as const;

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary:
      'Log an investment project (officers: hosted in their country); the ref, host country and USD amount are derived',
    operationId: 'createProject',
  })
  @ApiCreatedResponse({ type: ProjectResponseDto })
  @ApiProblems(400)
  create(
    @Body() dto: CreateProjectDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ProjectResponseDto> {
    return this.projects.create(dto, actor, context);
  }

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'List projects: country, park, pairing, industry (with descendants), stage, type, investor, investorCountry, from/to (reference date), minUsd/maxUsd, q, bbox, near + within; JSON or GeoJSON',
    operationId: 'listProjects',
  })
  @ApiGeoListResponse(ProjectPageDto, ProjectFeatureCollectionDto)
  @ApiProblems(400)
  async list(
    @Query() query: ListProjectsPageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectPageDto | ProjectFeatureCollectionDto> {
    if (query.format !== 'geojson') return this.projects.list(query);
    sendsGeoJson(reply);
    return this.projects.listGeoJson(query);
  }

  @Get(':id')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get a project with sectors, investors and USD amount, now or as it was at ?asOf=',
    operationId: 'getProject',
  })
  @ApiOkResponse({ type: ProjectResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidParam()) id: string,
    @Query() query: AsOfQueryDto,
  ): Promise<ProjectResponseDto> {
    return this.projects.get(id, query.asOf);
  }

  @Patch(':id')
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary:
      'Change a project; sectors and investors, when sent, replace the lists (If-Match required)',
    operationId: 'updateProject',
  })
  @ApiOkResponse({ type: ProjectResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateProjectDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ProjectResponseDto> {
    return this.projects.update(id, dto, expectedVersion(ifMatch, dto.version), actor, context);
  }

  @Delete(':id')
  @Access(WRITERS, 'own-country')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a project (If-Match and X-Change-Reason required)',
    operationId: 'archiveProject',
  })
  @ApiNoContentResponse({ description: 'Archived; still readable by id' })
  @ApiProblems(400, 404, 409, 412, 428)
  async archive(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    await this.projects.archive(
      id,
      expectedVersion(ifMatch, undefined),
      actor,
      requireReason(context),
    );
  }

  @Get(':id/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who changed this project, its sectors or investors, what, when and why',
    operationId: 'projectHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.projects.history(id, query);
  }

  @Post(':id/revert')
  @Access(WRITERS, 'own-country')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo one earlier change of the project’s fields, as a new change (X-Change-Reason required)',
    operationId: 'revertProject',
  })
  @ApiOkResponse({ type: ProjectResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('id', UuidParam()) id: string,
    @Body() dto: RevertDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ProjectResponseDto> {
    return this.projects.revert(id, dto.changeId, actor, requireReason(context));
  }
}
