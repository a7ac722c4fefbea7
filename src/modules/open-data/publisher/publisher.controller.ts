import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../common/http/if-match.decorator';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../../database/audited-transactions';
import { Access, ALL_ROLES } from '../../auth/access.decorator';
import { ChangeContext } from '../../auth/change-context.decorator';
import { PublisherDto, PutPublisherDto } from '../dto/publisher.dto';
import { PublicationService } from '../snapshots/publication.service';
import { PublisherService } from './publisher.service';

@ApiTags('open data')
@Controller('open-data/publisher')
export class PublisherController {
  constructor(
    private readonly publisher: PublisherService,
    private readonly publication: PublicationService,
  ) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'Who publishes the open data: reporting organisation, IATI org-id and licence (version 0: not set yet)',
    operationId: 'getPublisher',
  })
  @ApiOkResponse({ type: PublisherDto })
  @ApiProblems(400)
  get(): Promise<PublisherDto> {
    return this.publisher.get();
  }

  @Put()
  @Access(['admin'])
  @ApiOperation({
    summary:
      'Name the publisher: reporting organisation, IATI org-id (a registration agency prefix), organisation type and licence (admin; If-Match once set)',
    operationId: 'putPublisher',
  })
  @ApiOkResponse({ type: PublisherDto })
  @ApiProblems(400, 412, 428)
  async put(
    @Body() dto: PutPublisherDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<PublisherDto> {
    const publisher = await this.publisher.put(dto, ifMatch, context);
    // The reporting organisation is in every published activity: republish under the new one.
    await this.publication.publishAfter('publisher');
    return publisher;
  }
}
