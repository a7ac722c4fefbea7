import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QueryBoolean } from '../../../common/validation/transforms';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification-kinds';
import type { NotificationRow } from '../notifications.repository';

export class ListNotificationsQueryDto extends PageQueryDto {
  /** `true`: only notifications not yet read; `false`: only those read. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationDto {
  id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;
  /** In the recipient's language at the time it was written. */
  subject!: string;
  body!: string;
  /** The console page of the record, relative to the registry's address, e.g. /pairings/<id>. */
  link!: string;
  pairingId!: string | null;
  round!: number | null;
  createdAt!: string;
  /** When first marked read; null while unread. */
  readAt!: string | null;
}

export class NotificationPageDto {
  items!: NotificationDto[];
  nextCursor!: string | null;
}

export class UnreadCountDto {
  unread!: number;
}

export class MarkedReadDto {
  /** How many notifications this marked read (those already read are not counted). */
  marked!: number;
}

export function toNotificationDto(row: NotificationRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    link: row.link,
    pairingId: row.pairingId,
    round: row.round,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
