import { IfMatch } from '../../common/http/if-match.decorator';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { expectedVersion } from '../../common/http/expected-version';
import type { WriteContext } from '../../database/audited-transactions';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { ChangeContext } from '../auth/change-context.decorator';
import { UpdateCountryDto } from './dto/update-country.dto';
import { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { AsOfQueryDto, RevertDto } from '../audit/dto/record-history.dto';
import { requireReason } from '../audit/record-history';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { CountriesService } from './countries.service';
import { CountryCodePipe } from './country-code.pipe';
import { CountryPageDto, CountryResponseDto } from './dto/country-response.dto';
import { ListCountriesQueryDto } from './dto/list-countries-query.dto';

@ApiTags('countries')
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({ summary: 'List ISO 3166-1 countries', operationId: 'listCountries' })
  @ApiOkResponse({ type: CountryPageDto })
  @ApiProblems(400)
  list(@Query() query: ListCountriesQueryDto): Promise<CountryPageDto> {
    return this.countries.list(query);
  }

  @Get(':code')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get a country by alpha-2 code (any case), now or as it was at ?asOf=',
    operationId: 'getCountry',
  })
  @ApiOkResponse({ type: CountryResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('code', CountryCodePipe) code: string,
    @Query() query: AsOfQueryDto,
  ): Promise<CountryResponseDto> {
    return this.countries.get(code, query.asOf);
  }

  @Patch(':code')
  @Access(['admin'])
  @ApiOperation({
    summary: 'Correct a country’s reference data (admin; If-Match required)',
    operationId: 'updateCountry',
  })
  @ApiOkResponse({ type: CountryResponseDto })
  @ApiProblems(400, 404, 412, 428)
  update(
    @Param('code', CountryCodePipe) code: string,
    @Body() dto: UpdateCountryDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<CountryResponseDto> {
    return this.countries.update(code, dto, expectedVersion(ifMatch, dto.version), context);
  }

  @Post(':code/revert')
  @Access(['admin'])
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo one earlier change as a new change (admin; X-Change-Reason required; 409 when a later change touched the same fields)',
    operationId: 'revertCountry',
  })
  @ApiOkResponse({ type: CountryResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('code', CountryCodePipe) code: string,
    @Body() dto: RevertDto,
    @ChangeContext() context: WriteContext,
  ): Promise<CountryResponseDto> {
    return this.countries.revert(code, dto.changeId, requireReason(context));
  }

  @Get(':code/history')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Who changed this country, what, when and why',
    operationId: 'countryHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('code', CountryCodePipe) code: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.countries.history(code, query);
  }
}
