import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES } from '../../auth/access.decorator';
import type { Actor } from '../../auth/actor';
import { ConsoleAccess } from '../../auth/console-access';
import type { PairingResponseDto } from '../../pairings/dto/pairing-response.dto';
import { ListPairingsQueryDto } from '../../pairings/dto/list-pairings-query.dto';
import { PairingsService } from '../../pairings/pairings.service';
import { SectorReportQueryDto } from '../../reports/dto/report-query.dto';
import { ReportsService } from '../../reports/reports.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, renderPage } from '../console-view';
import { validateAs } from '../form-input';

const AWAITING_LIMIT = 20;

@Controller()
export class DashboardController {
  constructor(
    private readonly queries: ConsoleQueries,
    private readonly reports: ReportsService,
    private readonly pairings: PairingsService,
  ) {}

  @Get()
  @ConsoleAccess(ALL_ROLES)
  async dashboard(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(request);
    const sectorQuery = await validateAs(SectorReportQueryDto, { level: 'section' });
    const [counts, sectors, awaiting] = await Promise.all([
      this.queries.counts(),
      this.reports.sectors(sectorQuery.value ?? new SectorReportQueryDto()),
      this.awaitingReview(actor),
    ]);
    await renderPage(request, reply, 'dashboard', {
      title: 'dashboard',
      counts,
      sectors,
      awaiting,
      reviewer: actor.role === 'reviewer',
    });
  }

  /**
   * For a reviewer: submitted pairings with a side in their country on which that side has not
   * yet decided this round. For others: every submitted pairing.
   */
  private async awaitingReview(actor: Actor): Promise<PairingResponseDto[]> {
    const country = actor.role === 'reviewer' ? actor.countryCode : null;
    const query = await validateAs(ListPairingsQueryDto, {
      reviewState: 'submitted',
      limit: AWAITING_LIMIT,
      ...(country ? { country } : {}),
    });
    if (!query.value) return [];
    const submitted = (await this.pairings.list(query.value)).items;
    if (!country) return submitted;
    const rounds = await Promise.all(submitted.map((pairing) => this.pairings.reviews(pairing.id)));
    return submitted.filter((pairing, index) => {
      const current = rounds[index].rounds.find((round) => round.round === pairing.reviewRound);
      return !current?.decisions.some((decision) => decision.countryCode === country);
    });
  }
}
