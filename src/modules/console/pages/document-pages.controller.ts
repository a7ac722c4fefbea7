import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { statusOf } from '../../../common/problem/problem-details';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { AuditService } from '../../audit/audit.service';
import { ConsoleAccessAs } from '../../auth/console-access';
import { ownerOf } from '../../documents/document-owner';
import { DocumentsController } from '../../documents/documents.controller';
import { DocumentsService, mayWrite } from '../../documents/documents.service';
import { sendDocument } from '../../documents/download/send-document';
import { DOCUMENT_STORE, type DocumentStore } from '../../documents/storage/document-store';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, localeOf, redirectTo, renderPage } from '../console-view';
import { DocumentChoices } from '../documents/document-choices';
import { recordPath } from '../documents/record-documents';
import {
  type FieldErrors,
  fieldErrorsOf,
  postedForm,
  textField,
  versionField,
} from '../form-input';
import { diffOf, historyQuery } from '../history-page';

/**
 * A document in the console: its page (metadata, checksum, scan state, its own changes and the
 * archive form), the download behind it with the session cookie (the same headers and refusals
 * as GET /api/v1/documents/{id}/content), and archiving with a reason.
 */
@Controller('documents')
export class DocumentPagesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly choices: DocumentChoices,
    private readonly audit: AuditService,
    private readonly queries: ConsoleQueries,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  @Get(':id')
  @ConsoleAccessAs(DocumentsController, 'get')
  async detail(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderDetail(request, reply, id);
  }

  @Get(':id/content')
  @ConsoleAccessAs(DocumentsController, 'content')
  async content(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDocument(request, reply, await this.documents.require(id), this.store);
  }

  @Post(':id/archive')
  @ConsoleAccessAs(DocumentsController, 'archive')
  async archive(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const version = versionField(form);
    const owner = ownerOf(await this.documents.require(id));
    try {
      if (version === undefined) {
        throw new DomainError('invalid', 'VALIDATION_FAILED', 'The form has no version.', {
          errors: [{ path: 'version', message: 'reload the page and try again' }],
        });
      }
      const context = formContext(request, form);
      if (!context.reason) {
        throw new DomainError('invalid', 'REASON_REQUIRED', 'Say why the document is archived.', {
          errors: [{ path: 'reason', message: localeOf(request).t('documents.reasonRequired') }],
        });
      }
      await this.documents.archive(id, version, actorOf(request), context);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      const status = statusOf(error.kind);
      await this.renderDetail(request, reply, id, fieldErrorsOf(error), status, form);
      return;
    }
    await redirectTo(reply, `${recordPath(owner.type, owner.id)}?flash=documentArchived`);
  }

  private async renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldErrors = {},
    status = 200,
    form: Record<string, unknown> = {},
  ): Promise<void> {
    const actor = actorOf(request);
    const document = await this.documents.get(id);
    const [owner, history] = await Promise.all([
      this.documents.requireOwner(document.recordType, document.recordId),
      this.audit.history('document', id, await historyQuery(), []),
    ]);
    const names = await this.queries.actorNames(history.items.map((change) => change.actor));
    const locale = localeOf(request).locale;
    await renderPage(
      request,
      reply,
      'documents/detail',
      {
        document,
        owner,
        recordHref: recordPath(owner.type, owner.id),
        categoryName: await this.choices.categoryName(document.category, locale),
        languageName: await this.choices.languageName(document.language, locale),
        downloadable: document.scan === 'clean' || document.scan === 'unscanned',
        canArchive: document.archivedAt === null && mayWrite(actor, owner),
        changes: history.items.map((change) => ({
          ...change,
          who: names.get(change.actor) ?? change.actor,
          diff: diffOf(change),
        })),
        errors,
        reason: textField(form, 'reason'),
      },
      status,
    );
  }
}
