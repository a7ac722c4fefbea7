import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditController } from '../../audit/audit.controller';
import { AuditService } from '../../audit/audit.service';
import type { VerifyResultDto } from '../../audit/dto/audit.dto';
import { ListChangesQueryDto } from '../../audit/dto/change.dto';
import { ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { ConsoleQueries } from '../console-queries';
import { actorOf, renderPage } from '../console-view';
import { diffOf } from '../history-page';
import { listInput, listState } from '../list-page';
import { validateAs } from '../form-input';

/** Tables whose rows have a console page, by the path of that page. */
const RECORD_PAGES: Readonly<Record<string, string>> = {
  park: '/parks',
  pairing: '/pairings',
  investor: '/investors',
  project: '/projects',
  document: '/documents',
};

function recordPageOf(table: string, entityId: string): string | null {
  const base = RECORD_PAGES[table];
  return base ? `${base}/${entityId}` : null;
}

/** The audit log: recent changes with filters, and (for admins) verify and seal. */
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(AuditController, 'listChanges')
  async changes(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(request, reply, null);
  }

  @Get('verify')
  @ConsoleAccessAs(AuditController, 'verify')
  async verify(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(request, reply, await this.audit.verify());
  }

  @Post('seal')
  @ConsoleAccessAs(AuditController, 'sealNow')
  async seal(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.audit.sealNow();
    await this.render(request, reply, await this.audit.verify(), result.seal?.changeCount ?? 0);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    verified: VerifyResultDto | null,
    sealed: number | null = null,
  ): Promise<void> {
    const input = request.method === 'GET' ? listInput(request) : {};
    const query = await validateAs(ListChangesQueryDto, { sort: '-at', limit: 50, ...input });
    const page = query.value
      ? await this.audit.listChanges(query.value)
      : { items: [], nextCursor: null };
    const names = await this.queries.actorNames(page.items.map((change) => change.actor));
    const actor = actorOf(request);
    await renderPage(
      request,
      reply,
      'audit/page',
      {
        changes: page.items.map((change) => ({
          ...change,
          who: names.get(change.actor) ?? change.actor,
          fields: diffOf(change).map((d) => d.field),
          href: change.op === 'delete' ? null : recordPageOf(change.table, change.entityId),
        })),
        ...listState(request, page.nextCursor),
        verified,
        sealed,
        canVerify: mayUse(actor, AuditController, 'verify'),
        canSeal: mayUse(actor, AuditController, 'sealNow'),
        errors: query.errors ?? {},
      },
      query.errors ? 400 : 200,
    );
  }
}
