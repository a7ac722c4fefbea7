import { IfMatch } from '../../common/http/if-match.decorator';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { expectedVersion } from '../../common/http/expected-version';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../database/audited-transactions';
import { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { AsOfQueryDto, RevertDto } from '../audit/dto/record-history.dto';
import { requireReason } from '../audit/record-history';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { ChangeContext } from '../auth/change-context.decorator';
import { FxRateDto, FxRatePageDto, ListFxRatesQueryDto, PutFxRateDto } from './dto/fx-rate.dto';
import { CalendarDatePipe, CurrencyCodePipe } from './fx-rate-params';
import { FxRatesService } from './fx-rates.service';

const WRITERS = ['admin', 'analyst'] as const;

@ApiTags('fx-rates')
@Controller('fx-rates')
export class FxRatesController {
  constructor(private readonly rates: FxRatesService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'List FX rates, newest first; filter by currency and date range',
    operationId: 'listFxRates',
  })
  @ApiOkResponse({ type: FxRatePageDto })
  @ApiProblems(400)
  list(@Query() query: ListFxRatesQueryDto): Promise<FxRatePageDto> {
    return this.rates.list(query);
  }

  @Put(':currency/:date')
  @Access(WRITERS)
  @ApiOperation({
    summary:
      'Set the USD rate of a currency on a date (analysts, admins): 201 created, 200 replaced (If-Match needed to replace a different value)',
    operationId: 'putFxRate',
  })
  @ApiCreatedResponse({ type: FxRateDto })
  @ApiOkResponse({ type: FxRateDto })
  @ApiProblems(400, 412, 428)
  async put(
    @Param('currency', CurrencyCodePipe) currency: string,
    @Param('date', CalendarDatePipe) date: string,
    @Body() dto: PutFxRateDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FxRateDto> {
    const version = ifMatch ? expectedVersion(ifMatch, undefined) : undefined;
    const result = await this.rates.put(currency, date, dto, version, context);
    void reply.status(result.created ? 201 : 200);
    return result.rate;
  }

  @Get(':currency/:date')
  @Access(ALL_ROLES)
  @ApiOperation({ summary: 'One rate, now or as it was at ?asOf=', operationId: 'getFxRate' })
  @ApiOkResponse({ type: FxRateDto })
  @ApiProblems(400, 404)
  get(
    @Param('currency', CurrencyCodePipe) currency: string,
    @Param('date', CalendarDatePipe) date: string,
    @Query() query: AsOfQueryDto,
  ): Promise<FxRateDto> {
    return this.rates.get(currency, date, query.asOf);
  }

  @Get(':currency/:date/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who set or changed this rate, when and why',
    operationId: 'fxRateHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('currency', CurrencyCodePipe) currency: string,
    @Param('date', CalendarDatePipe) date: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.rates.history(currency, date, query);
  }

  @Post(':currency/:date/revert')
  @Access(WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undo one earlier change of this rate as a new change (X-Change-Reason required)',
    operationId: 'revertFxRate',
  })
  @ApiOkResponse({ type: FxRateDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('currency', CurrencyCodePipe) currency: string,
    @Param('date', CalendarDatePipe) date: string,
    @Body() dto: RevertDto,
    @ChangeContext() context: WriteContext,
  ): Promise<FxRateDto> {
    return this.rates.revert(currency, date, dto.changeId, requireReason(context));
  }
}
