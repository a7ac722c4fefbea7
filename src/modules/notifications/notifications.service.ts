import { Injectable } from '@nestjs/common';
import {
  type ListNotificationsQueryDto,
  type MarkedReadDto,
  type NotificationDto,
  type NotificationPageDto,
  toNotificationDto,
  type UnreadCountDto,
} from './dto/notification.dto';
import { notificationNotFound } from './notifications.errors';
import { NotificationsRepository } from './notifications.repository';

/** A user's inbox: their own notifications, and nobody else's. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(userId: string, query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    const page = await this.notifications.listPage(userId, { unread: query.unread }, query);
    return { items: page.items.map(toNotificationDto), nextCursor: page.nextCursor };
  }

  async unreadCount(userId: string): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(userId) };
  }

  /** Idempotent: a notification read before keeps its first readAt. */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(userId, id);
    if (!row) throw notificationNotFound(id);
    return toNotificationDto(row);
  }

  async markAllRead(userId: string): Promise<MarkedReadDto> {
    return { marked: await this.notifications.markAllRead(userId) };
  }
}
