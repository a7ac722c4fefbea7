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
import { PairingFeatureCollectionDto } from '../geography/dto/geojson.dto';
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
import { ListPairingsQueryDto } from './dto/list-pairings-query.dto';
import { CreatePairingDto, ReviewDecisionDto, UpdatePairingDto } from './dto/pairing-input.dto';
import { PairingPageDto, PairingResponseDto, ReviewRoundsDto } from './dto/pairing-response.dto';
import { PairingsService } from './pairings.service';

const WRITERS = ['admin', 'officer'] as const;

/** If-Match is optional on workflow steps (the row lock orders them); when sent, it is checked. */
function optionalVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch ? expectedVersion(ifMatch, undefined) : undefined;
}

@ApiTags('pairings')
@Controller('pairings')
export class PairingsController {
  constructor(private readonly pairings: PairingsService) {}

  @Post()
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary: 'Create a pairing in draft (officers: with a side in their country)',
    operationId: 'createPairing',
  })
  @ApiCreatedResponse({ type: PairingResponseDto })
  @ApiProblems(400, 409)
  create(
    @Body() dto: CreatePairingDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<PairingResponseDto> {
    return this.pairings.create(dto, actor, context);
  }

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'List pairings: filter by country, park, industry (with descendants), reviewState, status, bbox, near + within; JSON or GeoJSON (arcs between the parks)',
    operationId: 'listPairings',
  })
  @ApiGeoListResponse(PairingPageDto, PairingFeatureCollectionDto)
  @ApiProblems(400)
  async list(
    @Query() query: ListPairingsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PairingPageDto | PairingFeatureCollectionDto> {
    if (query.format !== 'geojson') return this.pairings.list(query);
    sendsGeoJson(reply);
    return this.pairings.listGeoJson(query);
  }

  @Get(':id')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get a pairing with its sides and industries, now or as it was at ?asOf=',
    operationId: 'getPairing',
  })
  @ApiOkResponse({ type: PairingResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidParam()) id: string,
    @Query() query: AsOfQueryDto,
  ): Promise<PairingResponseDto> {
    return this.pairings.get(id, query.asOf);
  }

  @Patch(':id')
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary:
      'Change a pairing (If-Match; officers: draft or returned only; new sides or industries of an approved pairing put it back to draft)',
    operationId: 'updatePairing',
  })
  @ApiOkResponse({ type: PairingResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdatePairingDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<PairingResponseDto> {
    return this.pairings.update(id, dto, expectedVersion(ifMatch, dto.version), actor, context);
  }

  @Delete(':id')
  @Access(WRITERS, 'own-country')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a pairing (If-Match and X-Change-Reason required)',
    operationId: 'archivePairing',
  })
  @ApiNoContentResponse({ description: 'Archived; still readable by id' })
  @ApiProblems(400, 404, 409, 412, 428)
  async archive(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    await this.pairings.archive(
      id,
      expectedVersion(ifMatch, undefined),
      actor,
      requireReason(context),
    );
  }

  @Post(':id/submit')
  @Access(WRITERS, 'own-country')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit for review: draft or returned -> submitted (an officer of either side, or an admin)',
    operationId: 'submitPairing',
  })
  @ApiOkResponse({ type: PairingResponseDto })
  @ApiProblems(400, 404, 409, 412)
  submit(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<PairingResponseDto> {
    return this.pairings.submit(id, optionalVersion(ifMatch), actor, context);
  }

  @Post(':id/reviews')
  @Access(['reviewer'], 'own-country')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide for your country’s side in this round: approve, return or reject (return and reject need a reason: X-Change-Reason or comment)',
    operationId: 'reviewPairing',
  })
  @ApiOkResponse({ type: PairingResponseDto })
  @ApiProblems(400, 404, 409, 428)
  review(
    @Param('id', UuidParam()) id: string,
    @Body() dto: ReviewDecisionDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<PairingResponseDto> {
    return this.pairings.review(id, dto, actor, context);
  }

  @Get(':id/reviews')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'Review rounds, oldest first: submitter and time, each side’s decision, reviewer and time',
    operationId: 'listPairingReviews',
  })
  @ApiOkResponse({ type: ReviewRoundsDto })
  @ApiProblems(400, 404)
  reviews(@Param('id', UuidParam()) id: string): Promise<ReviewRoundsDto> {
    return this.pairings.reviews(id);
  }

  @Get(':id/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who changed this pairing, its parks, industries and reviews, what, when and why',
    operationId: 'pairingHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.pairings.history(id, query);
  }

  @Post(':id/revert')
  @Access(WRITERS, 'own-country')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo one earlier change of the pairing, its parks or industries, as a new change (X-Change-Reason required)',
    operationId: 'revertPairing',
  })
  @ApiOkResponse({ type: PairingResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('id', UuidParam()) id: string,
    @Body() dto: RevertDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<PairingResponseDto> {
    return this.pairings.revert(id, dto.changeId, actor, requireReason(context));
  }
}
