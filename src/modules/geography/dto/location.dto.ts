import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { SourceDto } from '../../../common/sources/source.dto';
import { UpperCase, unlessNull } from '../../../common/validation/transforms';
import { EXACTNESSES, type Exactness, PRECISIONS, type Precision } from '../geo-point';

/** A latitude beyond ±90 that would be a fine longitude is nearly always a swapped pair. */
const latitudeMessage = ({ property, value }: ValidationArguments): string =>
  typeof value === 'number' && Math.abs(value) <= 180
    ? `${property} must be between -90 and 90; ${value} looks like a longitude: are lon and lat swapped? (GeoJSON order is longitude first)`
    : `${property} must be between -90 and 90`;

/** Where a location or boundary comes from: a URL (a gazetteer, a map, a gazette) and its title. */
export class GeoSourceDto extends OmitType(SourceDto, ['documentId'] as const) {}

export class LocationInputDto {
  /** Longitude in degrees (WGS 84), east positive. */
  @ApiProperty({ example: 103.326, minimum: -180, maximum: 180 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lon must be a number' })
  @Min(-180, { message: 'lon must be between -180 and 180' })
  @Max(180, { message: 'lon must be between -180 and 180' })
  lon!: number;

  /** Latitude in degrees (WGS 84), north positive. */
  @ApiProperty({ example: 3.808, minimum: -90, maximum: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number' })
  @Min(-90, { message: latitudeMessage })
  @Max(90, { message: latitudeMessage })
  lat!: number;

  /** IATI GeographicExactness: `exact` at the site, `approximate` when only near it. */
  @ApiPropertyOptional({ enum: EXACTNESSES, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsIn(EXACTNESSES, { message: `exactness must be one of ${EXACTNESSES.join(', ')}` })
  exactness?: Exactness | null;

  /** What the point stands for: the site, or the district, city, province or country. */
  @ApiPropertyOptional({ enum: PRECISIONS, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsIn(PRECISIONS, { message: `precision must be one of ${PRECISIONS.join(', ')}` })
  precision?: Precision | null;

  /** ISO 3166-2 subdivision of the record's country, e.g. `MY-06`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'MY-06' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @UpperCase()
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, {
    message: 'subdivisionCode must be an ISO 3166-2 code such as MY-06',
  })
  subdivisionCode?: string | null;

  /** Where the coordinates come from (a gazetteer entry, the park's own map, a gazette). */
  @ApiPropertyOptional({ type: GeoSourceDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @ValidateNested()
  @Type(() => GeoSourceDto)
  source?: GeoSourceDto | null;
}

/** A record's location as the API gives it: always every member, null when not stated. */
export class LocationDto {
  @ApiProperty({ example: 103.326 })
  lon!: number;
  @ApiProperty({ example: 3.808 })
  lat!: number;
  @ApiProperty({ enum: EXACTNESSES, nullable: true })
  exactness!: Exactness | null;
  @ApiProperty({ enum: PRECISIONS, nullable: true })
  precision!: Precision | null;
  @ApiProperty({ type: String, nullable: true, example: 'MY-06' })
  subdivisionCode!: string | null;
  @ApiProperty({ type: GeoSourceDto, nullable: true })
  source!: GeoSourceDto | null;
}

/** A GeoJSON Polygon (RFC 7946): rings of [longitude, latitude], the first the outer boundary. */
export class PolygonDto {
  @ApiProperty({ enum: ['Polygon'] })
  type!: 'Polygon';

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    example: [
      [
        [103.3, 3.95],
        [103.42, 3.95],
        [103.42, 4.03],
        [103.3, 4.03],
        [103.3, 3.95],
      ],
    ],
  })
  coordinates!: number[][][];
}
