import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import {
  ListMailDeliveriesQueryDto,
  MailDeliveryDto,
  MailDeliveryPageDto,
} from './dto/mail-delivery.dto';
import { MailDeliveriesService } from './mail-deliveries.service';

@ApiTags('mail')
@Controller('mail/deliveries')
export class MailController {
  constructor(private readonly deliveries: MailDeliveriesService) {}

  @Get()
  @Access(['admin'])
  @ApiOperation({
    summary:
      'List outgoing emails and how their delivery stands, newest first (admin); ?status=failed lists those that gave up',
    operationId: 'listMailDeliveries',
  })
  @ApiOkResponse({ type: MailDeliveryPageDto })
  @ApiProblems(400)
  list(@Query() query: ListMailDeliveriesQueryDto): Promise<MailDeliveryPageDto> {
    return this.deliveries.list(query);
  }

  @Post(':id/resend')
  @Access(['admin'])
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Queue a sent or failed email again, with a fresh count of attempts (admin); 409 while it is still pending',
    operationId: 'resendMailDelivery',
  })
  @ApiOkResponse({ type: MailDeliveryDto })
  @ApiProblems(400, 404, 409)
  resend(
    @Param('id', UuidParam()) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<MailDeliveryDto> {
    return this.deliveries.resend(id, actor);
  }
}
