import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { sortOptions } from '../../../common/pagination/keyset';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';

export const COUNTRY_SORTS = sortOptions(['code', 'name']);

export class ListCountriesQueryDto extends PageQueryDto {
  /** `true`: ASEAN member states only; `false`: everyone else. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  asean?: boolean;

  /** Matches code, alpha-3, English, official and Chinese names; case- and accent-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: COUNTRY_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(COUNTRY_SORTS)
  sort?: string;
}
