import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { DomainError } from '../../../common/errors/domain-error';
import { IdempotencyKeyIgnored } from '../../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../../database/audited-transactions';
import { Access, CurrentActor } from '../../auth/access.decorator';
import type { Actor } from '../../auth/actor';
import { ChangeContext } from '../../auth/change-context.decorator';
import { ImportQueryDto } from './dto/import-query.dto';
import { DERIVED_COLUMNS, IMPORT_COLUMNS } from './import-format';
import { ImportResultDto } from './dto/import-result.dto';
import { ImportService } from './import.service';

const COLUMN_DOCS = Object.entries(IMPORT_COLUMNS)
  .map(([column, meaning]) => `- \`${column}\`: ${meaning}`)
  .join('\n');

@ApiTags('projects')
@Controller('projects/import')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @Access(['admin', 'officer'], 'own-country')
  // The file streams through and is not kept, so there is no body to fingerprint: use dryRun.
  @IdempotencyKeyIgnored()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import projects from CSV, all or nothing: new projects, and bulk edits by ref (text/csv body or a multipart file)',
    description: `One header row, then one project per line (RFC 4180, UTF-8). Columns, in any order:\n\n${COLUMN_DOCS}\n\nThe export's derived columns (${Object.keys(DERIVED_COLUMNS).join(', ')}) are accepted and ignored, so an export is an import file. A row without \`ref\` creates a project. A row with \`ref\` and \`version\` sets that project to the row, under the rules of PATCH; the row is the whole record, so an empty cell clears the value. A row equal to its project writes nothing. With any problem the answer is 422 with \`errors: [{ row, column, message }]\` (row = line of the file, the header being line 1) and nothing is written. \`dryRun=true\` checks only. A sample file that fits the demo data is in the repository: \`src/modules/demo-data/projects-sample.csv\`.`,
    operationId: 'importProjects',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportResultDto, description: '200 for a dry run; 201 when written' })
  @ApiProblems(400, 413, 415, 422)
  async import(
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<ImportResultDto> {
    const source = await csvSource(request);
    const result = await this.imports.import(source, {
      dryRun: query.dryRun === true,
      actor,
      context,
    });
    if (!result.dryRun) void reply.status(201);
    return result;
  }
}

/** The CSV as a stream: the raw body for text/csv, or the one file of a multipart upload. */
async function csvSource(request: FastifyRequest): Promise<Readable> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new DomainError('invalid', 'FILE_REQUIRED', 'Attach the CSV as a file field.');
    return file.file;
  }
  if (request.body instanceof Readable) return request.body;
  throw new DomainError(
    'unsupported_media_type',
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the CSV as text/csv, or as a file in multipart/form-data.',
  );
}
