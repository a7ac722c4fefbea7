import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { sortOptions } from '../../../common/pagination/keyset';
import { GeoListQueryDto } from '../../geography/dto/geo-list-query.dto';
import { QueryBoolean, UpperCase } from '../../../common/validation/transforms';
import {
  PAIRING_STATUSES,
  type PairingStatus,
  REVIEW_STATES,
  type ReviewState,
} from '../pairing-enums';

export const PAIRING_SORTS = sortOptions(['code', 'name']);

export class ListPairingsQueryDto extends GeoListQueryDto {
  /** Pairings with a side in this country. */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** Pairings that include this park. */
  @IsOptional()
  @IsUUID('all', { message: 'park must be a park id (UUID)' })
  park?: string;

  /** ISIC code at any level; matches cooperation industries under it too. */
  @IsOptional()
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, {
    message: 'industry must be an ISIC Rev.4 code such as C or 2410',
  })
  industry?: string;

  @ApiPropertyOptional({ enum: REVIEW_STATES })
  @IsOptional()
  @IsIn(REVIEW_STATES)
  reviewState?: ReviewState;

  @ApiPropertyOptional({ enum: PAIRING_STATUSES })
  @IsOptional()
  @IsIn(PAIRING_STATUSES)
  status?: PairingStatus;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  @ApiPropertyOptional({ enum: PAIRING_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(PAIRING_SORTS)
  sort?: string;
}
