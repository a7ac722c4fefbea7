import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { expectedVersion } from '../../common/http/expected-version';
import { IfMatch } from '../../common/http/if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { WriteContext } from '../../database/audited-transactions';
import { requireReason } from '../audit/record-history';
import { Access, ALL_ROLES, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { ChangeContext } from '../auth/change-context.decorator';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { sendDocument } from './download/send-document';
import { DocumentCategoryDto, DocumentResponseDto, UpdateDocumentDto } from './dto/document.dto';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';

const WRITERS = ['admin', 'officer'] as const;

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  @Get(':id')
  @Access(ALL_ROLES)
  @ApiOperation({ summary: "A document's metadata", operationId: 'getDocument' })
  @ApiOkResponse({ type: DocumentResponseDto })
  @ApiProblems(400, 404)
  get(@Param('id', UuidParam()) id: string): Promise<DocumentResponseDto> {
    return this.documents.get(id);
  }

  @Get(':id/content')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Download a document (attachment; ETag is its SHA-256; Range supported)',
    description:
      'Archived documents stay downloadable. A document still `pending` its virus scan, or found `infected`, is refused with 409.',
    operationId: 'downloadDocument',
  })
  @ApiProduces('application/octet-stream')
  @ApiResponse({
    status: 200,
    description: 'The file, with its original name in Content-Disposition',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match)' })
  @ApiProblems(400, 404, 409, 416, 503)
  async content(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(request, reply, await this.documents.require(id), this.store);
  }

  @Patch(':id')
  @Access(WRITERS, 'own-country')
  @ApiOperation({
    summary: "Change a document's metadata (If-Match required); the file itself never changes",
    operationId: 'updateDocument',
  })
  @ApiOkResponse({ type: DocumentResponseDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateDocumentDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<DocumentResponseDto> {
    return this.documents.update(id, dto, expectedVersion(ifMatch, undefined), actor, context);
  }

  @Delete(':id')
  @Access(WRITERS, 'own-country')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Archive a document (If-Match and X-Change-Reason required)',
    description:
      'The document leaves the lists but stays readable and downloadable by id, and in the record history.',
    operationId: 'archiveDocument',
  })
  @ApiNoContentResponse({ description: 'Archived' })
  @ApiProblems(400, 404, 409, 412, 428)
  async archive(
    @Param('id', UuidParam()) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    await this.documents.archive(
      id,
      expectedVersion(ifMatch, undefined),
      actor,
      requireReason(context),
    );
  }
}

@ApiTags('documents')
@Controller('document-categories')
export class DocumentCategoriesController {
  constructor(private readonly documents: DocumentsRepository) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'IATI DocumentCategory codes a document may have',
    operationId: 'listDocumentCategories',
  })
  @ApiOkResponse({ type: [DocumentCategoryDto] })
  async list(): Promise<DocumentCategoryDto[]> {
    const rows = await this.documents.categories();
    return rows.map((row) => ({
      code: row.code,
      category: row.category,
      name: row.name,
      nameZh: row.name_zh,
    }));
  }
}
