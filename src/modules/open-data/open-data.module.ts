import { Module } from '@nestjs/common';
import { PublishedViewRepository } from './published/published-view.repository';
import { PublisherController } from './publisher/publisher.controller';
import { PublisherRepository } from './publisher/publisher.repository';
import { PublisherService } from './publisher/publisher.service';
import { PublicationService } from './snapshots/publication.service';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { SnapshotsRepository } from './snapshots/snapshots.repository';

/**
 * Open data under the API (/api/v1): who publishes, publishing and verifying snapshots, and the
 * reviewer's preview. The public feeds and page are OpenPublicModule's (no prefix, no sign-in).
 */
@Module({
  controllers: [PublisherController, SnapshotsController],
  providers: [
    PublisherRepository,
    PublisherService,
    PublishedViewRepository,
    SnapshotsRepository,
    PublicationService,
  ],
  exports: [PublisherService, PublicationService],
})
export class OpenDataModule {}
