import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import type { Actor } from '../../auth/actor';
import { Access, ALL_ROLES, CurrentActor } from '../../auth/access.decorator';
import {
  ReviewQueueFilterDto,
  ReviewQueuePageDto,
  ReviewQueueQueryDto,
  ReviewQueueSummaryDto,
} from '../dto/review-queue.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiTags('review desk')
@Controller('reviews')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'Review rounds a side has still to decide, soonest due first: `awaiting=me` for what awaits the caller; status counted in the deciding country’s working days',
    operationId: 'listReviews',
  })
  @ApiOkResponse({ type: ReviewQueuePageDto })
  @ApiProblems(400)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ReviewQueueQueryDto,
  ): Promise<ReviewQueuePageDto> {
    return this.queue.page(actor, query);
  }

  @Get('summary')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'How many open rounds are pending, due soon, due, overdue and escalated (the console badge)',
    operationId: 'reviewQueueSummary',
  })
  @ApiOkResponse({ type: ReviewQueueSummaryDto })
  @ApiProblems(400)
  summary(
    @CurrentActor() actor: Actor,
    @Query() query: ReviewQueueFilterDto,
  ): Promise<ReviewQueueSummaryDto> {
    return this.queue.summary(actor, query);
  }
}
