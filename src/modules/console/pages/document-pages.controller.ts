import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs } from '../../auth/console-access';
import { DocumentsController } from '../../documents/documents.controller';
import { DocumentsService } from '../../documents/documents.service';
import { sendDocument } from '../../documents/download/send-document';
import { DOCUMENT_STORE, type DocumentStore } from '../../documents/storage/document-store';

/**
 * Documents from the console: the download behind each record page's Documents section, with
 * the session cookie, and the same headers and refusals as GET /api/v1/documents/{id}/content.
 */
@Controller('documents')
export class DocumentPagesController {
  constructor(
    private readonly documents: DocumentsService,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  @Get(':id/content')
  @ConsoleAccessAs(DocumentsController, 'content')
  async content(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(request, reply, await this.documents.require(id), this.store);
  }
}
