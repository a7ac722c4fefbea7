import { ApiProperty } from '@nestjs/swagger';
import { EXACTNESSES, type Exactness, PRECISIONS, type Precision } from '../../geography/geo-point';
import { ReportMetaDto } from './pairing-country-report.dto';

export class MapPlaceDto {
  lon!: number;
  lat!: number;
  @ApiProperty({ enum: EXACTNESSES, nullable: true })
  exactness!: Exactness | null;
  @ApiProperty({ enum: PRECISIONS, nullable: true })
  precision!: Precision | null;
}

/** One host park: what is invested there under the filters. */
export class MapParkRowDto {
  parkId!: string;
  code!: string;
  name!: string;
  nameZh!: string | null;
  countryCode!: string;
  /** Null: the park has no location, so the map cannot draw it (the table still lists it). */
  @ApiProperty({ type: MapPlaceDto, nullable: true })
  location!: MapPlaceDto | null;
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
  /** The projects behind the figures (the project list with the same filters and this park). */
  projectsUrl!: string;
}

export class MapCountryRowDto {
  countryCode!: string;
  parks!: number;
  projects!: number;
  investmentUsd!: string;
  jobsPlanned!: number;
}

/** Two parks a pairing links (the Chinese park and one partner park). */
export class MapLinkDto {
  fromParkId!: string;
  toParkId!: string;
}

export class MapPairingDto {
  pairingId!: string;
  code!: string;
  name!: string;
  reviewState!: string;
  @ApiProperty({ type: [MapLinkDto] })
  links!: MapLinkDto[];
}

export class MapReportDto {
  meta!: ReportMetaDto;
  /** Host parks with at least one project under the filters, largest investment first. */
  @ApiProperty({ type: [MapParkRowDto] })
  parks!: MapParkRowDto[];
  /** Totals by host country. */
  @ApiProperty({ type: [MapCountryRowDto] })
  countries!: MapCountryRowDto[];
  /** The pairings of those parks, drawn as arcs (their other parks are in `otherParks`). */
  @ApiProperty({ type: [MapPairingDto] })
  pairings!: MapPairingDto[];
  /** Parks at the other end of those pairings with no investment under the filters. */
  @ApiProperty({ type: [MapParkRowDto] })
  otherParks!: MapParkRowDto[];
}
