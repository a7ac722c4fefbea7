import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { DigestJob } from './digest-job';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsRepository } from './notification-settings.repository';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';

/**
 * The inbox, each user's notification settings, the Notifier every feature calls to tell
 * someone, and the daily digest (run by the review desk's sweep).
 */
@Module({
  // MailModule gives the outbox repository, whose enqueue runs in the Notifier's transaction.
  imports: [MailModule],
  controllers: [NotificationsController, NotificationSettingsController],
  providers: [
    NotificationsRepository,
    NotificationSettingsRepository,
    NotificationsService,
    NotificationSettingsService,
    Notifier,
    DigestJob,
  ],
  exports: [Notifier, DigestJob, NotificationsService, NotificationSettingsService],
})
export class NotificationsModule {}
