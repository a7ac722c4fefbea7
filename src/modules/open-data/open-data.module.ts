import { Module } from '@nestjs/common';
import { PublisherController } from './publisher/publisher.controller';
import { PublisherRepository } from './publisher/publisher.repository';
import { PublisherService } from './publisher/publisher.service';

/** Open data (issue 20): who publishes, so far; the feeds build on it. */
@Module({
  controllers: [PublisherController],
  providers: [PublisherRepository, PublisherService],
  exports: [PublisherService],
})
export class OpenDataModule {}
