import { UpperCase } from '../../../common/validation/transforms';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PROJECT_STAGES, type ProjectStage } from '../../projects/project-enums';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const SECTOR_LEVELS = ['section', 'division', 'group', 'class'] as const;
export type SectorLevel = (typeof SECTOR_LEVELS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters shared by the reports: which projects count. */
export class ReportFilterDto {
  /** Host country. */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @IsOptional()
  @IsUUID('all', { message: 'park must be a park id (UUID)' })
  park?: string;

  @IsOptional()
  @IsUUID('all', { message: 'pairing must be a pairing id (UUID)' })
  pairing?: string;

  @ApiPropertyOptional({ enum: PROJECT_STAGES })
  @IsOptional()
  @IsIn(PROJECT_STAGES)
  stage?: ProjectStage;

  /** Reference date on or after. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  /** Reference date on or before. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  /** Projects with an investor from this home country. */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'investorCountry must be an ISO 3166-1 alpha-2 code' })
  investorCountry?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class SectorReportQueryDto extends ReportFilterDto {
  /** ISIC level to total at. */
  @ApiPropertyOptional({ enum: SECTOR_LEVELS, default: 'section' })
  @IsOptional()
  @IsIn(SECTOR_LEVELS)
  level?: SectorLevel;
}
