import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { InvestorEntity } from './investor.entity';
import { InvestorsController } from './investors.controller';
import { InvestorsRepository } from './investors.repository';
import { InvestorsService } from './investors.service';

@Module({
  imports: [TypeOrmModule.forFeature([InvestorEntity]), AuditModule],
  controllers: [InvestorsController],
  providers: [InvestorsRepository, InvestorsService],
  exports: [InvestorsService, InvestorsRepository],
})
export class InvestorsModule {}
