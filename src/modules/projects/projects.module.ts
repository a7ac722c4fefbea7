import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { GeographyModule } from '../geography/geography.module';
import { ProjectInvestorEntity, ProjectSectorEntity } from './project-links.entity';
import { ProjectEntity } from './project.entity';
import { ProjectsController } from './projects.controller';
import { ImportController } from './import/import.controller';
import { ProjectExportController } from './export/project-export.controller';
import { ProjectExportService } from './export/project-export.service';
import { ImportRepository } from './import/import.repository';
import { ImportService } from './import/import.service';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ProjectEntity, ProjectSectorEntity, ProjectInvestorEntity]),
    AuditModule,
    GeographyModule,
  ],
  controllers: [ImportController, ProjectExportController, ProjectsController],
  providers: [
    ProjectsRepository,
    ProjectsService,
    ImportRepository,
    ImportService,
    ProjectExportService,
  ],
  exports: [ProjectsService, ProjectsRepository, ImportService],
})
export class ProjectsModule {}
