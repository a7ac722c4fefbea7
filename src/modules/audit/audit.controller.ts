import { Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { Access } from '../auth/access.decorator';
import { AuditService } from './audit.service';
import { ListSealsQueryDto, SealNowResultDto, SealPageDto, VerifyResultDto } from './dto/audit.dto';
import { ChangePageDto, ListChangesQueryDto } from './dto/change.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('verify')
  @Access(['admin', 'analyst'])
  @ApiOperation({
    summary:
      'Recompute change digests and the seal chain (detects edited, deleted, inserted or re-ordered change rows)',
    operationId: 'verifyAudit',
  })
  @ApiOkResponse({ type: VerifyResultDto })
  verify(): Promise<VerifyResultDto> {
    return this.audit.verify();
  }

  @Get('seals')
  @Access(['admin', 'analyst'])
  @ApiOperation({ summary: 'Seal heads, newest first', operationId: 'listSeals' })
  @ApiOkResponse({ type: SealPageDto })
  @ApiProblems(400)
  listSeals(@Query() query: ListSealsQueryDto): Promise<SealPageDto> {
    return this.audit.listSeals(query);
  }

  @Post('seals')
  @Access(['admin'])
  @HttpCode(200)
  @ApiOperation({
    summary: 'Seal now (the job also runs on its interval)',
    operationId: 'sealAudit',
  })
  @ApiOkResponse({ type: SealNowResultDto })
  sealNow(): Promise<SealNowResultDto> {
    return this.audit.sealNow();
  }

  @Get('changes')
  @Access(['admin', 'analyst'])
  @ApiOperation({
    summary: 'The change log, filtered by table, entity, actor, request, operation and time',
    operationId: 'listChanges',
  })
  @ApiOkResponse({
    type: ChangePageDto,
    description:
      'JSON page; with format=csv, every matching change as a streamed text/csv download',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400)
  async listChanges(@Query() query: ListChangesQueryDto): Promise<ChangePageDto | StreamableFile> {
    if (query.format !== 'csv') return this.audit.listChanges(query);
    const day = new Date().toISOString().slice(0, 10);
    return new StreamableFile(this.audit.exportChanges(query), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-changes-${day}.csv"`,
    });
  }
}
