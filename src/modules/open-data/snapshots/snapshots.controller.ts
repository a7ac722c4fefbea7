import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../../common/errors/domain-error';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { IntIdParam } from '../../../common/validation/int-id-param.pipe';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { Access, ALL_ROLES, CurrentActor } from '../../auth/access.decorator';
import type { Actor } from '../../auth/actor';
import {
  PublicationPreviewDto,
  PublishResultDto,
  SnapshotVerificationDto,
  toSnapshotDto,
} from '../dto/snapshot.dto';
import { PublicationService } from './publication.service';

export const snapshotNotFound = (id: number): DomainError =>
  new DomainError('not_found', 'SNAPSHOT_NOT_FOUND', `No open-data snapshot ${id}.`);

/** Publication under the API: publish now, verify a snapshot, preview an approval. */
@ApiTags('open data')
@Controller()
export class SnapshotsController {
  constructor(private readonly publication: PublicationService) {}

  @Post('open-data/snapshots')
  @HttpCode(200)
  @Access(['admin'])
  @ApiOperation({
    summary:
      'Publish now: seal the published view as a new snapshot if it changed since the last (admin)',
    description:
      'Review decisions publish at once and a job republishes every OPEN_DATA_PUBLISH_INTERVAL_SECONDS; this is for an admin who will not wait. 422 PUBLICATION_INVALID if the output would not validate.',
    operationId: 'publishOpenData',
  })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiProblems(422)
  async publish(@CurrentActor() actor: Actor): Promise<PublishResultDto> {
    const outcome = await this.publication.publish('manual', actor.userId);
    return {
      snapshot: outcome.snapshot ? toSnapshotDto(outcome.snapshot) : null,
      skipped: outcome.skipped,
    };
  }

  @Get('open-data/snapshots/:id/verification')
  @Access(['admin', 'analyst'])
  @ApiOperation({
    summary:
      'Regenerate a snapshot from the audit trail as of its instant and compare its SHA-256 with the sealed one',
    operationId: 'verifyOpenDataSnapshot',
  })
  @ApiOkResponse({ type: SnapshotVerificationDto })
  @ApiProblems(400, 404)
  async verify(@Param('id', IntIdParam()) id: number): Promise<SnapshotVerificationDto> {
    const verification = await this.publication.verify(id);
    if (!verification) throw snapshotNotFound(id);
    return verification;
  }

  @Get('pairings/:id/publication-preview')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'What approving this pairing would publish (counts), validated against the IATI and OC4IDS schemas and codelists',
    operationId: 'previewPairingPublication',
  })
  @ApiOkResponse({ type: PublicationPreviewDto })
  @ApiProblems(400, 404)
  async preview(@Param('id', UuidParam()) id: string): Promise<PublicationPreviewDto> {
    const { publisherSet, pairings, projects, documents, check } =
      await this.publication.preview(id);
    return { publisherSet, pairings, projects, documents, check };
  }
}
