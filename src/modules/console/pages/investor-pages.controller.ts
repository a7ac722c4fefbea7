import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs } from '../../auth/console-access';
import { ListInvestorsQueryDto } from '../../investors/dto/list-investors-query.dto';
import { INVESTOR_TYPES } from '../../investors/investor-enums';
import { InvestorsController } from '../../investors/investors.controller';
import { InvestorsService } from '../../investors/investors.service';
import { ListProjectsQueryDto } from '../../projects/dto/list-projects-query.dto';
import { ProjectsService } from '../../projects/projects.service';
import { ConsoleQueries } from '../console-queries';
import { renderPage } from '../console-view';
import { validateAs } from '../form-input';
import { asOfParam, renderHistory } from '../history-page';
import { listInput, listState } from '../list-page';
import { historyQuery } from './park-pages.controller';

@Controller('investors')
export class InvestorPagesController {
  constructor(
    private readonly investors: InvestorsService,
    private readonly projects: ProjectsService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(InvestorsController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = await validateAs(ListInvestorsQueryDto, listInput(request));
    const page = query.value
      ? await this.investors.list(query.value)
      : { items: [], nextCursor: null };
    await renderPage(
      request,
      reply,
      'investors/list',
      {
        investors: page.items,
        ...listState(request, page.nextCursor),
        types: INVESTOR_TYPES,
        errors: query.errors ?? {},
      },
      query.errors ? 400 : 200,
    );
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
    const projects = await this.projects.list(projectQuery.value ?? new ListProjectsQueryDto());
    await renderPage(request, reply, 'investors/detail', {
      investor,
      projects: projects.items,
    });
  }

  @Get(':id/history')
  @ConsoleAccessAs(InvestorsController, 'history')
  async history(
    @Param('id', UuidParam()) id: string,
    @Query('asOf') asOfText: unknown,
    @Query('cursor') cursor: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asOf = asOfParam(asOfText);
    const investor = await this.investors.get(id);
    const [history, asOfRecord] = await Promise.all([
      this.investors.history(id, await historyQuery(cursor)),
      asOf ? this.investors.get(id, asOf).catch(() => null) : Promise.resolve(null),
    ]);
    await renderHistory(request, reply, {
      queries: this.queries,
      recordName: investor.name,
      recordHref: `/investors/${id}`,
      history,
      asOf,
      asOfRecord,
    });
  }
}
