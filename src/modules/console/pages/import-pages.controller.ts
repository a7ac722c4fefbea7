import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsoleAccessAs } from '../../auth/console-access';
import { IMPORT_COLUMNS } from '../../projects/import/import-format';
import { ImportController } from '../../projects/import/import.controller';
import { type ImportResult, ImportService } from '../../projects/import/import.service';
import { CSRF_FIELD } from '../console-http';
import { actorOf, renderPage } from '../console-view';
import { csrfRefused, csrfTokenValid } from '../multipart-csrf';

interface ImportOutcome {
  readonly result?: ImportResult;
  readonly rowErrors?: readonly { row: number; column: string | null; message: string }[];
  readonly errorCount?: number;
  readonly problem?: string;
}

/**
 * CSV import from the browser: the same ImportService as POST /api/v1/projects/import, with a
 * dry run and the file's problems as a table of line, column and message.
 */
@Controller('projects/import')
export class ImportPagesController {
  constructor(private readonly imports: ImportService) {}

  @Get()
  @ConsoleAccessAs(ImportController, 'import')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(request, reply, {}, true, 200);
  }

  @Post()
  @ConsoleAccessAs(ImportController, 'import')
  async upload(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!request.isMultipart()) {
      throw new DomainError(
        'unsupported_media_type',
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the form as multipart/form-data with the CSV file.',
      );
    }
    // Fields come in form order: the CSRF token and the dry-run box come before the file.
    let dryRun = false;
    let csrfOk = false;
    let fileName = '';
    let outcome: ImportOutcome | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === CSRF_FIELD) {
          csrfOk = csrfTokenValid(request, reply, String(part.value));
        }
        if (part.fieldname === 'dryRun') dryRun = part.value === 'true' || part.value === 'on';
        continue;
      }
      if (!csrfOk) throw csrfRefused();
      fileName = part.filename;
      outcome = await this.run(part.file, dryRun, request);
    }
    if (!csrfOk) throw csrfRefused();
    outcome ??= { problem: 'Attach the CSV as a file.' };
    const status = outcome.result ? 200 : outcome.rowErrors ? 422 : 400;
    await this.render(request, reply, { ...outcome, fileName }, dryRun, status);
  }

  private async run(
    file: Readable,
    dryRun: boolean,
    request: FastifyRequest,
  ): Promise<ImportOutcome> {
    const actor = actorOf(request);
    try {
      const result = await this.imports.import(file, {
        dryRun,
        actor,
        context: {
          actor: actor.userId,
          requestId: String(request.id),
          reason: 'CSV import from the console',
        },
      });
      return { result };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      // Drain what is left of the file so the request can finish.
      file.resume();
      const extensions = error.options.extensions ?? {};
      if (Array.isArray(extensions.errors)) {
        return {
          rowErrors: extensions.errors as ImportOutcome['rowErrors'],
          errorCount: Number(extensions.errorCount ?? extensions.errors.length),
        };
      }
      return { problem: error.message };
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: ImportOutcome & { fileName?: string },
    dryRun: boolean,
    status: number,
  ): Promise<void> {
    await renderPage(
      request,
      reply,
      'projects/import',
      { ...outcome, dryRun, columns: Object.keys(IMPORT_COLUMNS).join(', ') },
      status,
    );
  }
}
