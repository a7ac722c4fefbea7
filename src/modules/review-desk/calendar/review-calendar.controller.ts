import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { IfMatch } from '../../../common/http/if-match.decorator';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../../database/audited-transactions';
import { Access, ALL_ROLES } from '../../auth/access.decorator';
import { ChangeContext } from '../../auth/change-context.decorator';
import { CountryCodePipe } from '../../countries/country-code.pipe';
import {
  HolidayImportResultDto,
  PutReviewCalendarDto,
  ReviewCalendarDto,
} from '../dto/review-calendar.dto';
import { ReviewCalendarService } from './review-calendar.service';

export class HolidayImportQueryDto {
  /** The holidays are of this ISO 3166-2 subdivision only (state holidays); omitted: national. */
  @ApiPropertyOptional({ example: 'MY-01' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, {
    message: 'subdivision must be an ISO 3166-2 code such as MY-01',
  })
  subdivision?: string;
}

@ApiTags('review desk')
@Controller('countries/:code/review-calendar')
export class ReviewCalendarController {
  constructor(private readonly calendars: ReviewCalendarService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'A country’s review calendar: review period in working days, working week, subdivision weeks, holidays, time zone (version 0: the default, nothing stored)',
    operationId: 'getReviewCalendar',
  })
  @ApiOkResponse({ type: ReviewCalendarDto })
  @ApiProblems(400, 404)
  get(@Param('code', CountryCodePipe) code: string): Promise<ReviewCalendarDto> {
    return this.calendars.get(code);
  }

  @Put()
  @Access(['admin'])
  @ApiOperation({
    summary:
      'Replace a country’s review calendar (admin; If-Match once stored). The rounds the country has still to decide are dated again.',
    operationId: 'putReviewCalendar',
  })
  @ApiOkResponse({ type: ReviewCalendarDto })
  @ApiProblems(400, 404, 412, 428)
  put(
    @Param('code', CountryCodePipe) code: string,
    @Body() dto: PutReviewCalendarDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<ReviewCalendarDto> {
    return this.calendars.put(code, dto, ifMatch, context);
  }

  @Post('holidays')
  @Access(['admin'])
  @ApiOperation({
    summary:
      'Add the holidays of an iCalendar file (text/calendar, RFC 5545): each event’s summary on each day it covers; yearly events expanded five years (admin; If-Match once stored)',
    operationId: 'importReviewHolidays',
  })
  @ApiConsumes('text/calendar')
  @ApiBody({ schema: { type: 'string', example: 'BEGIN:VCALENDAR\r\n...\r\nEND:VCALENDAR' } })
  @ApiOkResponse({ type: HolidayImportResultDto })
  @ApiProblems(400, 404, 412, 413, 415, 428)
  importHolidays(
    @Param('code', CountryCodePipe) code: string,
    @Query() query: HolidayImportQueryDto,
    @Req() request: FastifyRequest,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<HolidayImportResultDto> {
    if (typeof request.body !== 'string') {
      throw new DomainError(
        'unsupported_media_type',
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the calendar as text/calendar (an .ics file).',
      );
    }
    return this.calendars.importHolidays(
      code,
      request.body,
      query.subdivision ?? null,
      ifMatch,
      context,
    );
  }
}
