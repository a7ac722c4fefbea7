import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  EMAIL_CHOICES,
  type EmailChoice,
  NOTIFICATION_LANGUAGES,
  type NotificationLanguage,
} from '../notification-kinds';

export class NotificationSettingsDto {
  /** immediate: one mail per notification; daily: one digest a day; none: inbox only. */
  @ApiProperty({ enum: EMAIL_CHOICES })
  email!: EmailChoice;
  /** The language of notifications and their email. */
  @ApiProperty({ enum: NOTIFICATION_LANGUAGES })
  language!: NotificationLanguage;
  /** 0 until the first save (the defaults); send it back as If-Match to change them. */
  version!: number;
}

export class PutNotificationSettingsDto {
  /** Escalations are emailed at once whatever this says. */
  @ApiProperty({ enum: EMAIL_CHOICES })
  @IsIn(EMAIL_CHOICES, { message: `email must be one of ${EMAIL_CHOICES.join(', ')}` })
  email!: EmailChoice;

  @ApiProperty({ enum: NOTIFICATION_LANGUAGES })
  @IsIn(NOTIFICATION_LANGUAGES, {
    message: `language must be one of ${NOTIFICATION_LANGUAGES.join(', ')}`,
  })
  language!: NotificationLanguage;

  /** The version you read (0 for the defaults), if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(0)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}
