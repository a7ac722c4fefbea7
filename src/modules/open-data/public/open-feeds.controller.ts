import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { IntIdParam } from '../../../common/validation/int-id-param.pipe';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { Public } from '../../auth/access.decorator';
import { DocumentsService } from '../../documents/documents.service';
import { sendDocument } from '../../documents/download/send-document';
import { DOCUMENT_STORE, type DocumentStore } from '../../documents/storage/document-store';
import {
  FeedQueryDto,
  ListSnapshotsQueryDto,
  SnapshotPageDto,
  toSnapshotDto,
} from '../dto/snapshot.dto';
import type { RenderedFeeds } from '../feeds/open-feeds';
import { publishedDocuments } from '../published/published-view';
import { type LoadedSnapshot, PublicationService } from '../snapshots/publication.service';
import { snapshotNotFound } from '../snapshots/snapshots.controller';
import { answeredNotModified } from './conditional-get';

const nothingPublished = (): DomainError =>
  new DomainError(
    'not_found',
    'NOTHING_PUBLISHED',
    'Nothing is published yet: the registry publishes once a pairing is approved and an admin has named the publisher.',
  );

const FEEDS = {
  iati: { media: 'application/xml; charset=utf-8', body: (f: RenderedFeeds) => f.iatiXml },
  oc4ids: { media: 'application/json; charset=utf-8', body: (f: RenderedFeeds) => f.oc4idsJson },
  csv: { media: 'text/csv; charset=utf-8', body: (f: RenderedFeeds) => f.csv },
} as const;

/**
 * The open-data feeds, public (no sign-in), rate-limited per address, each served from a sealed
 * snapshot with validators (ETag from the snapshot's hash, Last-Modified its time).
 */
@ApiTags('open data')
@Public()
@Controller('open')
export class OpenFeedsController {
  constructor(
    private readonly publication: PublicationService,
    private readonly documents: DocumentsService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  @Get('iati/activities.xml')
  @ApiOperation({
    summary:
      'IATI activity XML 2.03: each approved pairing a parent activity, its projects child activities (no sign-in)',
    operationId: 'openIatiActivities',
  })
  @ApiProduces('application/xml')
  @ApiResponse({
    status: 200,
    description: 'iati-activities document',
    content: { 'application/xml': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblems(400, 404, 429)
  async iati(
    @Query() query: FeedQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sendFeed('iati', query, request, reply, 'activities.xml');
  }

  @Get('oc4ids/projects.json')
  @ApiOperation({
    summary:
      'OC4IDS 0.9 project package: one project per published investment project (no sign-in)',
    operationId: 'openOc4idsProjects',
  })
  @ApiResponse({
    status: 200,
    description: 'OC4IDS project package',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblems(400, 404, 429)
  async oc4ids(
    @Query() query: FeedQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sendFeed('oc4ids', query, request, reply, 'projects.json');
  }

  @Get('projects.csv')
  @ApiOperation({
    summary: 'Published projects as CSV, one row each (UTF-8 with BOM; no sign-in)',
    operationId: 'openProjectsCsv',
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'CSV',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiProblems(400, 404, 429)
  async csv(
    @Query() query: FeedQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sendFeed('csv', query, request, reply, 'projects.csv');
  }

  @Get('snapshots')
  @ApiOperation({
    summary: 'Every publication, newest first, with its time and SHA-256 (no sign-in)',
    operationId: 'openSnapshots',
  })
  @ApiOkResponse({ type: SnapshotPageDto })
  @ApiProblems(400, 429)
  async snapshots(@Query() query: ListSnapshotsQueryDto): Promise<SnapshotPageDto> {
    const rows = await this.publication.list(
      query.limit + 1,
      query.cursor ? Number(query.cursor) : null,
    );
    const items = rows.slice(0, query.limit).map(toSnapshotDto);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? String(last.id) : null };
  }

  @Get('snapshots/:id')
  @ApiOperation({
    summary:
      "A snapshot's sealed view: the canonical JSON whose SHA-256 the audit trail records (no sign-in)",
    operationId: 'openSnapshotView',
  })
  @ApiResponse({
    status: 200,
    description: 'Canonical JSON (sorted keys, no whitespace)',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiProblems(400, 404, 429)
  async snapshotView(
    @Param('id', IntIdParam()) id: number,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const loaded = await this.publication.snapshot(id);
    if (!loaded) throw snapshotNotFound(id);
    const { snapshot } = loaded;
    // Sealed bytes never change: cache for a year.
    if (
      answeredNotModified(
        request,
        reply,
        `"${snapshot.sha256}"`,
        snapshot.published_at,
        'public, max-age=31536000, immutable',
      )
    )
      return;
    await reply.type('application/json; charset=utf-8').send(loaded.content);
  }

  @Get('documents/:id')
  @ApiOperation({
    summary:
      'A public document of the published records (no sign-in; internal ones are never served)',
    operationId: 'openDocument',
  })
  @ApiResponse({
    status: 200,
    description: 'The file',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, 429)
  async document(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const latest = await this.publication.latest();
    const published = latest && publishedDocuments(latest.view).some((doc) => doc.id === id);
    if (!published) {
      throw new DomainError('not_found', 'DOCUMENT_NOT_PUBLISHED', `No published document ${id}.`);
    }
    await sendDocument(request, reply, await this.documents.require(id), this.store);
  }

  private async sendFeed(
    feed: keyof typeof FEEDS,
    query: FeedQueryDto,
    request: FastifyRequest,
    reply: FastifyReply,
    fileName: string,
  ): Promise<void> {
    const loaded = await this.load(query.snapshot);
    const { snapshot } = loaded;
    const etag = `"${snapshot.sha256.slice(0, 32)}-${feed}"`;
    if (answeredNotModified(request, reply, etag, snapshot.published_at)) return;
    await reply
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('x-open-data-snapshot', String(snapshot.id))
      .type(FEEDS[feed].media)
      .send(FEEDS[feed].body(loaded.feeds));
  }

  private async load(id: number | undefined): Promise<LoadedSnapshot> {
    if (id !== undefined) {
      const loaded = await this.publication.snapshot(id);
      if (!loaded) throw snapshotNotFound(id);
      return loaded;
    }
    const latest = await this.publication.latest();
    if (!latest) throw nothingPublished();
    return latest;
  }
}
