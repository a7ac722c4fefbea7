import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { Polygon } from 'geojson';
import { GeoSourceDto, LocationInputDto, PolygonDto } from '../../geography/dto/location.dto';
import { IsGeoJsonPolygon } from '../../geography/dto/is-polygon';
import { SourceDto, SourceNote } from '../../../common/sources/source';
import { Trim, UpperCase, unlessNull } from '../../../common/validation/transforms';
import { PARK_STATUSES, type ParkStatus, ZONE_TYPES, type ZoneType } from '../park-enums';

export class ParkIndustryInputDto {
  /** ISIC Rev.4 code at any level: section `C`, division `24`, group `241`, class `2410`. */
  @ApiProperty({ example: '24' })
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, { message: 'code must be an ISIC Rev.4 code such as C or 2410' })
  code!: string;

  /** The park's main industry; exactly one per park. */
  @IsOptional()
  @IsBoolean()
  primary?: boolean;
}

export class CreateParkDto {
  /** Unique, upper case, starting with the country: `MY-MCKIP`. */
  @ApiProperty({ example: 'MY-MCKIP' })
  @UpperCase()
  @Matches(/^[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*$/, {
    message: 'code must look like MY-MCKIP (country, dash, letters and digits)',
  })
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'Malaysia-China Kuantan Industrial Park' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '马中关丹产业园' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameZh?: string | null;

  /** The name in the host country's language. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameLocal?: string | null;

  @ApiProperty({ example: 'MY' })
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  /** ISO 3166-2 subdivision of the park's country, e.g. `MY-06`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'MY-06' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @UpperCase()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, {
    message: 'subdivisionCode must be an ISO 3166-2 code such as MY-06',
  })
  subdivisionCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @ApiProperty({ enum: ZONE_TYPES })
  @IsIn(ZONE_TYPES)
  zoneType!: ZoneType;

  /** Null when not known (no source states it). */
  @ApiPropertyOptional({ enum: PARK_STATUSES, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsIn(PARK_STATUSES)
  status?: ParkStatus | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsISO8601({ strict: true }, { message: 'establishedOn must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'establishedOn must be a date (YYYY-MM-DD)' })
  establishedOn?: string | null;

  /** Area in hectares as a decimal string, e.g. `"1416.40"`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: '1416.40' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Matches(/^(?!0+(\.0+)?$)\d{1,10}(\.\d{1,2})?$/, {
    message: 'areaHa must be a positive decimal string with at most 2 decimals, e.g. "1416.40"',
  })
  areaHa?: string | null;

  /**
   * Where the park is: longitude and latitude (WGS 84), how exact, what the point stands for, and
   * the source. Must lie within the country (a point outside is refused, naming swapped
   * coordinates when that is the likely cause). `location.subdivisionCode` is the same field as
   * `subdivisionCode`.
   */
  @ApiPropertyOptional({ type: LocationInputDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @ValidateNested()
  @Type(() => LocationInputDto)
  location?: LocationInputDto | null;

  /** The park's outline as a GeoJSON Polygon (closed rings, longitude first) around its point. */
  @ApiPropertyOptional({ type: PolygonDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsGeoJsonPolygon()
  boundary?: Polygon | null;

  /** Where the boundary comes from (a master plan, a gazette, a survey). */
  @ApiPropertyOptional({ type: GeoSourceDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @ValidateNested()
  @Type(() => GeoSourceDto)
  boundarySource?: GeoSourceDto | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'website must be an http(s) URL' },
  )
  @MaxLength(2000)
  website?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @SourceNote()
  note?: string | null;

  /** Focus industries; when given, exactly one is primary. */
  @ApiPropertyOptional({ type: [ParkIndustryInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParkIndustryInputDto)
  industries?: ParkIndustryInputDto[];

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}

/** PATCH: any field but the industries (PUT /parks/{id}/industries sets those). */
export class UpdateParkDto extends PartialType(OmitType(CreateParkDto, ['industries'] as const)) {
  /** The version you read, if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}
