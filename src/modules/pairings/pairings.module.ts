import { GeographyModule } from '../geography/geography.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { OpenDataModule } from '../open-data/open-data.module';
import { ReviewDeskModule } from '../review-desk/review-desk.module';
import {
  PairingIndustryEntity,
  PairingParkEntity,
  PairingReviewEntity,
} from './pairing-links.entity';
import { PairingEntity } from './pairing.entity';
import { PairingsController } from './pairings.controller';
import { PairingsRepository } from './pairings.repository';
import { PairingsService } from './pairings.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      PairingEntity,
      PairingParkEntity,
      PairingIndustryEntity,
      PairingReviewEntity,
    ]),
    AuditModule,
    ReviewDeskModule,
    GeographyModule,
    OpenDataModule,
  ],
  controllers: [PairingsController],
  providers: [PairingsRepository, PairingsService],
  exports: [PairingsService],
})
export class PairingsModule {}
