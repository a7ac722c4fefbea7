import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { FxRatesModule } from '../fx-rates/fx-rates.module';
import { InvestorsModule } from '../investors/investors.module';
import { OpenDataModule } from '../open-data/open-data.module';
import { PairingsModule } from '../pairings/pairings.module';
import { ParksModule } from '../parks/parks.module';
import { ProjectsModule } from '../projects/projects.module';
import { DemoSeedService } from './demo-seed.service';

/** The demo data set and its loader (`npm run seed:demo`, and the first start). */
@Module({
  imports: [
    DocumentsModule,
    FxRatesModule,
    InvestorsModule,
    ParksModule,
    OpenDataModule,
    PairingsModule,
    ProjectsModule,
  ],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class DemoDataModule {}
