import { Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailDeliveriesService } from './mail-deliveries.service';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';

/**
 * Email: the outbox others write to in their own transactions (MailOutboxRepository.enqueue),
 * the worker that sends it, and the admins' view of deliveries.
 */
@Module({
  controllers: [MailController],
  // Clock comes from the global ClockModule, so a test that sets it moves this module too.
  providers: [MailOutboxRepository, MailTransport, MailWorker, MailDeliveriesService],
  // The repository is exported on purpose: enqueue must run in the caller's transaction.
  exports: [MailOutboxRepository, MailWorker, MailTransport],
})
export class MailModule {}
