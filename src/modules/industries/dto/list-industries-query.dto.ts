import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { sortOptions } from '../../../common/pagination/keyset';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { Trim } from '../../../common/validation/transforms';
import { INDUSTRY_LEVELS, type IndustryLevel } from '../industry.entity';
import { INDUSTRY_CODE_MESSAGE, INDUSTRY_CODE_PATTERN } from '../industry-code';

export const INDUSTRY_SORTS = sortOptions(['code', 'title']);

export class ListIndustriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INDUSTRY_LEVELS })
  @IsOptional()
  @IsIn(INDUSTRY_LEVELS)
  level?: IndustryLevel;

  /** Direct children of this code (e.g. `C` lists its divisions). */
  @IsOptional()
  @Matches(INDUSTRY_CODE_PATTERN, { message: `parent ${INDUSTRY_CODE_MESSAGE}` })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  parent?: string;

  /** Matches code or title; case- and accent-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  /** `code` sorts the tree depth-first (A, 01, 011, 0111, ...). */
  @ApiPropertyOptional({ enum: INDUSTRY_SORTS, default: 'code' })
  @IsOptional()
  @IsIn(INDUSTRY_SORTS)
  sort?: string;
}
