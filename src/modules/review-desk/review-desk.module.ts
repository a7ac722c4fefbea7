import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReviewCalendarController } from './calendar/review-calendar.controller';
import { ReviewCalendarRepository } from './calendar/review-calendar.repository';
import { ReviewCalendarService } from './calendar/review-calendar.service';
import { ReviewQueueController } from './queue/review-queue.controller';
import { ReviewQueueRepository } from './queue/review-queue.repository';
import { ReviewQueueService } from './queue/review-queue.service';
import { ReminderSweep } from './reminders/reminder-sweep';
import { DeskRecipients } from './rounds/desk-recipients';
import { ReviewRoundRepository } from './rounds/review-round.repository';
import { ReviewRounds } from './rounds/review-rounds.service';

/**
 * The review desk (issue 17): each country's review calendar, the dated rounds of every
 * submission, the reviewer queue, and the sweep that sends reminders and escalations. The
 * pairing workflow calls ReviewRounds inside its own transactions.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [ReviewQueueController, ReviewCalendarController],
  providers: [
    ReviewCalendarRepository,
    ReviewCalendarService,
    ReviewQueueRepository,
    ReviewQueueService,
    ReviewRoundRepository,
    ReviewRounds,
    DeskRecipients,
    ReminderSweep,
  ],
  exports: [ReviewRounds, ReviewQueueService, ReviewCalendarService, ReminderSweep],
})
export class ReviewDeskModule {}
