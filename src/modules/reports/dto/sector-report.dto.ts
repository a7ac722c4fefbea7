import { ApiProperty } from '@nestjs/swagger';
import { SECTOR_LEVELS, type SectorLevel } from './report-query.dto';

export class SectorReportRowDto {
  code!: string;
  title!: string;
  /** Projects with at least part of their investment in this sector. */
  projects!: number;
  /** USD allocated to the sector by percentage, decimal string. */
  investmentUsd!: string;
  jobsPlanned!: number;
  jobsActual!: number;
  /** investmentUsd / total USD, 0..1. */
  share!: number;
  /** The project list behind the number. */
  projectsUrl!: string;
}

export class SectorReportMetaDto {
  @ApiProperty({ enum: SECTOR_LEVELS })
  level!: SectorLevel;
  filters!: Record<string, string>;
  generatedAt!: string;
  fxRule!: string;
  /** Matching projects whose USD amount is unknown (no amount or no rate): not in USD totals. */
  projectsWithoutUsd!: number;
}

export class SectorReportTotalsDto {
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
  jobsActual!: number;
}

export class SectorReportDto {
  meta!: SectorReportMetaDto;
  rows!: SectorReportRowDto[];
  totals!: SectorReportTotalsDto;
}
