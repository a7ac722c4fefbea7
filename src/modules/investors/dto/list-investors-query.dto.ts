import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
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
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { INVESTOR_TYPES, type InvestorType } from '../investor-enums';

export const INVESTOR_SORTS = sortOptions(['name']);

export class ListInvestorsQueryDto extends PageQueryDto {
  /** Home country (alpha-2). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: INVESTOR_TYPES })
  @IsOptional()
  @IsIn(INVESTOR_TYPES)
  type?: InvestorType;

  /** English, Chinese or local name; case- and accent-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  @ApiPropertyOptional({ enum: INVESTOR_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(INVESTOR_SORTS)
  sort?: string;
}
