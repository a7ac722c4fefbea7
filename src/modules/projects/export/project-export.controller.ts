import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiDownloadResponse } from '../../../common/openapi/api-download-response.decorator';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator';
import { Access, ALL_ROLES } from '../../auth/access.decorator';
import { ListProjectsQueryDto } from '../dto/list-projects-query.dto';
import { downloadName } from '../../reports/report-csv';
import { XLSX_TYPE } from '../../reports/report-xlsx';
import { ProjectExportService } from './project-export.service';

export class ExportProjectsQueryDto extends ListProjectsQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

@ApiTags('projects')
@Controller('projects/export')
export class ProjectExportController {
  constructor(private readonly exports: ProjectExportService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({
    summary:
      'Every project matching the list filters as CSV or XLSX in the import columns (streamed from a database cursor; limit, cursor and sort do not apply)',
    operationId: 'exportProjects',
  })
  @ApiDownloadResponse({
    downloads: ['csv', 'xlsx'],
    description: 'Every matching project, ordered by ref, as a CSV or XLSX download (`format`)',
  })
  @ApiProblems(400)
  async export(@Query() query: ExportProjectsQueryDto): Promise<StreamableFile> {
    if (query.format === 'xlsx') {
      return new StreamableFile(await this.exports.xlsx(query), {
        type: XLSX_TYPE,
        disposition: downloadName('projects', 'xlsx'),
      });
    }
    return new StreamableFile(await this.exports.csv(query), {
      type: 'text/csv; charset=utf-8',
      disposition: downloadName('projects', 'csv'),
    });
  }
}
