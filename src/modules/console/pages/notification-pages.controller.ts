import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs } from '../../auth/console-access';
import { ListNotificationsQueryDto } from '../../notifications/dto/notification.dto';
import { NotificationsController } from '../../notifications/notifications.controller';
import { NotificationsService } from '../../notifications/notifications.service';
import { safeNext } from '../console-error-page';
import { actorOf, redirectTo } from '../console-view';
import { deskBadgesOf } from '../desk/desk-badges';
import { postedForm, textField } from '../form-input';
import { renderListPage } from '../list-page';

const INBOX = '/notifications';

/** Where to go back to after marking read: the inbox page the form was on, with a message. */
function backTo(form: Record<string, unknown>, flash: string): string {
  const next = safeNext(textField(form, 'next'));
  const url = new URL(
    next === INBOX || next.startsWith(`${INBOX}?`) ? next : INBOX,
    'http://console.invalid',
  );
  url.searchParams.set('flash', flash);
  return `${url.pathname}${url.search}`;
}

/** The user's inbox: their own notifications, newest first, and marking them read. */
@Controller('notifications')
export class NotificationPagesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ConsoleAccessAs(NotificationsController, 'list')
  async inbox(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = actorOf(request);
    const badges = await deskBadgesOf(request);
    await renderListPage(request, reply, {
      query: ListNotificationsQueryDto,
      list: (query) => this.notifications.list(actor.userId, query),
      view: 'desk/inbox',
      itemsAs: 'notifications',
      data: { unread: badges?.unread ?? 0 },
    });
  }

  @Post('read-all')
  @ConsoleAccessAs(NotificationsController, 'markAllRead')
  async markAllRead(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    await this.notifications.markAllRead(actorOf(request).userId);
    await redirectTo(reply, backTo(form, 'allRead'));
  }

  @Post(':id/read')
  @ConsoleAccessAs(NotificationsController, 'markRead')
  async markRead(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    await this.notifications.markRead(actorOf(request).userId, id);
    await redirectTo(reply, backTo(form, 'read'));
  }
}
