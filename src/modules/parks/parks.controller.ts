import { IfMatch } from '../../common/http/if-match.decorator';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseArrayPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBody,
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
import { ListParksQueryDto } from './dto/list-parks-query.dto';
import { CreateParkDto, ParkIndustryInputDto, UpdateParkDto } from './dto/park-input.dto';
import { ParkPageDto, ParkResponseDto } from './dto/park-response.dto';
import { ParksService } from './parks.service';
import { ApiGeoListResponse, sendsGeoJson } from '../geography/api-geo-list.decorator';
import { ParkFeatureCollectionDto } from '../geography/dto/geojson.dto';

const WRITERS = ['admin', 'officer'] as const;

@ApiTags('parks')
@Controller('parks')
export class ParksController {
  constructor(private readonly parks: ParksService) {}

  @Post()
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary: 'Register a park (officers: in their own country)',
    operationId: 'createPark',
  })
  @ApiCreatedResponse({ type: ParkResponseDto })
  @ApiProblems(400, 409)
  create(
    @Body() dto: CreateParkDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ParkResponseDto> {
    return this.parks.create(dto, actor, context);
  }

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'List parks: filter by country, industry (with ISIC descendants), status, zone type, q, bbox, near + within; JSON or GeoJSON',
    operationId: 'listParks',
  })
  @ApiGeoListResponse(ParkPageDto, ParkFeatureCollectionDto)
  @ApiProblems(400)
  async list(
    @Query() query: ListParksQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParkPageDto | ParkFeatureCollectionDto> {
    if (query.format !== 'geojson') return this.parks.list(query);
    sendsGeoJson(reply);
    return this.parks.listGeoJson(query);
  }

  @Get(':id')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get a park with its focus industries, now or as it was at ?asOf=',
    operationId: 'getPark',
  })
  @ApiOkResponse({ type: ParkResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidParam()) id: string,
    @Query() query: AsOfQueryDto,
  ): Promise<ParkResponseDto> {
    return this.parks.get(id, query.asOf);
  }

  @Patch(':id')
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary: 'Change a park (If-Match required; officers: own country)',
    operationId: 'updatePark',
  })
  @ApiOkResponse({ type: ParkResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateParkDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ParkResponseDto> {
    return this.parks.update(id, dto, expectedVersion(ifMatch, dto.version), actor, context);
  }

  @Put(':id/industries')
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary: 'Set the focus industries, exactly one primary (If-Match: the park’s version)',
    operationId: 'setParkIndustries',
  })
  @ApiBody({ type: [ParkIndustryInputDto] })
  @ApiOkResponse({ type: ParkResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  setIndustries(
    @Param('id', UuidParam()) id: string,
    @Body(
      new ParseArrayPipe({
        items: ParkIndustryInputDto,
        whitelist: true,
        forbidNonWhitelisted: true,
      }),
    )
    items: ParkIndustryInputDto[],
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ParkResponseDto> {
    return this.parks.setIndustries(id, items, expectedVersion(ifMatch, undefined), actor, context);
  }

  @Delete(':id')
  @Access(WRITERS, 'own-country')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a park (If-Match and X-Change-Reason required)',
    operationId: 'archivePark',
  })
  @ApiNoContentResponse({ description: 'Archived; still readable by id' })
  @ApiProblems(400, 404, 409, 412, 428)
  async archive(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    await this.parks.archive(
      id,
      expectedVersion(ifMatch, undefined),
      actor,
      requireReason(context),
    );
  }

  @Get(':id/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who changed this park or its industry links, what, when and why',
    operationId: 'parkHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.parks.history(id, query);
  }

  @Post(':id/revert')
  @Access(WRITERS, 'own-country')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo one earlier change of the park or its industry links, as a new change (X-Change-Reason required)',
    operationId: 'revertPark',
  })
  @ApiOkResponse({ type: ParkResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('id', UuidParam()) id: string,
    @Body() dto: RevertDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ParkResponseDto> {
    return this.parks.revert(id, dto.changeId, actor, requireReason(context));
  }
}
