import { Controller, Get, Inject, Param, Post, Query, Req, Res, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyKeyIgnored } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import type { WriteContext } from '../../database/audited-transactions';
import { Access, ALL_ROLES, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { ChangeContext } from '../auth/change-context.decorator';
import { ALLOWED_LABELS } from './content/allowed-media-types';
import { OWNER_TYPE, type OwnerRoute } from './document-owner';
import { DocumentsService } from './documents.service';
import {
  DocumentPageDto,
  DocumentResponseDto,
  ListDocumentsQueryDto,
  VISIBILITIES,
} from './dto/document.dto';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';
import { receiveUpload } from './upload/receive-upload';

const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['title', 'category', 'language', 'file'],
  properties: {
    title: { type: 'string', maxLength: 500, description: 'Title in English' },
    titleZh: { type: 'string', maxLength: 500, description: 'Title in Chinese' },
    category: {
      type: 'string',
      example: 'A09',
      description: 'IATI DocumentCategory code (GET /document-categories)',
    },
    language: { type: 'string', example: 'en', description: 'ISO 639-1 code' },
    documentDate: { type: 'string', format: 'date' },
    visibility: { type: 'string', enum: [...VISIBILITIES], default: 'internal' },
    file: { type: 'string', format: 'binary', description: 'The document (send it last)' },
  },
};

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * `POST/GET /{records}/{id}/documents` for one kind of record. One controller class per kind
 * (rather than a `:records` parameter) so each route has its own path and operationId in the
 * OpenAPI document, and the console can borrow each one's access policy.
 */
function ownerDocumentsController(route: OwnerRoute): Type {
  const type = OWNER_TYPE[route];
  const noun = capitalised(type);

  @ApiTags(route)
  @Controller(route)
  class OwnerDocumentsController {
    constructor(
      readonly documents: DocumentsService,
      @Inject(DOCUMENT_STORE) readonly store: DocumentStore,
    ) {}

    @Post(':id/documents')
    @Access(['admin', 'officer'], 'own-country')
    // The file streams to the store and is not kept in memory, so there is no body to
    // fingerprint; a retried upload of the same file is answered 409 DOCUMENT_DUPLICATE.
    @IdempotencyKeyIgnored()
    @ApiOperation({
      summary: `Attach a document to a ${type} (multipart: metadata fields, then the file)`,
      description: `Allowed types, decided from the file's bytes: ${ALLOWED_LABELS}. Largest file: DOCUMENT_MAX_MB (default 25). The same file attached again to the same ${type} is refused with 409 DOCUMENT_DUPLICATE and its existingId. With a virus scanner configured, an infected file is refused (422) and a file that could not be scanned yet is kept as \`pending\` (not downloadable until scanned).`,
      operationId: `upload${noun}Document`,
    })
    @ApiConsumes('multipart/form-data')
    @ApiBody({ schema: UPLOAD_SCHEMA })
    @ApiCreatedResponse({ type: DocumentResponseDto })
    @ApiProblems(400, 404, 409, 413, 415, 422)
    async upload(
      @Param('id', UuidParam()) id: string,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
      @CurrentActor() actor: Actor,
      @ChangeContext() context: WriteContext,
    ): Promise<DocumentResponseDto> {
      const owner = await this.documents.writableOwner(type, id, actor);
      const upload = await receiveUpload(request, this.store, {
        maxBytes: this.documents.maxBytes,
      });
      const document = await this.documents.attach(owner, upload, context);
      void reply.status(201).header('location', `/api/v1/documents/${document.id}`);
      return document;
    }

    @Get(':id/documents')
    @Access(ALL_ROLES)
    @ApiOperation({
      summary: `List a ${type}'s documents, newest first`,
      operationId: `list${noun}Documents`,
    })
    @ApiOkResponse({ type: DocumentPageDto })
    @ApiProblems(400, 404)
    list(
      @Param('id', UuidParam()) id: string,
      @Query() query: ListDocumentsQueryDto,
    ): Promise<DocumentPageDto> {
      return this.documents.listFor(type, id, query);
    }
  }
  Object.defineProperty(OwnerDocumentsController, 'name', { value: `${noun}DocumentsController` });
  return OwnerDocumentsController;
}

export const ParkDocumentsController = ownerDocumentsController('parks');
export const PairingDocumentsController = ownerDocumentsController('pairings');
export const InvestorDocumentsController = ownerDocumentsController('investors');
export const ProjectDocumentsController = ownerDocumentsController('projects');
