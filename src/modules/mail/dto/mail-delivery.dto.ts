import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { MAIL_STATUSES, type MailDeliveryRow, type MailStatus } from '../mail-outbox.repository';

export class ListMailDeliveriesQueryDto extends PageQueryDto {
  /** Only mails in this state; `failed` lists what gave up and awaits a resend. */
  @ApiPropertyOptional({ enum: MAIL_STATUSES })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

/** One email in the outbox: where it goes and how its delivery stands (no bodies). */
export class MailDeliveryDto {
  id!: string;
  /** The recipient's address. */
  @ApiProperty({ example: 'reviewer@example.gov' })
  to!: string;
  subject!: string;
  /** `pending` (queued or retrying), `sent`, or `failed` (gave up after the last attempt). */
  @ApiProperty({ enum: MAIL_STATUSES })
  status!: MailStatus;
  /** Failed attempts so far (0 after a resend). */
  attempts!: number;
  /** Why the last attempt failed; null once sent. */
  lastError!: string | null;
  /** When the worker tries a pending mail next. */
  nextAttemptAt!: string;
  createdAt!: string;
  sentAt!: string | null;
}

export class MailDeliveryPageDto {
  items!: MailDeliveryDto[];
  nextCursor!: string | null;
}

export function toMailDeliveryDto(row: MailDeliveryRow): MailDeliveryDto {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
