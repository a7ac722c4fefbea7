import { ApiProperty } from '@nestjs/swagger';
import { type Source, SourceDto } from '../../../common/sources/source';
import {
  INVESTOR_ROLES,
  type InvestorRole,
  PROJECT_STAGES,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectType,
} from '../project-enums';
import { MoneyDto } from './project-input.dto';
import { LocationDto } from '../../geography/dto/location.dto';

export class ProjectSectorDto {
  code!: string;
  title!: string;
  /** Two decimals: "60.00". */
  percentage!: string;
}

export class ProjectInvestorDto {
  investorId!: string;
  name!: string;
  /** The investor's home country. */
  countryCode!: string;
  @ApiProperty({ enum: INVESTOR_ROLES })
  role!: InvestorRole;
  sharePct!: string | null;
}

export class FxUsedDto {
  /** US dollars per unit of the investment currency. */
  usdPerUnit!: string;
  /** The date of the rate used: the latest on or before the project's reference date. */
  rateDate!: string;
  source!: string;
}

export class ProjectResponseDto {
  id!: string;
  /** Public reference: park code, year, sequence. */
  ref!: string;
  title!: string;
  description!: string | null;
  /** Editorial note on the sources and figures: disagreements, estimates, what is not known. */
  note!: string | null;
  parkId!: string;
  parkCode!: string;
  hostCountryCode!: string;
  pairingId!: string | null;
  investors!: ProjectInvestorDto[];
  sectors!: ProjectSectorDto[];
  @ApiProperty({ enum: PROJECT_TYPES })
  type!: ProjectType;
  @ApiProperty({ enum: PROJECT_STAGES })
  stage!: ProjectStage;
  announcedOn!: string | null;
  signedOn!: string | null;
  constructionStartOn!: string | null;
  operationalOn!: string | null;
  /** Signed, else announced, else created: the date FX and reports use. */
  referenceDate!: string;
  /** Rounded to the currency's minor units (none for VND). */
  @ApiProperty({ type: MoneyDto, nullable: true })
  investment!: MoneyDto | null;
  /**
   * USD at the rate in `fx`; the amount itself when it is in USD (then `fx` is null); null
   * (never 0) when no rate applies.
   */
  @ApiProperty({ type: String, nullable: true, example: '1708000000.00' })
  amountUsd!: string | null;
  @ApiProperty({ type: FxUsedDto, nullable: true })
  fx!: FxUsedDto | null;
  jobsPlanned!: number | null;
  jobsActual!: number | null;
  estimated!: boolean;
  /** The project's own point; null when it is located at its park (see the park's). */
  @ApiProperty({ type: LocationDto, nullable: true })
  location!: LocationDto | null;
  @ApiProperty({ type: [SourceDto] })
  sources!: Source[];
  version!: number;
  createdAt!: string;
  updatedAt!: string;
  archivedAt!: string | null;
}

export class ProjectPageDto {
  items!: ProjectResponseDto[];
  nextCursor!: string | null;
}
