import { Controller, Get, Inject, Param, Post, Req, Res, type Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs } from '../../auth/console-access';
import { OWNER_TYPE, type OwnerRoute } from '../../documents/document-owner';
import { DocumentsService } from '../../documents/documents.service';
import {
  InvestorDocumentsController,
  PairingDocumentsController,
  ParkDocumentsController,
  ProjectDocumentsController,
} from '../../documents/owner-documents.controller';
import { DOCUMENT_STORE, type DocumentStore } from '../../documents/storage/document-store';
import { receiveUpload } from '../../documents/upload/receive-upload';
import { CSRF_FIELD } from '../console-http';
import { actorOf, formContext, redirectTo } from '../console-view';
import { DocumentChoices } from '../documents/document-choices';
import {
  renderUploadForm,
  UPLOAD_FIELDS,
  type UploadValues,
  uploadRefusal,
} from '../documents/upload-form';
import { csrfRefused, csrfTokenValid } from '../multipart-csrf';

/**
 * The console's upload form for one kind of record: `GET /{records}/{id}/documents/new` and its
 * multipart POST, through the same service, store and checks as the API's upload. The CSRF token
 * is the form's first field and is checked before a byte of the file is stored.
 */
function documentUploadPages(route: OwnerRoute, api: Type): Type {
  const type = OWNER_TYPE[route];

  @Controller(route)
  class DocumentUploadPages {
    constructor(
      readonly documents: DocumentsService,
      readonly choices: DocumentChoices,
      @Inject(DOCUMENT_STORE) readonly store: DocumentStore,
    ) {}

    @Get(':id/documents/new')
    @ConsoleAccessAs(api, 'upload')
    async form(
      @Param('id', UuidParam()) id: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
    ): Promise<void> {
      const owner = await this.documents.writableOwner(type, id, actorOf(request));
      await renderUploadForm(request, reply, {
        choices: this.choices,
        owner,
        maxBytes: this.documents.maxBytes,
      });
    }

    @Post(':id/documents')
    @ConsoleAccessAs(api, 'upload')
    async upload(
      @Param('id', UuidParam()) id: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
    ): Promise<void> {
      // Who may attach is decided before the body is read, as in the API.
      const owner = await this.documents.writableOwner(type, id, actorOf(request));
      const maxBytes = this.documents.maxBytes;
      let values: UploadValues = {};
      let documentId: string;
      try {
        const upload = await receiveUpload(request, this.store, {
          maxBytes,
          beforeFile: (fields) => {
            values = formValues(fields);
            if (!csrfTokenValid(request, reply, fields[CSRF_FIELD] ?? '')) throw csrfRefused();
          },
        });
        values = formValues(upload.fields);
        const { reason, ...metadata } = values;
        const document = await this.documents.attach(
          owner,
          { ...upload, fields: metadata },
          formContext(request, { reason }),
        );
        documentId = document.id;
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
        await renderUploadForm(request, reply, {
          choices: this.choices,
          owner,
          maxBytes,
          values,
          refusal: uploadRefusal(request, error, maxBytes),
        });
        return;
      }
      await redirectTo(reply, `/documents/${documentId}?flash=attached`);
    }
  }
  Object.defineProperty(DocumentUploadPages, 'name', {
    value: `${type.charAt(0).toUpperCase()}${type.slice(1)}DocumentUploadPages`,
  });
  return DocumentUploadPages;
}

/** The form's metadata fields as typed (blank ones left out, as the API would not get them). */
function formValues(fields: Readonly<Record<string, string>>): UploadValues {
  const values: UploadValues = {};
  for (const name of UPLOAD_FIELDS) {
    const value = fields[name]?.trim();
    if (value) values[name] = value;
  }
  return values;
}

export const ParkDocumentUploadPages = documentUploadPages('parks', ParkDocumentsController);
export const PairingDocumentUploadPages = documentUploadPages(
  'pairings',
  PairingDocumentsController,
);
export const InvestorDocumentUploadPages = documentUploadPages(
  'investors',
  InvestorDocumentsController,
);
export const ProjectDocumentUploadPages = documentUploadPages(
  'projects',
  ProjectDocumentsController,
);
