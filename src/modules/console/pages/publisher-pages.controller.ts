import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { PutPublisherDto } from '../../open-data/dto/publisher.dto';
import { PublisherController } from '../../open-data/publisher/publisher.controller';
import { PublisherService } from '../../open-data/publisher/publisher.service';
import { PublicationService } from '../../open-data/snapshots/publication.service';
import { SnapshotsController } from '../../open-data/snapshots/snapshots.controller';
import { actorOf, formContext, redirectTo, renderPage } from '../console-view';
import {
  type FieldErrors,
  fieldErrorsOf,
  postedForm,
  textField,
  validateAs,
  versionField,
} from '../form-input';

const FIELDS = ['name', 'nameZh', 'orgId', 'orgType', 'licenceId', 'licenceUrl'] as const;

/**
 * The publisher of the open data (an admin setting, the API's PUT /open-data/publisher) and
 * "publish now" (POST /open-data/snapshots); everyone signed in may read the setting.
 */
@Controller('open-data')
export class PublisherPagesController {
  constructor(
    private readonly publisher: PublisherService,
    private readonly publication: PublicationService,
  ) {}

  @Get('publisher')
  @ConsoleAccessAs(PublisherController, 'get')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const current = await this.publisher.get();
    const values = Object.fromEntries(FIELDS.map((field) => [field, current[field] ?? '']));
    await this.render(request, reply, values, current.version);
  }

  @Post('publisher')
  @ConsoleAccessAs(PublisherController, 'put')
  async save(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const values = Object.fromEntries(FIELDS.map((field) => [field, textField(form, field)]));
    const version = versionField(form) ?? 0;
    const input = await validateAs(PutPublisherDto, {
      ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')),
      ...(version > 0 ? { version } : {}),
    });
    if (input.errors) {
      await this.render(request, reply, values, version, input.errors, 400);
      return;
    }
    try {
      await this.publisher.put(input.value, undefined, formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.render(request, reply, values, version, fieldErrorsOf(error), 400);
      return;
    }
    await this.publication.publishAfter('publisher');
    await redirectTo(reply, '/open-data/publisher?flash=saved');
  }

  @Post('publish')
  @ConsoleAccessAs(SnapshotsController, 'publish')
  async publish(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const outcome = await this.publication.publish('manual', actorOf(request).userId);
    await redirectTo(
      reply,
      `/open-data/publisher?flash=${outcome.snapshot ? 'published' : 'unchanged'}`,
    );
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    version: number,
    errors: FieldErrors = {},
    status = 200,
  ): Promise<void> {
    const actor = actorOf(request);
    const latest = await this.publication.latest();
    await renderPage(
      request,
      reply,
      'open/publisher',
      {
        values,
        version,
        errors,
        types: await this.publisher.organisationTypes(),
        canEdit: mayUse(actor, PublisherController, 'put'),
        canPublish: mayUse(actor, SnapshotsController, 'publish'),
        snapshot: latest?.snapshot ?? null,
      },
      status,
    );
  }
}
