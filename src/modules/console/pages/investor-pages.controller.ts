import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { CreateInvestorDto } from '../../investors/dto/investor-input.dto';
import type { InvestorResponseDto } from '../../investors/dto/investor-response.dto';
import { ListInvestorsQueryDto } from '../../investors/dto/list-investors-query.dto';
import { INVESTOR_TYPES } from '../../investors/investor-enums';
import { InvestorsController } from '../../investors/investors.controller';
import { InvestorsService } from '../../investors/investors.service';
import { ListProjectsQueryDto } from '../../projects/dto/list-projects-query.dto';
import { ProjectsService } from '../../projects/projects.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, redirectTo, renderPage } from '../console-view';
import {
  type FieldErrors,
  fieldErrorsOf,
  formIfPosted,
  postedForm,
  textField,
  validateAs,
} from '../form-input';
import { bodyFromForm, type FieldSpec, typedValues } from '../record-form';
import { type HistorySource, renderRecordHistory, revertFromHistory } from '../history-page';
import { renderListPage } from '../list-page';
import { RecordDocuments } from '../documents/record-documents';

const INVESTOR_FIELDS: readonly FieldSpec[] = [
  { name: 'name' },
  { name: 'nameZh', nullable: true },
  { name: 'nameLocal', nullable: true },
  { name: 'countryCode' },
  { name: 'type', nullable: true },
  { name: 'website', nullable: true },
  { name: 'description', nullable: true },
  { name: 'note', nullable: true },
];

@Controller('investors')
export class InvestorPagesController {
  constructor(
    private readonly investors: InvestorsService,
    private readonly projects: ProjectsService,
    private readonly queries: ConsoleQueries,
    private readonly documents: RecordDocuments,
  ) {}

  @Get()
  @ConsoleAccessAs(InvestorsController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await renderListPage(request, reply, {
      query: ListInvestorsQueryDto,
      list: (query) => this.investors.list(query),
      view: 'investors/list',
      itemsAs: 'investors',
      data: {
        types: INVESTOR_TYPES,
        canCreate: mayUse(actorOf(request), InvestorsController, 'create'),
      },
    });
  }

  @Get('new')
  @ConsoleAccessAs(InvestorsController, 'create')
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const values = { countryCode: actorOf(request).countryCode ?? '' };
    await this.renderForm(request, reply, values, {}, null, 200);
  }

  @Post('new')
  @ConsoleAccessAs(InvestorsController, 'create')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const typed = typedValues(form, INVESTOR_FIELDS);
    const input = await validateAs(CreateInvestorDto, bodyFromForm(form, INVESTOR_FIELDS));
    if (input.errors) {
      await this.renderForm(request, reply, typed, input.errors, null, 400);
      return;
    }
    let created: InvestorResponseDto;
    try {
      created = await this.investors.create(input.value, formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      // A known investor: say which, so the officer can use it instead.
      const existing = error.options.extensions?.existingId;
      await this.renderForm(
        request,
        reply,
        typed,
        fieldErrorsOf(error),
        typeof existing === 'string' ? existing : null,
        error.kind === 'conflict' ? 409 : 400,
      );
      return;
    }
    await redirectTo(reply, `/investors/${created.id}?flash=created`);
  }

  @Get(':id')
  @ConsoleAccessAs(InvestorsController, 'get')
  async detail(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const investor = await this.investors.get(id);
    const projectQuery = await validateAs(ListProjectsQueryDto, { investor: id, limit: 50 });
    const [projects, documents] = await Promise.all([
      this.projects.list(projectQuery.value ?? new ListProjectsQueryDto()),
      this.documents.of('investor', id, actorOf(request)),
    ]);
    await renderPage(request, reply, 'investors/detail', {
      investor,
      projects: projects.items,
      documents,
    });
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    existingId: string | null,
    status: number,
  ): Promise<void> {
    await renderPage(
      request,
      reply,
      'investors/form',
      {
        values,
        errors,
        existingId,
        types: INVESTOR_TYPES,
        reason: textField(formIfPosted(request), 'reason'),
      },
      status,
    );
  }

  @Get(':id/history')
  @ConsoleAccessAs(InvestorsController, 'history')
  async history(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await renderRecordHistory(request, reply, this.queries, this.historyOf(id, request));
  }

  @Post(':id/revert')
  @ConsoleAccessAs(InvestorsController, 'revert')
  async revert(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const record = this.historyOf(id, request);
    await revertFromHistory(request, reply, this.queries, record, (changeId, context) =>
      this.investors.revert(id, changeId, context),
    );
  }

  /** The record's history as the history page and its undo buttons read it. */
  private historyOf(id: string, request: FastifyRequest): HistorySource<InvestorResponseDto> {
    return {
      service: this.investors,
      id,
      path: `/investors/${id}`,
      name: (investor) => investor.name,
      canRevert: () => mayUse(actorOf(request), InvestorsController, 'revert', []),
    };
  }
}
