import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400)
  listChanges(@Query() query: ListChangesQueryDto): Promise<ChangePageDto> {
    return this.audit.listChanges(query);
  }
}
