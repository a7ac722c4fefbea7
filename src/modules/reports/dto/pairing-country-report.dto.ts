import { ApiProperty } from '@nestjs/swagger';

export class ReportMetaDto {
  filters!: Record<string, string>;
  generatedAt!: string;
  fxRule!: string;
  projectsWithoutUsd!: number;
}

export class TopSectorDto {
  /** ISIC section. */
  code!: string;
  title!: string;
  investmentUsd!: string;
}

export class PairingSideReportDto {
  countryCode!: string;
  parks!: number;
  /** Projects hosted in the side's parks. */
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
  jobsActual!: number;
  /** Up to three sections by USD. */
  @ApiProperty({ type: [TopSectorDto] })
  topSectors!: TopSectorDto[];
}

export class PairingReportRowDto {
  pairingId!: string;
  code!: string;
  name!: string;
  status!: string;
  reviewState!: string;
  sides!: PairingSideReportDto[];
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
  jobsActual!: number;
}

export class PairingReportDto {
  meta!: ReportMetaDto;
  rows!: PairingReportRowDto[];
}

export class CountryPairDto {
  hostCountryCode!: string;
  /** null: projects without registered investors. */
  investorCountryCode!: string | null;
  projects!: number;
  investmentUsd!: string;
  projectsUrl!: string;
}

export class YearTotalDto {
  year!: number;
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
  projectsWithoutUsd!: number;
}

export class CountryReportDto {
  meta!: ReportMetaDto;
  /** Host country by investor home country. */
  rows!: CountryPairDto[];
  /** Totals by year of the reference date. */
  years!: YearTotalDto[];
}
