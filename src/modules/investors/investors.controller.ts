import { IfMatch } from '../../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { ChangeContext } from '../auth/change-context.decorator';
import { CreateInvestorDto, UpdateInvestorDto } from './dto/investor-input.dto';
import { InvestorPageDto, InvestorResponseDto } from './dto/investor-response.dto';
import { ListInvestorsQueryDto } from './dto/list-investors-query.dto';
import { InvestorsService } from './investors.service';

/** Investors are shared across countries: officers of any country register and correct them. */
const WRITERS = ['admin', 'officer'] as const;

@ApiTags('investors')
@Controller('investors')
export class InvestorsController {
  constructor(private readonly investors: InvestorsService) {}

  @Post()
  @Access(WRITERS)
  @ApiOperation({
    summary: 'Register an investor (409 INVESTOR_DUPLICATE with existingId for a known one)',
    operationId: 'createInvestor',
  })
  @ApiCreatedResponse({ type: InvestorResponseDto })
  @ApiProblems(400, 409)
  create(
    @Body() dto: CreateInvestorDto,
    @ChangeContext() context: WriteContext,
  ): Promise<InvestorResponseDto> {
    return this.investors.create(dto, context);
  }

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'List investors: filter by country, type, q',
    operationId: 'listInvestors',
  })
  @ApiOkResponse({ type: InvestorPageDto })
  @ApiProblems(400)
  list(@Query() query: ListInvestorsQueryDto): Promise<InvestorPageDto> {
    return this.investors.list(query);
  }

  @Get(':id')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get an investor, now or as it was at ?asOf=',
    operationId: 'getInvestor',
  })
  @ApiOkResponse({ type: InvestorResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidParam()) id: string,
    @Query() query: AsOfQueryDto,
  ): Promise<InvestorResponseDto> {
    return this.investors.get(id, query.asOf);
  }

  @Patch(':id')
  @Access(WRITERS)
  @ApiOperation({
    summary: 'Change an investor (If-Match required)',
    operationId: 'updateInvestor',
  })
  @ApiOkResponse({ type: InvestorResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateInvestorDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<InvestorResponseDto> {
    return this.investors.update(id, dto, expectedVersion(ifMatch, dto.version), context);
  }

  @Delete(':id')
  @Access(WRITERS)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive an investor (If-Match and X-Change-Reason required)',
    operationId: 'archiveInvestor',
  })
  @ApiNoContentResponse({ description: 'Archived; still readable by id' })
  @ApiProblems(400, 404, 409, 412, 428)
  async archive(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    await this.investors.archive(id, expectedVersion(ifMatch, undefined), requireReason(context));
  }

  @Get(':id/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who changed this investor, what, when and why',
    operationId: 'investorHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.investors.history(id, query);
  }

  @Post(':id/revert')
  @Access(WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undo one earlier change as a new change (X-Change-Reason required)',
    operationId: 'revertInvestor',
  })
  @ApiOkResponse({ type: InvestorResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('id', UuidParam()) id: string,
    @Body() dto: RevertDto,
    @ChangeContext() context: WriteContext,
  ): Promise<InvestorResponseDto> {
    return this.investors.revert(id, dto.changeId, requireReason(context));
  }
}
