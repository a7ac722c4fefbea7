import { PublicationService } from '../../open-data/snapshots/publication.service';
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import type { Actor } from '../../auth/actor';
import { ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { ListPairingsQueryDto } from '../../pairings/dto/list-pairings-query.dto';
import { ReviewDecisionDto } from '../../pairings/dto/pairing-input.dto';
import type { PairingResponseDto, ReviewRoundsDto } from '../../pairings/dto/pairing-response.dto';
import { DECISIONS, PAIRING_STATUSES, REVIEW_STATES } from '../../pairings/pairing-enums';
import { PairingsController } from '../../pairings/pairings.controller';
import { PairingsService } from '../../pairings/pairings.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, localeOf, redirectTo, renderPage } from '../console-view';
import {
  type FieldErrors,
  fieldErrorsOf,
  formIfPosted,
  postedForm,
  textField,
  validateAs,
  versionField,
} from '../form-input';
import { type HistorySource, renderRecordHistory, revertFromHistory } from '../history-page';
import { renderListPage } from '../list-page';
import { RecordMaps } from '../maps/record-map';
import { RecordDocuments } from '../documents/record-documents';

/** Lines of the IATI preview shown on the review panel (the whole file is a download away). */
const PREVIEW_LINES = 200;

@Controller('pairings')
export class PairingPagesController {
  constructor(
    private readonly pairings: PairingsService,
    private readonly queries: ConsoleQueries,
    private readonly documents: RecordDocuments,
    private readonly maps: RecordMaps,
    private readonly publication: PublicationService,
  ) {}

  @Get()
  @ConsoleAccessAs(PairingsController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await renderListPage(request, reply, {
      query: ListPairingsQueryDto,
      list: (query) => this.pairings.list(query),
      view: 'pairings/list',
      itemsAs: 'pairings',
      data: {
        countries: await this.queries.partnerCountries(),
        reviewStates: REVIEW_STATES,
        statuses: PAIRING_STATUSES,
      },
    });
  }

  @Get(':id')
  @ConsoleAccessAs(PairingsController, 'get')
  async detail(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderDetail(request, reply, id);
  }

  @Post(':id/submit')
  @ConsoleAccessAs(PairingsController, 'submit')
  async submit(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const version = versionField(form);
    try {
      await this.pairings.submit(id, version, actorOf(request), formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.renderDetail(request, reply, id, fieldErrorsOf(error), 409);
      return;
    }
    await redirectTo(reply, `/pairings/${id}?flash=submitted`);
  }

  @Post(':id/reviews')
  @ConsoleAccessAs(PairingsController, 'review')
  async review(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const input = await validateAs(ReviewDecisionDto, {
      decision: textField(form, 'decision'),
      comment: textField(form, 'comment') || null,
    });
    if (input.errors) {
      await this.renderDetail(request, reply, id, input.errors, 400);
      return;
    }
    try {
      await this.pairings.review(id, input.value, actorOf(request), formContext(request, {}));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.renderDetail(request, reply, id, fieldErrorsOf(error), 400);
      return;
    }
    await redirectTo(reply, `/pairings/${id}?flash=decided`);
  }

  @Get(':id/history')
  @ConsoleAccessAs(PairingsController, 'history')
  async history(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await renderRecordHistory(request, reply, this.queries, this.historyOf(id, request));
  }

  @Post(':id/revert')
  @ConsoleAccessAs(PairingsController, 'revert')
  async revert(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const record = this.historyOf(id, request);
    await revertFromHistory(request, reply, this.queries, record, (changeId, context) =>
      this.pairings.revert(id, changeId, actorOf(request), context),
    );
  }

  /** The record's history as the history page and its undo buttons read it. */
  private historyOf(id: string, request: FastifyRequest): HistorySource<PairingResponseDto> {
    return {
      service: this.pairings,
      id,
      path: `/pairings/${id}`,
      name: (pairing) => `${pairing.code} ${pairing.name}`,
      canRevert: (pairing) =>
        mayUse(
          actorOf(request),
          PairingsController,
          'revert',
          pairing.sides.map((side) => side.countryCode),
        ),
    };
  }

  private async renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldErrors = {},
    status = 200,
  ): Promise<void> {
    const actor = actorOf(request);
    const [pairing, reviews, documents] = await Promise.all([
      this.pairings.get(id),
      this.pairings.reviews(id),
      this.documents.of('pairing', id, actorOf(request)),
    ]);
    const names = await this.queries.actorNames(
      reviews.rounds.flatMap((round) => [
        round.submittedBy,
        ...round.decisions.map((decision) => decision.reviewerId),
      ]),
    );
    const countries = pairing.sides.map((side) => side.countryCode);
    const reviewSide = this.sideToReview(actor, pairing, reviews);
    // A reviewer sees what approving would publish, validated, before deciding.
    const preview = reviewSide ? await this.publication.preview(id) : null;
    const map = await this.maps.around(
      pairing.sides.flatMap((side) => side.parks.map((park) => park.id)),
      localeOf(request).locale,
      pairing.id,
    );
    await renderPage(
      request,
      reply,
      'pairings/detail',
      {
        pairing,
        documents,
        map,
        rounds: [...reviews.rounds].reverse(),
        names: Object.fromEntries(names),
        canSubmit:
          (pairing.reviewState === 'draft' || pairing.reviewState === 'returned') &&
          pairing.archivedAt === null &&
          mayUse(actor, PairingsController, 'submit', countries),
        reviewSide,
        preview: preview && {
          ...preview,
          iatiExcerpt: preview.feeds?.iatiXml.split('\n').slice(0, PREVIEW_LINES).join('\n'),
        },
        decisions: DECISIONS,
        errors,
        comment: textField(formIfPosted(request), 'comment'),
      },
      status,
    );
  }

  /** The side the actor may decide for now: a reviewer of a side, submitted, not yet decided. */
  private sideToReview(
    actor: Actor,
    pairing: PairingResponseDto,
    reviews: ReviewRoundsDto,
  ): string | null {
    if (pairing.reviewState !== 'submitted' || pairing.archivedAt !== null) return null;
    const side = pairing.sides.find((s) => s.countryCode === actor.countryCode)?.countryCode;
    if (!side || !mayUse(actor, PairingsController, 'review', [side])) return null;
    const round = reviews.rounds.find((r) => r.round === pairing.reviewRound);
    return round?.decisions.some((d) => d.countryCode === side) ? null : side;
  }
}
