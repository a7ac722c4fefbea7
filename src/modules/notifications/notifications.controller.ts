import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { Access, ALL_ROLES, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import {
  ListNotificationsQueryDto,
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  UnreadCountDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Access(ALL_ROLES, 'self')
  @ApiOperation({
    summary: 'Your notifications, newest first; ?unread=true for the unread ones only',
    operationId: 'listNotifications',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems(400)
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(actor.userId, query);
  }

  @Get('unread-count')
  @Access(ALL_ROLES, 'self')
  @ApiOperation({
    summary: 'How many of your notifications are unread (the inbox badge)',
    operationId: 'countUnreadNotifications',
  })
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(actor.userId);
  }

  @Post('read-all')
  @Access(ALL_ROLES, 'self')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark all your unread notifications read',
    operationId: 'markAllNotificationsRead',
  })
  @ApiOkResponse({ type: MarkedReadDto })
  markAllRead(@CurrentActor() actor: Actor): Promise<MarkedReadDto> {
    return this.notifications.markAllRead(actor.userId);
  }

  @Post(':id/read')
  @Access(ALL_ROLES, 'self')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Mark one of your notifications read (idempotent: a read one keeps its readAt; 404 for any id not yours)',
    operationId: 'markNotificationRead',
  })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems(400, 404)
  markRead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam()) id: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor.userId, id);
  }
}
