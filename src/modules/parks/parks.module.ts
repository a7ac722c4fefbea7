import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { GeographyModule } from '../geography/geography.module';
import { ParkIndustryEntity } from './park-industry.entity';
import { ParkEntity } from './park.entity';
import { ParksController } from './parks.controller';
import { ParksRepository } from './parks.repository';
import { ParksService } from './parks.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ParkEntity, ParkIndustryEntity]),
    AuditModule,
    GeographyModule,
  ],
  controllers: [ParksController],
  providers: [ParksRepository, ParksService],
  exports: [ParksService, ParksRepository],
})
export class ParksModule {}
