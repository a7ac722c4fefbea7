import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { sortOptions } from '../../../common/pagination/keyset';
import { GeoListQueryDto } from '../../geography/dto/geo-list-query.dto';
import { QueryBoolean, Trim, UpperCase } from '../../../common/validation/transforms';
import { PARK_STATUSES, type ParkStatus, ZONE_TYPES, type ZoneType } from '../park-enums';

export const PARK_SORTS = sortOptions(['code', 'name']);

export class ListParksQueryDto extends GeoListQueryDto {
  /** Host country (alpha-2). */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** ISIC code at any level; matches parks focused on it or any of its descendants. */
  @IsOptional()
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, {
    message: 'industry must be an ISIC Rev.4 code such as C or 2410',
  })
  industry?: string;

  @ApiPropertyOptional({ enum: PARK_STATUSES })
  @IsOptional()
  @IsIn(PARK_STATUSES)
  status?: ParkStatus;

  @ApiPropertyOptional({ enum: ZONE_TYPES })
  @IsOptional()
  @IsIn(ZONE_TYPES)
  zoneType?: ZoneType;

  /** Code, English, Chinese or local name; case- and accent-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  /** Include archived parks. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  @ApiPropertyOptional({ enum: PARK_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(PARK_SORTS)
  sort?: string;
}
