import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleAccessAs } from '../../auth/console-access';
import { REVIEW_STATUSES, ReviewQueueQueryDto } from '../../review-desk/dto/review-queue.dto';
import { ReviewQueueController } from '../../review-desk/queue/review-queue.controller';
import { ReviewQueueService } from '../../review-desk/queue/review-queue.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf } from '../console-view';
import { renderListPage } from '../list-page';

/** The review queue: the rounds a side has still to decide, soonest due first. */
@Controller('reviews')
export class ReviewPagesController {
  constructor(
    private readonly queue: ReviewQueueService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(ReviewQueueController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(request);
    const countries = await this.queries.partnerCountries();
    await renderListPage(request, reply, {
      query: ReviewQueueQueryDto,
      list: (query) => this.queue.page(actor, query),
      view: 'desk/reviews',
      itemsAs: 'rounds',
      data: {
        countries,
        countryNames: Object.fromEntries(countries.map((country) => [country.code, country])),
        statuses: REVIEW_STATUSES,
      },
    });
  }
}
