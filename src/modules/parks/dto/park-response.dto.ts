import { ApiProperty } from '@nestjs/swagger';
import type { Source } from '../../../common/sources/source';
import { SourceDto } from '../../../common/sources/source';
import { PARK_STATUSES, type ParkStatus, ZONE_TYPES, type ZoneType } from '../park-enums';
import type { ParkIndustryEntity } from '../park-industry.entity';
import type { ParkEntity } from '../park.entity';
import type { Polygon } from 'geojson';
import { GeoSourceDto, LocationDto, PolygonDto } from '../../geography/dto/location.dto';
import { toGeoSource, toLocationDto } from '../../geography/locations';

export class ParkIndustryDto {
  code!: string;
  /** ISIC title, e.g. "Manufacture of basic metals". */
  title!: string;
  @ApiProperty({ enum: ['section', 'division', 'group', 'class'] })
  level!: string;
  primary!: boolean;
}

export class ParkResponseDto {
  id!: string;
  code!: string;
  name!: string;
  nameZh!: string | null;
  nameLocal!: string | null;
  countryCode!: string;
  subdivisionCode!: string | null;
  city!: string | null;
  @ApiProperty({ enum: ZONE_TYPES })
  zoneType!: ZoneType;
  @ApiProperty({ enum: PARK_STATUSES, nullable: true })
  status!: ParkStatus | null;
  establishedOn!: string | null;
  /** Hectares, decimal string. */
  areaHa!: string | null;
  @ApiProperty({ type: LocationDto, nullable: true })
  location!: LocationDto | null;
  @ApiProperty({ type: PolygonDto, nullable: true })
  boundary!: Polygon | null;
  @ApiProperty({ type: GeoSourceDto, nullable: true })
  boundarySource!: GeoSourceDto | null;
  website!: string | null;
  description!: string | null;
  /** Editorial note on the sources and figures: disagreements, estimates, what is not known. */
  note!: string | null;
  /** Focus industries, primary first. */
  industries!: ParkIndustryDto[];
  @ApiProperty({ type: [SourceDto] })
  sources!: Source[];
  version!: number;
  createdAt!: string;
  updatedAt!: string;
  archivedAt!: string | null;
}

export class ParkPageDto {
  items!: ParkResponseDto[];
  nextCursor!: string | null;
}

/** A link with the industry it points at (title and level for display). */
export interface ParkIndustryView {
  readonly industryCode: string;
  readonly isPrimary: boolean;
  readonly title: string;
  readonly level: string;
}

export function toParkIndustryView(link: ParkIndustryEntity): ParkIndustryView {
  return {
    industryCode: link.industryCode,
    isPrimary: link.isPrimary,
    title: link.industry?.title ?? '',
    level: link.industry?.level ?? '',
  };
}

export function toParkResponse(
  park: ParkEntity,
  industries: readonly ParkIndustryView[],
): ParkResponseDto {
  return {
    id: park.id,
    code: park.code,
    name: park.name,
    nameZh: park.nameZh,
    nameLocal: park.nameLocal,
    countryCode: park.countryCode,
    subdivisionCode: park.subdivisionCode,
    city: park.city,
    zoneType: park.zoneType,
    status: park.status,
    establishedOn: park.establishedOn,
    areaHa: park.areaHa,
    location: toLocationDto(park, park.subdivisionCode),
    boundary: park.boundary,
    boundarySource: toGeoSource(park.boundarySource),
    website: park.website,
    description: park.description,
    note: park.note,
    industries: [...industries]
      .sort(
        (a, b) =>
          Number(b.isPrimary) - Number(a.isPrimary) || a.industryCode.localeCompare(b.industryCode),
      )
      .map((link) => ({
        code: link.industryCode,
        title: link.title,
        level: link.level,
        primary: link.isPrimary,
      })),
    sources: park.sources,
    version: park.version,
    createdAt: park.createdAt.toISOString(),
    updatedAt: park.updatedAt.toISOString(),
    archivedAt: park.archivedAt?.toISOString() ?? null,
  };
}
