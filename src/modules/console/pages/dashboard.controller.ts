import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES } from '../../auth/access.decorator';
import type { Actor } from '../../auth/actor';
import { ConsoleAccess } from '../../auth/console-access';
import type { ReviewQueueItemDto } from '../../review-desk/dto/review-queue.dto';
import { ReviewQueueQueryDto } from '../../review-desk/dto/review-queue.dto';
import { ReviewQueueService } from '../../review-desk/queue/review-queue.service';
import { SectorReportQueryDto } from '../../reports/dto/report-query.dto';
import { ReportsService } from '../../reports/reports.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, renderPage } from '../console-view';
import { deskBadgesOf } from '../desk/desk-badges';
import { validateAs } from '../form-input';

/** Rounds shown in "What awaits you"; the Reviews page has the rest. */
const AWAITING_LIMIT = 5;

@Controller()
export class DashboardController {
  constructor(
    private readonly queries: ConsoleQueries,
    private readonly reports: ReportsService,
    private readonly queue: ReviewQueueService,
  ) {}

  @Get()
  @ConsoleAccess(ALL_ROLES)
  async dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(request);
    const sectorQuery = await validateAs(SectorReportQueryDto, { level: 'section' });
    const [counts, sectors, rounds, badges] = await Promise.all([
      this.queries.counts(),
      this.reports.sectors(sectorQuery.value ?? new SectorReportQueryDto()),
      this.soonestDue(actor),
      // The same counts as the header's (read once for both).
      deskBadgesOf(request),
    ]);
    await renderPage(request, reply, 'dashboard', {
      title: 'dashboard',
      counts,
      sectors,
      rounds,
      queue: badges?.queue ?? null,
      unread: badges?.unread ?? 0,
      role: actor.role,
    });
  }

  /**
   * The first rounds of the caller's queue, soonest due first: for a reviewer, what their
   * country has still to decide; for an officer, their country's pairings under review; for
   * admins and analysts, every open round.
   */
  private async soonestDue(actor: Actor): Promise<ReviewQueueItemDto[]> {
    const query = await validateAs(ReviewQueueQueryDto, {
      limit: AWAITING_LIMIT,
      ...(actor.role === 'reviewer' ? { awaiting: 'me' } : {}),
    });
    return query.value ? (await this.queue.page(actor, query.value)).items : [];
  }
}
