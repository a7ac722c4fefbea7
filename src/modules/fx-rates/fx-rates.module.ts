import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { FxRateEntity } from './fx-rate.entity';
import { FxRatesController } from './fx-rates.controller';
import { FxRatesRepository } from './fx-rates.repository';
import { FxRatesService } from './fx-rates.service';

@Module({
  imports: [TypeOrmModule.forFeature([FxRateEntity]), AuditModule],
  controllers: [FxRatesController],
  providers: [FxRatesRepository, FxRatesService],
  exports: [FxRatesService],
})
export class FxRatesModule {}
